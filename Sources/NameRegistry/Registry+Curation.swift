import Foundation
import NameCanon

/// Curation: putting a person's record right by hand. `rename` sets the display form, `split`
/// undoes a merge, `distinct` records that two entities are different people. (`register`,
/// `alias`, `forget` and `merge` live in Registry.swift.)
extension Registry {
    // MARK: - Distinct judgements in the index

    func noteDistinct(_ pair: DistinctPair) {
        judgedDistinct[pair.first, default: []].insert(pair.second)
        judgedDistinct[pair.second, default: []].insert(pair.first)
    }

    func dropDistinct(_ pair: DistinctPair) {
        judgedDistinct[pair.first]?.remove(pair.second)
        judgedDistinct[pair.second]?.remove(pair.first)
        if judgedDistinct[pair.first]?.isEmpty == true { judgedDistinct[pair.first] = nil }
        if judgedDistinct[pair.second]?.isEmpty == true { judgedDistinct[pair.second] = nil }
    }

    /// After `from` was merged into `into`: `from`'s judgements pass to `into`, as in the store.
    func moveDistinct(from: String, into: String) {
        guard let partners = judgedDistinct[from] else { return }
        for partner in partners {
            dropDistinct(DistinctPair(from, partner))
            if partner != into { noteDistinct(DistinctPair(partner, into)) }
        }
    }

    /// True when the mention fits an entity judged different from the one a stage found: one of
    /// its names has the mention's text or one of its keys, and the writing agrees.
    func fitsDistinctPartner(_ n: NormalizedName, text: String, entity id: String) -> Bool {
        guard let partner = live(id), let entity = entities[partner] else { return false }
        let keys = Set(n.keys.filter { $0.kind != .hanviet })
        let named = entity.names.contains { $0.text == text || !keys.isDisjoint(with: $0.keys) }
        return named && writingCompatible(n, span: text, entity: partner)
    }

    /// The entities recorded as different people from `id`, sorted.
    public func distinctEntities(_ id: String) throws(RegistryError) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let live = live(id) else { throw RegistryError(.notFound, "no entity \(id)") }
        return (judgedDistinct[live] ?? []).sorted()
    }

    // MARK: - Operations

    /// Sets the canonical display form and fixes it, so no learned form replaces it; with nil,
    /// releases it: the display is chosen by quality again (see Registry+Display.swift).
    /// Returns the live ID and the display now in force.
    ///
    /// ```swift
    /// try registry.rename(id, display: "Lai Ching-te")
    /// try registry.rename(id, display: nil)      // chosen again from the names
    /// ```
    @discardableResult
    public func rename(_ id: String, display: String?) throws(RegistryError) -> (entity: String, canonical: String) {
        let chosen = display.map(Self.clean)
        if let chosen, !chosen.contains(where: { $0.isLetter }) {
            throw RegistryError(.badInput, "a display form needs letters: \"\(display ?? "")\"")
        }
        lock.lock()
        defer { lock.unlock() }
        guard let live = live(id), var entity = entities[live] else { throw RegistryError(.notFound, "no entity \(id)") }
        entity.displayFixed = false
        let now = chosen ?? bestDisplay(entity)
        entity.display = now
        entity.displayFixed = chosen != nil
        try store.apply([.setDisplay(entity: live, display: now, fixed: chosen != nil)])
        reindex(entity)
        return (live, now)
    }

    /// Undoes a merge: moves the named names of `id` to the entity `into`, or to a new entity when
    /// `into` is nil, and records that the two are different people (`distinct`). The new
    /// entity's first moved name is its primary one; when the primary name moves away, the first
    /// name left becomes primary. Both displays are chosen again unless fixed.
    ///
    /// - Throws: `notFound` for an unknown ID or a name the entity does not have; `conflict` when
    ///   every name would move (nothing would be left) or `into` is the same entity.
    ///
    /// ```swift
    /// let (kept, moved) = try registry.split(id, names: ["Lê Văn Hưng", "Le Van Hung"])
    /// ```
    @discardableResult
    public func split(_ id: String, names: [String], into: String? = nil,
                      source: String = "split") throws(RegistryError) -> (entity: String, into: String, moved: [String]) {
        var texts: [String] = []
        for name in names.map(Self.clean) where !texts.contains(name) { texts.append(name) }
        guard !texts.isEmpty else { throw RegistryError(.badInput, "split needs at least one name to move") }
        lock.lock()
        defer { lock.unlock() }
        guard let live = live(id), var entity = entities[live] else { throw RegistryError(.notFound, "no entity \(id)") }
        var moving: [StoredName] = []
        for text in texts {
            guard let name = entity.names.first(where: { $0.text == text }) else {
                throw RegistryError(.notFound, "entity \(live) has no name \"\(text)\"")
            }
            moving.append(name)
        }
        guard moving.count < entity.names.count else {
            throw RegistryError(.conflict, "moving every name of \(live) would leave nothing; merge or keep it instead")
        }
        var changes: [StoreChange] = texts.map { .removeName(entity: live, text: $0) }
        let primaryMoves = moving.contains { $0.kind == .primary }
        entity.names.removeAll { texts.contains($0.text) }
        if primaryMoves || !entity.names.contains(where: { $0.kind == .primary }) {
            entity.names[0].kind = .primary
            changes.append(.setNameKind(entity: live, text: entity.names[0].text, kind: .primary))
        }
        if let better = betterDisplay(entity) {
            entity.display = better
            changes.append(.setDisplay(entity: live, display: better, fixed: false))
        }
        var target: Entity
        if let into {
            guard let other = self.live(into), let existing = entities[other] else { throw RegistryError(.notFound, "no entity \(into)") }
            if other == live { throw RegistryError(.conflict, "cannot split \(live) into itself") }
            target = existing
            let added = moving.filter { m in !target.names.contains { $0.text == m.text } }.map { name -> StoredName in
                var name = name
                if name.kind == .primary { name.kind = .alias }
                return name
            }
            target.names += added
            changes.append(.addNames(entity: other, names: added))
            if let better = betterDisplay(target) {
                target.display = better
                changes.append(.setDisplay(entity: other, display: better, fixed: false))
            }
        } else {
            let moved = moving.enumerated().map { i, name -> StoredName in
                var name = name
                name.kind = i == 0 ? .primary : (name.kind == .primary ? .alias : name.kind)
                return name
            }
            target = Entity(id: try newID(), display: moved[0].text, names: moved)
            target.display = bestDisplay(target)
            changes.append(.createEntity(target))
        }
        let pair = DistinctPair(live, target.id)
        changes.append(.addDistinct(pair))
        try store.apply(changes)
        reindex(entity)
        reindex(target)
        noteDistinct(pair)
        return (live, target.id, texts)
    }

    /// Records that `a` and `b` are different people: a mention that fits both is ambiguous
    /// with both as candidates, and neither is ever merged into the other automatically. With
    /// `undo`, withdraws the judgement. Returns the two live IDs.
    ///
    /// ```swift
    /// try registry.distinct(zhangWeiActor, zhangWeiFootballer)
    /// ```
    @discardableResult
    public func distinct(_ a: String, _ b: String, undo: Bool = false) throws(RegistryError) -> (String, String) {
        lock.lock()
        defer { lock.unlock() }
        guard let first = live(a) else { throw RegistryError(.notFound, "no entity \(a)") }
        guard let second = live(b) else { throw RegistryError(.notFound, "no entity \(b)") }
        if first == second {
            throw RegistryError(.conflict, a == b ? "an entity cannot be distinct from itself" : "\(a) and \(b) are one entity (\(first))")
        }
        let pair = DistinctPair(first, second)
        try store.apply([undo ? .removeDistinct(pair) : .addDistinct(pair)])
        if undo { dropDistinct(pair) } else { noteDistinct(pair) }
        return (first, second)
    }
}
