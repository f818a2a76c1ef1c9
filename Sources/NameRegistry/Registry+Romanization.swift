import NameCanon

extension Registry {
    /// The `romanization` stage: a loosely spelled mention's `spelled` keys meet exact names'
    /// `reading` keys and back ("Teng Hsiao-ping" ↔ 邓小平, "Lee Ka-chiu" ↔ 李家超, "Moon Jae-in" ↔
    /// 문재인), and a Hanja name's exact Korean reading meets a Hangul name (金正恩 ↔ 김정은).
    ///
    /// Two exact forms never meet through a loose space: 李强 and 李蔷, 김정은 and 김종은, "Zhang
    /// Wei" and "Chang Wei" are different people. A Han or Hangul mention also only meets entities
    /// with no name in its script or with the same text there, as at the key stages.
    func romanizationLookup(_ n: NormalizedName) -> Lookup? {
        var ids = Set<String>()
        var via: [String] = []
        for key in n.keys {
            var hits: [Posting] = []
            switch key.kind {
            case .spelled:
                hits = Array(postings[NameKey(.reading, key.value)] ?? [])
            case .reading:
                hits = Array(postings[NameKey(.spelled, key.value)] ?? [])
                // Hanja and Hangul forms of one Korean name: the same exact reading, other script.
                if key.value.hasPrefix("kr:") {
                    hits += (postings[NameKey(.reading, key.value)] ?? []).filter { $0.han != (n.script == .han) }
                }
            default:
                continue
            }
            let found = hits.map(\.entity).filter { scriptCompatible(n, entity: $0) }
            if !found.isEmpty {
                ids.formUnion(found)
                via.append(key.value)
            }
        }
        let live = Set(ids.compactMap { self.live($0) })
        guard !live.isEmpty else { return nil }
        return Lookup(match: .romanization, entities: live.sorted(), via: "romanization \(via.joined(separator: " or "))")
    }

    /// True when a Han or Hangul mention may stand for the entity: it has no name in that script,
    /// or one written the same (Han compared in simplified form).
    func scriptCompatible(_ n: NormalizedName, entity id: String) -> Bool {
        switch n.script {
        case .han:
            return hanCompatible(n, entity: id)
        case .hangul:
            guard let entity = entities[id] else { return false }
            let hangul = entity.names.filter { $0.script == Script.hangul.rawValue }
            let mention = n.display.filter { !$0.isWhitespace }
            return hangul.isEmpty || hangul.contains { $0.text.filter { !$0.isWhitespace } == mention }
        default:
            return true
        }
    }
}

extension Registry {
    /// The last stage for a pinyin mention: each syllable → the Hán-Việt syllables of the
    /// characters read so, meeting the `hanviet` key of a Vietnamese press form ("Hu Jintao" →
    /// hồ cẩm đào → "Hồ Cẩm Đào") whose Han form was never seen. Every syllable must agree; only
    /// Latin names count (a Han name would have met the pinyin on its own keys).
    func pinyinToHanVietLookup(_ n: NormalizedName) -> Lookup? {
        guard n.script == .latin, n.romanization == .pinyin, let syllables = n.key(.syllable) else { return nil }
        var sequences = [""]
        for s in syllables.split(separator: " ") {
            let options = canon.hanvietSyllables(forPinyin: String(s))
            if options.isEmpty || sequences.count * options.count > 8192 { return nil }
            sequences = sequences.flatMap { p in options.map { p.isEmpty ? $0 : p + " " + $0 } }
        }
        var ids: [String] = []
        var via: [String] = []
        for key in sequences {
            guard let hits = postings[NameKey(.hanviet, key)]?.filter({ !$0.han }), !hits.isEmpty else { continue }
            ids += hits.map(\.entity)
            via.append(key)
        }
        let found = Set(ids.compactMap { live($0) })
        guard !found.isEmpty else { return nil }
        return Lookup(match: .hanviet, entities: found.sorted(),
                      via: "syllables \(syllables) read as Hán-Việt \(via.joined(separator: " or "))", backwards: true)
    }
}
