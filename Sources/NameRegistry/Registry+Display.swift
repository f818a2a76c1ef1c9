import Foundation
import NameCanon

/// The canonical display form, chosen by quality rather than by which form arrived first, and
/// chosen again whenever a name is added or removed, unless someone fixed it (`rename`,
/// `register --display`).
///
/// Every name of the entity offers a candidate: a name in Latin letters offers itself as the
/// engine writes it (`latin`: capitals tidied, hyphens kept); a name in another script offers its
/// reading (习近平 → "Xi Jinping", 문재인 → "Mun Jae-in"). The person's language is the language
/// of the primary name. Candidates are ranked:
///
/// 1. never a Hán-Việt reading for a person who is not Vietnamese ("Tập Cận Bình" for Xi Jinping),
///    and never a form with a title (names stored before titles were stripped);
/// 2. forms in the person's own language before forms in another ("Nguyễn Phú Trọng" before
///    "Ruan Fuzhong", the pinyin of 阮富仲);
/// 3. within the person's language: for a Vietnamese person, more marked words first (the fully
///    accented form); for a Chinese person, a Taiwan or Hong Kong spelling the person has ("Lai
///    Ching-te", "Tsai Ing-wen") before pinyin unless a Han name in simplified-only characters
///    says mainland, then pinyin, then scholarly Wade-Giles with apostrophes or ü ("Hsi Chin-p'ing");
/// 4. a form that was written before a form read from another script ("Moon Jae-in" written in
///    the press before "Mun Jae-in" read from 문재인);
/// 5. the earlier name.
extension Registry {
    /// The best display form among the entity's names (its current display when it has none).
    func bestDisplay(_ entity: Entity, also extra: some Sequence<StoredName> = [StoredName]()) -> String {
        let person = (entity.names.first { $0.kind == .primary } ?? entity.names.first)?.language ?? .other
        let candidates = Self.displayCandidates(entity.names, also: extra)
        let mainland = candidates.contains { _, name in
            name.script == .han && (try? canon.normalize(name.text, hint: .zh))?.hanVariant == .simplified
        }
        var best: (rank: [Double], display: String)?
        for (index, name) in candidates {
            guard let n = try? canon.normalize(name.text, hint: name.language) else { continue }
            let display = Self.clean(Self.candidateDisplay(name, n))
            if display.isEmpty { continue }
            let rank = displayRank(name, n, person: person, mainland: mainland) + [-Double(index)]
            if best == nil || best!.rank.lexicographicallyPrecedes(rank) {
                best = (rank, display)
            }
        }
        return best?.display ?? entity.display
    }

    /// What a name offers as the display: its Latin form; for a name written in Latin letters
    /// with hyphens the writer put in ("Chen Shui-bian"), the display form that keeps them.
    static func candidateDisplay(_ name: StoredName, _ n: NormalizedName) -> String {
        if name.script == .latin, n.display.contains("-"), n.display.replacingOccurrences(of: "-", with: "") == n.latin {
            return n.display
        }
        return n.latin
    }

    /// How many names at each end of an entity's list are weighed for the display. Choosing
    /// normalizes every candidate, so weighing all of an entity with 20,000 names on every alias
    /// or merge made those operations slow; the first names (how the person was registered and
    /// first seen) and the newest (what a write just added) are where a better display comes from.
    static let displayWindow = 128

    /// The names weighed for the display, with their positions: all of a small entity; of a large
    /// one, the first and last `displayWindow` names and `extra` (names a merge just moved in).
    static func displayCandidates(_ names: [StoredName], also extra: some Sequence<StoredName>) -> [(Int, StoredName)] {
        if names.count <= 2 * displayWindow { return Array(names.enumerated()) }
        var seen = Set<Int>()
        var out: [(Int, StoredName)] = []
        for i in Array(0..<displayWindow) + Array((names.count - displayWindow)..<names.count) where seen.insert(i).inserted {
            out.append((i, names[i]))
        }
        var texts = Set(out.map(\.1.text))
        for name in extra.prefix(displayWindow) where texts.insert(name.text).inserted {
            if let i = names.firstIndex(where: { $0.text == name.text }) { out.append((i, name)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The best display when it differs from the current one and nobody fixed the display.
    func betterDisplay(_ entity: Entity, also extra: some Sequence<StoredName> = [StoredName]()) -> String? {
        if entity.displayFixed { return nil }
        let best = bestDisplay(entity, also: extra)
        return best == entity.display ? nil : best
    }

    /// Higher is better, compared element by element.
    func displayRank(_ name: StoredName, _ n: NormalizedName, person: NameLanguage, mainland: Bool) -> [Double] {
        let written = name.script == .latin
        let own = n.language == person || name.language == person
        // Tier: 0 never unless nothing else, 1 another language, 2 the person's own.
        var tier = own ? 2.0 : 1.0
        if !n.title.isEmpty { tier = 0 }
        if written, n.language == .vi, person != .vi { tier = 0 }
        var quality = 0.0
        if own {
            switch person {
            case .vi:
                quality = Double(n.latin.split(separator: " ").filter { !$0.allSatisfy(\.isASCII) }.count)
            case .zh where written:
                let scholarly = name.text.contains { "'’ʼ‘üÜ".contains($0) }
                switch n.romanization {
                case .pinyin?, nil: quality = 1
                case .wadeGiles?, .other?: quality = scholarly || mainland ? 0.5 : 2
                }
            case .zh:
                quality = 1  // the pinyin reading of the Han name
            default:
                quality = 0
            }
        }
        return [tier, quality, written ? 1 : 0]
    }
}
