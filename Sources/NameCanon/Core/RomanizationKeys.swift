/// Loose romanization keys: where names written exactly (Han, Hangul, pinyin) meet the same names
/// spelled in romanizations that lose distinctions.
///
/// Wade-Giles as the press writes it drops the aspiration apostrophe (Teng Hsiao-ping is 邓小平,
/// but "ping" is also Wade-Giles for bing); Taiwan passports mix Wade-Giles, Gwoyeu Romatzyh and
/// Tongyong (Ma Ying-jeou, Hou Yu-ih); Hong Kong spells Cantonese (Li Ka-shing, Lee Ka-chiu); Korean
/// names come in Revised Romanization, McCune-Reischauer and personal spellings (Moon Jae-in, Yoon
/// Suk-yeol). Each family has a loose space that such spellings and exact readings both fold into:
///
/// - `zh:`: Mandarin in Wade-Giles without apostrophes, and Cantonese in Hong Kong spelling, folded
///   alike (ts/tz → ch, sh → s, ee/ei → i, oo → u, a final h dropped);
/// - `ko:`: Korean syllables folded to classes of what romanizations confuse (g/k, d/t, b/p, j/ch,
///   r/l; eo/o/u/eu; yeo/yo/yu; ae/e).
///
/// An exact name gets `reading` keys, a loosely spelled one `spelled` keys; the registry matches a
/// `spelled` key only with a `reading` key, so two exact forms (李强 and 李蔷, 김정은 and 김종은,
/// Zhang Wei and Chang Wei) never meet through the loose spaces.
extension NameCanon {
    /// The `reading` or `spelled` keys of an analyzed name (none for other names).
    func romanizationKeys(_ a: Analysis, script: Script) -> [NameKey] {
        // A Vietnamese name in Latin letters has none (the most common case: answered first).
        if script == .latin, a.language == .vi { return [] }
        // Built on the first name that needs them (Han, or a Chinese or Korean Latin name):
        // a run of Vietnamese or Western names never does.
        var t: RomanizationTables { romanizationTables.get { RomanizationTables(rules: rules, tables: tables) } }
        switch script {
        case .han:
            guard a.order == .surnameFirst else { return [] }
            var chars: [Unicode.Scalar] = []
            chars.reserveCapacity(8)
            for s in a.surname.unicodeScalars where Script.of(s) == .han { chars.append(s) }
            for s in a.given.unicodeScalars where Script.of(s) == .han { chars.append(s) }
            guard (2...4).contains(chars.count) else { return [] }
            let t = t
            let surnameLength = a.surname.unicodeScalars.count
            var out: [NameKey] = []
            // Mandarin through Wade-Giles: the readings the name's pinyin key was built from.
            if let syllables = a.extraKeys.first(where: { $0.kind == .syllable })?.value.parts(0x20),
               syllables.count == chars.count {
                var wg = "zh:"
                for (i, syllable) in syllables.enumerated() {
                    guard let w = t.wadeGiles(syllable) else { wg = ""; break }
                    if i > 0 { wg += " " }
                    wg += w
                }
                if !wg.isEmpty { out.append(NameKey(.reading, wg)) }
            }
            // Cantonese in Hong Kong spelling, the first reading of each character.
            var yue = "zh:"
            for (i, c) in chars.enumerated() {
                guard let r = t.readings(c, tables: tables).cantonese else { yue = ""; break }
                if i > 0 { yue += " " }
                yue += r
            }
            if !yue.isEmpty { out.append(NameKey(.reading, yue)) }
            // Sino-Korean, when the name has a Korean shape: a Korean surname and three characters.
            if chars.count == 3, let ko = t.sinoKorean(chars, surnameLength: surnameLength, tables: tables) {
                out.append(NameKey(.reading, "ko:" + ko.loose))
                out.append(NameKey(.reading, "kr:" + ko.exact))
            }
            return out
        case .hangul:
            let vietnamese = vietnameseFromHangul(a.display)
            if !vietnamese.isEmpty { return vietnamese.map { NameKey(.spelled, "vi:" + $0) } }
            guard a.language == .ko, a.order == .surnameFirst, !a.surname.isEmpty else { return [] }
            let surname = a.surname.unicodeScalars.compactMap(Self.romanize).map(RomanizationTables.koreanClass)
            let given = a.given.unicodeScalars.compactMap(Self.romanize).map(RomanizationTables.koreanClass)
            guard surname.count == a.surname.unicodeScalars.count, !given.isEmpty,
                  given.count == a.given.unicodeScalars.filter({ $0 != " " }).count,
                  surname.allSatisfy({ $0 != nil }), given.allSatisfy({ $0 != nil }) else { return [] }
            let exact = a.surname.unicodeScalars.compactMap(Self.romanize).joined() + " "
                + a.given.unicodeScalars.compactMap(Self.romanize).joined()
            return [NameKey(.reading, "ko:" + surname.map { $0! }.joined() + " " + given.map { $0! }.joined()),
                    NameKey(.reading, "kr:" + exact)]
        case .latin:
            if a.language == .ko { return koreanSpelled(a, t).map { NameKey(.spelled, $0) } }
            if a.language == .other, let hanviet = undecidedHanViet(a) { return [NameKey(.hanviet, hanviet)] }
            guard a.language == .zh else { return [] }
            let t = t
            switch a.romanization {
            case .pinyin:
                // Exact: the pinyin syllables, in Wade-Giles.
                guard let syllables = a.extraKeys.first(where: { $0.kind == .syllable })?.value.parts(0x20),
                      syllables.count >= 2 else { return [] }
                let wg = syllables.compactMap { t.wadeGiles(String($0)) }
                return wg.count == syllables.count ? [NameKey(.reading, "zh:" + wg.joined(separator: " "))] : []
            case .wadeGiles, .other:
                return chineseSpelled(a, t).map { NameKey(.spelled, $0) }
            case nil:
                return []
            }
        default:
            return []
        }
    }

    /// The `zh:` values a loosely romanized Chinese name can stand for: each syllable as written,
    /// and, where it is also pinyin or a Taiwan spelling, the Wade-Giles of what it stands for; the
    /// surname also as the Hong Kong and Wade-Giles spellings of the characters it stands for.
    private func chineseSpelled(_ a: Analysis, _ t: RomanizationTables) -> [String] {
        guard a.order != .unknown, !a.surname.isEmpty, !a.given.isEmpty else { return [] }
        let surnameWords = a.surname.parts(0x20)
        let givenSyllables = a.given.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        guard surnameWords.count == 1, (1...3).contains(givenSyllables.count) else { return [] }
        var options: [[String]] = []
        var surname = t.options(forSyllable: surnameWords[0], canon: self)
        for r in romanizedSurname(latinWord(surnameWords[0])) ?? [] {
            for c in r.han.unicodeScalars { surname += t.cantonese(simplifiedFallback: c, tables: tables).prefix(1) }
            if let wg = t.wadeGiles(Pinyin.keyForm(Pinyin.toneless(r.pinyin))) { surname.append(wg) }
        }
        options.append(RomanizationTables.unique(surname))
        for s in givenSyllables {
            let o = t.options(forSyllable: s, canon: self)
            if o.isEmpty { return [] }
            options.append(o)
        }
        return RomanizationTables.product(options, limit: 16).map { "zh:" + $0 }
    }

    /// The Hán-Việt key of a name of undecided language written as it stands, when every word is
    /// a Vietnamese syllable: a Vietnamese press form of a Chinese name without its diacritics
    /// ("Tap Can Binh") has no Vietnamese surname to be recognized by, but still meets 习近平.
    private func undecidedHanViet(_ a: Analysis) -> String? {
        let words = a.display.parts(0x20)
        guard (2...4).contains(words.count), words.allSatisfy({ !$0.hasHyphen && isVietnameseWord($0) }) else { return nil }
        return words.map { vietnameseKeyWord($0) }.joined(separator: " ")
    }

    /// The `ko:` value of a Korean name in Latin letters ("Moon Jae-in" → "ko:mon cein").
    private func koreanSpelled(_ a: Analysis, _ t: RomanizationTables) -> [String] {
        guard !a.surname.isEmpty, !a.given.isEmpty else { return [] }
        let folded = fold(a.surname)
        guard let hangul = tables.koSurnamesLatin[folded] else { return [] }
        let surname = hangul.unicodeScalars.compactMap(Self.romanize).compactMap(RomanizationTables.koreanClass)
        guard surname.count == hangul.unicodeScalars.count else { return [] }
        var given: [String] = []
        for part in a.given.latinLowered.split(whereSeparator: { $0 == " " || $0 == "-" }) {
            guard let syllables = koreanSyllables(String(part)) else { return [] }
            for s in syllables {
                guard let c = RomanizationTables.koreanClass(s) else { return [] }
                given.append(c)
            }
        }
        guard !given.isEmpty else { return [] }
        return ["ko:" + surname.joined() + " " + given.joined()]
    }
}

/// The tables behind the loose romanization keys, built once per engine from its rules. A class:
/// each name that asks for them takes a reference, not a copy of a dozen tables.
final class RomanizationTables: Sendable {
    /// Toneless pinyin (ü as v) → Wade-Giles without apostrophes, folded (`zh:` space).
    let pinyinToWadeGiles: [String: String]
    /// Han character → Hong Kong spellings of its Cantonese readings, folded, in table order.
    let hongKong: ScalarTable<[String]>
    /// Han character → Sino-Korean readings (Revised Romanization), South Korean form first.
    let hanja: ScalarTable<[String]>
    /// Hanja surname → its Hangul (the best-ranked row of ko/surnames.tsv).
    let hanjaSurnames: [String: String]
    /// Hangul transcriptions of Vietnamese syllables → the syllables (with diacritics).
    let hangulVietnamese: [String: [String]]
    /// Taiwan spellings outside Wade-Giles (Gwoyeu Romatzyh, Tongyong, personal) → pinyin.
    let taiwan: [String: [String]]
    /// Every folded Wade-Giles syllable (with or without its apostrophe).
    let wadeGilesSyllables: Set<String>
    /// `sinoKorean`'s reading of a surname, by the surname's characters as written.
    private let koreanSurnames = WordTable<KoreanSurname>(limit: 4_096)

    /// What the keys of Han names read of one character, by the character (UTF-32 bytes):
    /// every Han name asks it of each of its characters, and characters recur.
    private let characters = WordTable<CharacterReadings>(limit: 16_384)

    /// One character's first Hong Kong spelling and first Sino-Korean reading with its
    /// `ko:` class (each looked up under the traditional form when the character has none).
    final class CharacterReadings {
        let cantonese: String?
        let hanja: String?
        let hanjaClass: String?
        init(cantonese: String?, hanja: String?, hanjaClass: String?) {
            self.cantonese = cantonese; self.hanja = hanja; self.hanjaClass = hanjaClass
        }
    }

    /// The readings of `c` the keys use, worked out on its first use.
    func readings(_ c: Unicode.Scalar, tables: Tables) -> CharacterReadings {
        characters.value(c) {
            let reading = (hanja[c] ?? tables.hansToHant[c].flatMap { hanja[$0] })?.first
            return CharacterReadings(cantonese: cantonese(simplifiedFallback: c, tables: tables).first,
                                     hanja: reading, hanjaClass: reading.flatMap(Self.koreanClass))
        }
    }

    /// A hanja surname's loose and exact Sino-Korean forms, or nil when it has none.
    final class KoreanSurname {
        let forms: (loose: String, exact: String)?
        init(_ forms: (loose: String, exact: String)?) { self.forms = forms }
    }

    init(rules: RuleFiles, tables: Tables) {
        var toWG: [String: String] = [:]
        let wadeGilesRows = rules.rowBound("zh/wade-giles.tsv")
        var wgSet = Set<String>(minimumCapacity: wadeGilesRows)
        toWG.reserveCapacity(wadeGilesRows)
        // Rows come with the standard spelling of each pinyin syllable first.
        rules.forEachRow("zh/wade-giles.tsv") { row in
            guard row.count >= 2 else { return }
            let spelling = Self.foldZh(Tables.foldWord(row.raw(0), tables.latinFold))
            wgSet.insert(spelling)
            let pinyin = row[1]
            if toWG[pinyin] == nil { toWG[pinyin] = spelling }
        }
        pinyinToWadeGiles = toWG
        wadeGilesSyllables = wgSet
        // Compiled by embed_rules.py, which folds the Cantonese spellings as foldZh does.
        hongKong = ScalarTable(CompiledRules.hongKong, rules) {
            var hk: [Unicode.Scalar: [String]] = [:]
            for row in rules.rows("zh/han-cantonese.tsv") where row.columns.count >= 3 {
                guard let c = row.columns[0].unicodeScalars.first, row.columns[0].unicodeScalars.count == 1 else { continue }
                hk[c] = Self.unique(row.columns[2].parts(0x2C).map { Self.foldZh(String($0)) })
            }
            return hk
        }
        hanja = ScalarTable(CompiledRules.hanja, rules) {
            var kr: [Unicode.Scalar: [String]] = [:]
            for row in rules.rows("ko/hanja-readings.tsv") where row.columns.count >= 2 {
                guard let c = row.columns[0].unicodeScalars.first, row.columns[0].unicodeScalars.count == 1 else { continue }
                kr[c] = row.columns[1].parts(0x2C).map { String($0).trimmingSpaces }
            }
            return kr
        }
        var surnames: [String: (String, Int)] = [:]
        rules.forEachRow("ko/surnames.tsv") { row in
            guard row.count >= 4 else { return }
            let hangul = row[0], han = row[1]
            let rank = Int(row[3]) ?? 100_000
            if han.isEmpty || hangul.isEmpty { return }
            if let old = surnames[han], old.1 <= rank { return }
            surnames[han] = (hangul, rank)
        }
        hanjaSurnames = surnames.mapValues(\.0)
        var tw: [String: [String]] = [:]
        rules.forEachRow("zh/taiwan-spellings.tsv") { row in
            guard row.count >= 2 else { return }
            tw[row[0].latinLowered, default: []].append(row[1])
        }
        taiwan = tw
        var hv: [String: [String]] = [:]
        rules.forEachRow("ko/vietnamese-hangul.tsv") { row in
            guard row.count >= 2 else { return }
            hv[row[0], default: []].append(row[1])
        }
        hangulVietnamese = hv
    }

    /// The `zh:` form of a toneless pinyin syllable.
    func wadeGiles(_ pinyin: String) -> String? { pinyinToWadeGiles[pinyin] }

    /// Hong Kong spellings of a character, looking its traditional form up when it has none.
    func cantonese(simplifiedFallback c: Unicode.Scalar, tables: Tables) -> [String] {
        hongKong[c] ?? tables.hansToHant[c].flatMap { hongKong[$0] } ?? []
    }

    /// The `zh:` forms one written syllable of a loose romanization can stand for.
    func options(forSyllable written: String, canon: NameCanon) -> [String] {
        let folded = canon.fold(written)
        guard !folded.isEmpty else { return [] }
        var out = [Self.foldZh(folded)]
        let plain = Self.plainLetters(written)
        if canon.tables.pinyinSyllables.contains(plain), let wg = wadeGiles(Pinyin.keyForm(plain)) { out.append(wg) }
        for p in taiwan[folded] ?? [] { if let wg = wadeGiles(p) { out.append(wg) } }
        return Self.unique(out)
    }

    /// A written syllable without tones, lowercased, letters only (`Pinyin.stripTones`, then
    /// its letters). ASCII on its bytes: the digits go and the letters stay, lowercased (no
    /// ASCII letter carries a tone mark).
    static func plainLetters(_ written: String) -> String {
        guard written.utf8.allSatisfy({ $0 < 0x80 }) else { return Pinyin.stripTones(written).plain.filter { $0.isLetter } }
        return String(decoding: written.utf8.compactMap { b -> UInt8? in
            let lower = b >= 0x41 && b <= 0x5A ? b &+ 0x20 : b
            return lower >= 0x61 && lower <= 0x7A ? lower : nil
        }, as: UTF8.self)
    }

    /// The Sino-Korean reading of a Han name whose surname is a Korean one: in `ko:` classes, and
    /// exact (Revised Romanization per syllable, as Hangul names read in `kr:`).
    func sinoKorean(_ chars: [Unicode.Scalar], surnameLength: Int, tables: Tables) -> (loose: String, exact: String)? {
        guard surnameLength >= 1, surnameLength < chars.count, chars.count <= 4 else { return nil }
        let surnameHan = String(scalars: chars[0..<surnameLength])
        let surnameForms = koreanSurnames.value(surnameHan) {
            let traditional = String(scalars: chars[0..<surnameLength].map { tables.hansToHant[$0] ?? $0 })
            guard let hangul = hanjaSurnames[surnameHan] ?? hanjaSurnames[traditional] else { return KoreanSurname(nil) }
            let surname = hangul.unicodeScalars.compactMap(NameCanon.romanize).compactMap(Self.koreanClass)
            guard surname.count == hangul.unicodeScalars.count else { return KoreanSurname(nil) }
            return KoreanSurname((surname.joined(), hangul.unicodeScalars.compactMap(NameCanon.romanize).joined()))
        }
        guard let surname = surnameForms.forms else { return nil }
        var given = "", exact = ""
        for c in chars[surnameLength...] {
            let r = readings(c, tables: tables)
            guard let reading = r.hanja, let k = r.hanjaClass else { return nil }
            given += k
            exact += reading
        }
        return (surname.loose + " " + given, surname.exact + " " + exact)
    }

    // MARK: - Folding

    /// Folds a lowercase ASCII syllable of any Chinese romanization into the `zh:` space.
    /// embed_rules.py's `fold_zh` does the same for the compiled Cantonese table: change both.
    static func foldZh(_ syllable: String) -> String {
        if syllable.utf8.allSatisfy({ $0 < 0x80 }) { return foldZhASCII(syllable) }
        return foldZhCharacters(syllable)
    }

    private static let wholeSyllables: [(from: [UInt8], to: [UInt8])] =
        [("tsz", "chi"), ("tze", "chi"), ("tzu", "chi"), ("ssu", "si"), ("szu", "si"), ("sze", "si")].map { (Array($0.0.utf8), Array($0.1.utf8)) }
    private static let spellings: [(from: [UInt8], to: [UInt8])] =
        [("yuen", "yun"), ("uen", "un"), ("eun", "un"), ("eui", "ui"), ("oo", "u"), ("ee", "i")].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// `foldZhCharacters` for ASCII text, on its bytes: an ASCII Character is its byte, and is a
    /// letter when it is one of A–Z, a–z (the folds run at every start and for every loose
    /// syllable; the Character version cost some 16,000 instructions a syllable).
    static func foldZhASCII(_ syllable: String) -> String {
        var s = syllable.utf8.filter { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
        func starts(_ a: UInt8, _ b: UInt8) -> Bool { s.count >= 2 && s[0] == a && s[1] == b }
        for (from, to) in wholeSyllables where s == from { s = to }
        if starts(0x74, 0x7A) || starts(0x74, 0x73) { s.replaceSubrange(0..<2, with: [0x63, 0x68]) }  // tz, ts → ch
        if starts(0x73, 0x68) { s.replaceSubrange(0..<2, with: [0x73]) }  // sh → s
        if s.count > 2, s[s.count - 1] == 0x68, [0x61, 0x65, 0x69, 0x6F, 0x75].contains(s[s.count - 2]) { s.removeLast() }
        for (from, to) in spellings {
            // (Most syllables hold none of these: look before copying.)
            guard s.count >= from.count, (0...(s.count - from.count)).contains(where: { s[$0..<($0 + from.count)].elementsEqual(from) }) else { continue }
            var out: [UInt8] = []
            out.reserveCapacity(s.count)
            var i = 0
            while i < s.count {
                if i + from.count <= s.count, s[i..<(i + from.count)].elementsEqual(from) {
                    out += to
                    i += from.count
                } else {
                    out.append(s[i])
                    i += 1
                }
            }
            s = out
        }
        if s.count >= 2, s[s.count - 2] == 0x65, s[s.count - 1] == 0x69 { s.removeLast(2); s.append(0x69) }  // ei → i
        return String(decoding: s, as: UTF8.self)
    }

    /// `foldZh` by Characters, for text past ASCII.
    static func foldZhCharacters(_ syllable: String) -> String {
        var s = syllable.filter { $0.isLetter }
        for (from, to) in [("tsz", "chi"), ("tze", "chi"), ("tzu", "chi"), ("ssu", "si"), ("szu", "si"), ("sze", "si")]
        where s.hasPrefix(from) && s.count == from.count {
            s = to
        }
        if s.hasPrefix("tz") || s.hasPrefix("ts") { s = "ch" + s.dropFirst(2) }
        if s.hasPrefix("sh") { s = "s" + s.dropFirst(2) }
        if s.count > 2, s.hasSuffix("h"), let v = s.dropLast().last, "aeiou".contains(v) { s.removeLast() }
        let ascii = s.utf8.allSatisfy { $0 < 0x80 }
        for (from, to) in [("yuen", "yun"), ("uen", "un"), ("eun", "un"), ("eui", "ui"), ("oo", "u"), ("ee", "i")] {
            s = ascii ? Self.replacingASCII(s, from, to) : s.replacingOccurrences(of: from, with: to)
        }
        if s.hasSuffix("ei") { s = String(s.dropLast(2)) + "i" }
        return s
    }

    /// A Korean syllable in any romanization (Revised, McCune-Reischauer without breves, the
    /// spellings people choose) folded to the classes romanizations confuse; nil when it is not
    /// one syllable.
    static func koreanClass(_ syllable: String) -> String? {
        classes.value(for: ExactText(syllable)) { koreanClassUncached(syllable) }
    }

    /// `koreanClass` of the syllables seen lately (a few thousand exist; Han names ask for the
    /// same ones over and over).
    private static let classes = BoundedCache<ExactText, String?>(limit: 8_192)

    private static func koreanClassUncached(_ syllable: String) -> String? {
        // Letters only, lowercased; the patterns are ASCII, so any other letter matches nothing.
        var s: [UInt8] = []
        s.reserveCapacity(syllable.utf8.count)
        for b in syllable.utf8 {
            if b >= 0x80 { return koreanClassOfLetters(syllable) }
            if b >= 0x61 && b <= 0x7A { s.append(b) } else if b >= 0x41 && b <= 0x5A { s.append(b + 0x20) }
        }
        return koreanClass(ascii: s[...])
    }

    /// `koreanClass` for text past ASCII: its letters after lowercasing (the Kelvin sign is a k),
    /// nil when one of them is not ASCII.
    private static func koreanClassOfLetters(_ syllable: String) -> String? {
        var s: [UInt8] = []
        for c in syllable.latinLowered where c.isLetter {
            guard c.isASCII, let b = c.asciiValue else { return nil }
            s.append(b)
        }
        return koreanClass(ascii: s[...])
    }

    private static let koreanInitials: [([UInt8], String)] = [
        ("kk", "k"), ("tt", "t"), ("pp", "p"), ("ss", "s"), ("jj", "c"), ("ch", "c"), ("sh", "s"), ("g", "k"),
        ("k", "k"), ("n", "n"), ("d", "t"), ("t", "t"), ("r", "l"), ("l", "l"), ("m", "m"), ("b", "p"), ("p", "p"),
        ("s", "s"), ("j", "c"), ("h", "h"), ("", ""),
    ].map { (Array($0.0.utf8), $0.1) }
    private static let koreanVowels: [([UInt8], String)] = [
        ("yeo", "yo"), ("yae", "ye"), ("wae", "we"), ("weo", "wo"), ("yoo", "yo"), ("you", "yo"), ("eui", "i"), ("eo", "o"),
        ("ae", "e"), ("ya", "ya"), ("ye", "ye"), ("wa", "wa"), ("oe", "we"), ("yo", "yo"), ("wo", "wo"), ("we", "we"),
        ("wi", "wi"), ("yu", "yo"), ("eu", "o"), ("ui", "i"), ("oo", "o"), ("ou", "o"), ("ee", "i"), ("a", "a"),
        ("e", "e"), ("o", "o"), ("u", "o"), ("i", "i"),
    ].map { (Array($0.0.utf8), $0.1) }
    private static let koreanFinals: [[UInt8]: String] = Dictionary(uniqueKeysWithValues: [
        ("", ""), ("k", "k"), ("g", "k"), ("ck", "k"), ("n", "n"), ("t", "t"), ("d", "t"), ("l", "l"),
        ("r", "l"), ("m", "m"), ("p", "p"), ("b", "p"), ("ng", "ng"),
    ].map { (Array($0.0.utf8), $0.1) })

    private static func koreanClass(ascii s: ArraySlice<UInt8>) -> String? {
        for (i, ic) in koreanInitials where s.starts(with: i) {
            let rest = s.dropFirst(i.count)
            for (v, vc) in koreanVowels where rest.starts(with: v) {
                // Conventional spellings: "yung"/"young" for 영 and 명 (Jae-myung, Young-sam), "hee"
                // for 희 (Chung-hee), "duck" for 덕 (Duck-soo) fold with the Revised forms.
                if let f = koreanFinals[Array(rest.dropFirst(v.count))] { return ic + vc + f }
            }
        }
        return nil
    }

    /// Every occurrence of `from` replaced by `to`, left to right, in ASCII text: what
    /// Foundation's `replacingOccurrences(of:with:)` does there, without bridging to NSString.
    static func replacingASCII(_ text: String, _ from: String, _ to: String) -> String {
        let bytes = Array(text.utf8), pattern = Array(from.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0, changed = false
        while i < bytes.count {
            if i + pattern.count <= bytes.count, bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: to.utf8)
                i += pattern.count
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// Every choice of one option per position, joined with spaces; nil past `limit`.
    static func product(_ options: [[String]], limit: Int) -> [String] {
        var out = [""]
        for o in options {
            if out.count * o.count > limit { return [] }
            out = out.flatMap { p in o.map { p.isEmpty ? $0 : p + " " + $0 } }
        }
        return out == [""] ? [] : out
    }
}

extension NameCanon {
    /// The `zh:` reading value of a sequence of toneless pinyin syllables (ü as v), as the
    /// `reading` key of a pinyin name would have it: ["deng", "xiao", "ping"] → "zh:teng hsiao ping".
    ///
    /// ```swift
    /// NameCanon.shared.looseReading(pinyinSyllables: ["zhou", "en", "lai"])   // "zh:chou en lai"
    /// ```
    public func looseReading(pinyinSyllables: [String]) -> String? {
        let t = romanizationTables.get { RomanizationTables(rules: rules, tables: tables) }
        let wg = pinyinSyllables.compactMap { t.wadeGiles($0) }
        return wg.count == pinyinSyllables.count && !wg.isEmpty ? "zh:" + wg.joined(separator: " ") : nil
    }

    /// The toneless pinyin syllables a syllable of a loose Chinese romanization can stand for:
    /// Wade-Giles with or without its aspiration apostrophe, a Taiwan spelling, or pinyin itself.
    ///
    /// ```swift
    /// NameCanon.shared.pinyinCandidates(forRomanizedSyllable: "ping")   // ["bing", "ping"]
    /// ```
    public func pinyinCandidates(forRomanizedSyllable written: String) -> [String] {
        let t = romanizationTables.get { RomanizationTables(rules: rules, tables: tables) }
        let s = written.latinLowered.filter { $0.isLetter || $0 == "'" }
        var out: [String] = []
        var spellings = [s, s.replacingOccurrences(of: "'", with: "")]
        for initial in ["ch", "ts", "tz", "p", "t", "k"] where s.hasPrefix(initial) && !s.hasApostrophe {
            spellings.append(initial + "'" + s.dropFirst(initial.count))
            break
        }
        for spelling in spellings { out += tables.wadeGiles[spelling] ?? [] }
        let plain = fold(s)
        if tables.pinyinSyllables.contains(plain) { out.append(plain) }
        out += t.taiwan[plain] ?? []
        return RomanizationTables.unique(out)
    }
}

extension NameCanonVersion {
    /// The version of the keys `normalize` derives. A registry stores each name's keys and
    /// recomputes them all when this differs from the version it recorded; change it whenever a
    /// key kind is added or a key's value changes for some name.
    public static let keys = "3-japanese-latin"
}
