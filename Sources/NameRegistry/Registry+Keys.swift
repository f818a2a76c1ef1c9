import NameCanon

extension Registry {
    /// The snapshot with every name's keys as this engine derives them. Keys are stored per name
    /// so lookups need no normalization at open; when the engine's key version differs from the
    /// one the store recorded (a registry written before a new key kind existed), every name is
    /// normalized again and the changed keys are written back in one transaction, once.
    func refreshingKeys(_ snapshot: RegistrySnapshot) throws(RegistryError) -> RegistrySnapshot {
        let version = NameCanonVersion.keys
        if try store.keyVersion() == version { return snapshot }
        var snapshot = snapshot
        var changes: [StoreChange] = []
        for e in snapshot.entities.indices {
            for i in snapshot.entities[e].names.indices {
                let name = snapshot.entities[e].names[i]
                guard let keys = freshKeys(name), keys != name.keys else { continue }
                snapshot.entities[e].names[i].keys = keys
                changes.append(.setKeys(entity: snapshot.entities[e].id, text: name.text, keys: keys))
            }
        }
        changes.append(.setKeyVersion(version))
        try store.apply(changes)
        return snapshot
    }

    /// A stored name's keys as this engine derives them: normalized as a new mention would be,
    /// with the stored language as the hint only where the guess differs from it.
    func freshKeys(_ name: StoredName) -> [NameKey]? {
        guard let guessed = try? canon.normalize(name.text) else { return nil }
        if guessed.language == name.language { return guessed.keys }
        return (try? canon.normalize(name.text, hint: name.language))?.keys ?? guessed.keys
    }
}
