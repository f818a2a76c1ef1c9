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
            case .spelled where key.value.hasPrefix("vi:"):
                // A Vietnamese name in Hangul meets the Vietnamese name's own ASCII key.
                hits = (postings[NameKey(.ascii, String(key.value.dropFirst(3)))] ?? []).filter { !$0.han }
            case .spelled:
                hits = Array(postings[NameKey(.reading, key.value)] ?? [])
            case .ascii where n.language == .vi && n.script == .latin:
                hits = Array(postings[NameKey(.spelled, "vi:" + key.value)] ?? [])
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
            let hangul = entity.names.filter { $0.script == .hangul }
            let mention = n.display.filter { !$0.isWhitespace }
            return hangul.isEmpty || hangul.contains { $0.text.filter { !$0.isWhitespace } == mention }
        default:
            return true
        }
    }
}

extension Registry {
    /// The last stages, through Hán-Việt readings across romanizations: a pinyin or Wade-Giles
    /// mention reaches a Vietnamese press form ("Hu Jintao" or "Teng Hsiao-ping" → "Hồ Cẩm Đào",
    /// "Đặng Tiểu Bình"), and a Vietnamese press form reaches a Wade-Giles name.
    func hanvietAcrossRomanizations(_ n: NormalizedName, _ readings: MentionReadings) -> Lookup? {
        if let hit = romanizedToHanVietLookup(n, readings.romanizedHanViet) { return hit }
        return hanvietToSpelledLookup(n, readings.looseReadings)
    }

    /// Each syllable of a pinyin or loosely romanized mention → the Hán-Việt syllables of the
    /// characters read so, meeting the `hanviet` key of a Vietnamese press form whose Han form
    /// was never seen. Every syllable must agree; only Latin names count (a Han name would have
    /// met the pinyin on its own keys).
    func romanizedToHanVietLookup(_ n: NormalizedName, _ sequences: [String]) -> Lookup? {
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
                      via: "\(n.key) read as Hán-Việt \(via.joined(separator: " or "))", backwards: true)
    }

    /// The Hán-Việt keys a pinyin or loosely romanized mention can stand for (empty when it is
    /// not such a name, or would stand for more than 4,096): what `romanizedToHanVietLookup`
    /// looks up. Engine work only, done with the lock released.
    static func romanizedHanVietKeys(_ n: NormalizedName, canon: NameCanon) -> [String] {
        // A Chinese name in Korean transcription (리커창) is read as pinyin syllables too.
        let hangulPinyin = n.script == .hangul && n.language == .zh
        guard n.script == .latin || hangulPinyin, n.language == .zh else { return [] }
        var perSyllable: [[String]] = []
        switch hangulPinyin ? .pinyin : n.romanization {
        case .pinyin:
            guard let syllables = n.key(.syllable) else { return [] }
            perSyllable = syllables.split(separator: " ").map { [String($0)] }
        case .wadeGiles, .other:
            guard !n.surname.isEmpty, !n.given.isEmpty else { return [] }
            let written = (n.surname + " " + n.given).split(whereSeparator: { $0 == " " || $0 == "-" })
            perSyllable = written.map { canon.pinyinCandidates(forRomanizedSyllable: String($0)) }
        case nil:
            return []
        }
        var sequences = [""]
        for (position, pinyin) in perSyllable.enumerated() {
            var options: [String] = []
            for p in pinyin {
                // The first syllable is the surname: only surnames' readings (张 Trương), far fewer.
                let readings = position == 0 ? canon.hanvietSurnameSyllables(forPinyin: p) : canon.hanvietSyllables(forPinyin: p)
                for h in readings where !options.contains(h) { options.append(h) }
            }
            if options.isEmpty || sequences.count * options.count > 4096 { return [] }
            sequences = sequences.flatMap { p in options.map { p.isEmpty ? $0 : p + " " + $0 } }
        }
        return sequences.first == "" ? [] : sequences
    }

    /// A Vietnamese press form read back to pinyin, in the loose Wade-Giles space, meeting a name
    /// spelled in Wade-Giles or a Taiwan spelling ("Đặng Tiểu Bình" → "Teng Hsiao-ping").
    func hanvietToSpelledLookup(_ n: NormalizedName, _ looseReadings: [String]) -> Lookup? {
        guard n.script != .han, let hanviet = n.key(.hanviet) else { return nil }
        var ids: [String] = []
        var via: [String] = []
        for loose in looseReadings {
            guard let hits = postings[NameKey(.spelled, loose)], !hits.isEmpty else { continue }
            ids += hits.map(\.entity)
            if !via.contains(loose) { via.append(loose) }
        }
        let found = Set(ids.compactMap { live($0) })
        guard !found.isEmpty else { return nil }
        return Lookup(match: .hanviet, entities: found.sorted(),
                      via: "hanviet \(hanviet) read back as \(via.joined(separator: " or "))", backwards: true)
    }
}

extension Registry {
    /// The loose Wade-Giles readings of the pinyin a Hán-Việt key reads back to, in the order of
    /// `HanVietReverse.pinyinKeys`; remembered by key, as every unknown Vietnamese name asks (a
    /// sixth of deciding that a mention is a new person). Engine work: call with the lock released.
    ///
    /// Read syllable by syllable: the loose reading of a pinyin sequence is its syllables' loose
    /// readings, so the distinct readings of each syllable's pinyin are combined, in the order the
    /// pinyin sequences would give them, instead of reading every pinyin sequence (thousands for
    /// a long name) whole. As `HanVietReverse.pinyinKeys`, nothing past 4,096 pinyin sequences.
    func looseReadings(forHanViet hanviet: String) -> [String] {
        looseReadingCache.value(for: hanviet) { looseReadingsWorkedOut(hanviet) }
    }

    private func looseReadingsWorkedOut(_ hanviet: String) -> [String] {
        var readings: [String] = [""]
        var sequences = 1
        for syllable in hanviet.split(separator: " ") {
            let pinyin = canon.pinyinSyllables(forHanViet: String(syllable))
            sequences *= pinyin.count
            if pinyin.isEmpty || sequences > HanVietReverse.limit {
                readings = []
                break
            }
            var loose: [String] = []
            for p in pinyin {
                if let reading = canon.looseReading(pinyinSyllables: [p])?.dropFirst(3), !loose.contains(String(reading)) {
                    loose.append(String(reading))
                }
            }
            readings = readings.flatMap { prefix in loose.map { prefix.isEmpty ? "zh:" + $0 : prefix + " " + $0 } }
        }
        if readings == [""] { readings = [] }
        return readings
    }
}

extension Registry {
    /// The English name a Hong Kong name leads with, joined to its surname: "John Lee Ka-chiu" →
    /// "John Lee", the form the press uses on its own. Nil for other names.
    static func englishName(_ n: NormalizedName) -> String? {
        guard n.script == .latin, n.language == .zh, n.romanization == .other, !n.middle.isEmpty,
              !n.surname.isEmpty, !n.middle.contains(" ") else { return nil }
        return n.middle + " " + n.surname
    }

    /// Learns the English name of a Hong Kong name ("John Lee" of "John Lee Ka-chiu") as a name of
    /// the entity the full name resolved to.
    func learnEnglishName(_ n: NormalizedName, source: String, into entity: Entity) throws -> Entity {
        guard let text = Self.englishName(n), !entity.names.contains(where: { $0.text == text }),
              let english = try? canon.normalize(text) else { return entity }
        var entity = entity
        let name = storedName(english, text: text, kind: .learned, source: source)
        try store.apply([.addNames(entity: entity.id, names: [name])])
        entity.names.append(name)
        reindex(entity)
        return entity
    }
}
