import Foundation

/// The transliteration targets of `NameCanon.transliterate(_:to:)`.
public enum TransliterationTarget: String, Sendable, Codable, CaseIterable {
    /// Any script to Latin letters (ICU Any-Latin; Han through NameCanon's own table).
    case latin
    /// Latin, then diacritics removed: ASCII only, case kept.
    case ascii
    /// The English-press name form: "Xi Jinping", "Ouyang Nana"; Wade-Giles converted.
    case pinyin
    /// Pinyin with tone marks: "Xí Jìnpíng".
    case pinyinTones = "pinyin-tones"
    case simplified
    case traditional
    /// The Sino-Vietnamese reading of a Han name: "Tập Cận Bình".
    case hanviet

    /// Parses a target name, throwing `unknown_target` for anything else.
    public static func named(_ name: String) throws -> TransliterationTarget {
        guard let t = TransliterationTarget(rawValue: name.latinLowered) else {
            throw NameCanonError(.unknownTarget, "unknown target \"\(name)\"; expected one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return t
    }
}

/// ICU transliterators opened once and shared: opening one costs milliseconds.
final class ICUTransliterators: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: [String: ICU.Transliterator] = [:]
    private let rules: [String: String]

    init(rules: [String: String]) { self.rules = rules }

    /// A system transliterator by ID, or one compiled from a rule file under `Rules/icu/`
    /// when `id` names such a file.
    func get(_ id: String) throws -> ICU.Transliterator {
        lock.lock()
        defer { lock.unlock() }
        if let t = cache[id] { return t }
        let t: ICU.Transliterator
        if let text = rules[id] {
            t = try ICU.Transliterator(id: "NameCanon-\(id)", rules: text)
        } else {
            t = try ICU.Transliterator(id: id)
        }
        cache[id] = t
        return t
    }
}

extension NameCanon {
    /// Transliterates a name to `target`.
    ///
    /// ```swift
    /// try NameCanon.shared.transliterate("欧阳娜娜", to: .pinyin)      // "Ouyang Nana"
    /// try NameCanon.shared.transliterate("Mao Tse-tung", to: .pinyin)  // "Mao Zedong"
    /// try NameCanon.shared.transliterate("習近平", to: .hanviet)       // "Tập Cận Bình"
    /// ```
    public func transliterate(_ text: String, to target: TransliterationTarget) throws -> String {
        let (cleaned, report) = TextCleaner.clean(Mojibake.repair(text) ?? text)
        try TextCleaner.checkMarks(report)
        if cleaned.isEmpty { return "" }
        let script = Script.of(cleaned)
        let hasHan = cleaned.unicodeScalars.contains { Script.of($0) == .han }
        switch target {
        case .simplified, .traditional:
            return convertHan(cleaned, toTraditional: target == .traditional)
        case .latin:
            if script == .han { return hanSyllables(cleaned, marked: true, separator: " ") }
            if script == .latin { return cleaned }
            return try icu.get("Any-Latin")(cleaned)
        case .ascii:
            // Han names become their press pinyin ("Xi Jinping"), then everything is folded.
            let latin = try transliterate(cleaned, to: hasHan ? .pinyin : .latin)
            return asciiKeepingCase(latin)
        case .pinyin, .pinyinTones:
            if script == .han {
                let name = try normalize(cleaned, hint: .zh)
                if target == .pinyin { return name.latin }
                return tonedHanName(name.display)
            }
            if script == .latin {
                guard let name = try? normalize(cleaned) else { return cleaned }
                if name.language == .zh {
                    if name.romanization == .wadeGiles, let py = name.alternates.first { return py }
                    if target == .pinyinTones && name.romanization == .pinyin { return name.display }
                    return name.latin
                }
                return cleaned
            }
            if hasHan { return hanSyllables(cleaned, marked: target == .pinyinTones, separator: " ") }
            // Chinese names transcribed in Cyrillic or Hangul read back to pinyin; asking for
            // pinyin says the name is Chinese, which settles Hangul names a Korean could bear.
            if let name = try? normalize(cleaned, hint: .zh), name.language == .zh, name.key(.syllable) != nil { return name.latin }
            return try icu.get("Any-Latin")(cleaned)
        case .hanviet:
            if hasHan {
                var out = ""
                var word: [String] = []
                func flush() { if !word.isEmpty { out += word.joined(separator: " "); word.removeAll() } }
                for c in cleaned.unicodeScalars {
                    if Script.of(c) == .han, let r = hanvietReading(c) {
                        word.append(hanvietNameSyllable(r))
                    } else if c == " " || c == "·" {
                        flush(); out += " "
                    } else {
                        flush()
                        out.unicodeScalars.append(c)
                    }
                }
                flush()
                return out.parts(0x20).joined(separator: " ")
            }
            if script == .latin, let name = try? normalize(cleaned, hint: .vi) { return name.display }
            return cleaned
        }
    }

    /// Runs any ICU transliterator by ID (or a rule file of `Rules/icu/`) over `text`: the
    /// escape hatch for conversions NameCanon has no target for, and the per-call ICU baseline
    /// the benchmarks compare against.
    ///
    /// ```swift
    /// try NameCanon.shared.transliterate("Владимир", icu: "Any-Latin; Latin-ASCII")  // "Vladimir"
    /// ```
    public func transliterate(_ text: String, icu id: String) throws -> String {
        do { return try icu.get(id)(text) } catch let error as ICUError {
            throw NameCanonError(.icu, error.description)
        }
    }

    /// A Han name in tone-marked pinyin, name-shaped: "習近平" → "Xí Jìnpíng".
    func tonedHanName(_ text: String) -> String {
        let chars = Array(text.unicodeScalars.filter { Script.of($0) == .han })
        let surnameLength = hanSurnameLength(chars)
        let readings = hanReadings(chars, surnameLength: surnameLength).map { $0 ?? "" }
        let surname = Pinyin.capitalized(readings[0..<surnameLength].map(Pinyin.marked).joined())
        let given = Pinyin.capitalized(Pinyin.join(readings[surnameLength...].map(Pinyin.marked)))
        return [surname, given].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Han characters read one by one (as ICU's Han-Latin does), other characters kept.
    func hanSyllables(_ text: String, marked: Bool, separator: String) -> String {
        var pieces: [String] = []
        var other = ""
        for c in text.unicodeScalars {
            if Script.of(c) == .han, let r = tables.hanPinyin[c]?.first ?? icuHanReading(c) {
                if !other.isEmpty { pieces.append(other.trimmingSpaces); other = "" }
                pieces.append(marked ? Pinyin.marked(r) : Pinyin.withUmlaut(Pinyin.toneless(r)))
            } else {
                other.unicodeScalars.append(c)
            }
        }
        if !other.isEmpty { pieces.append(other.trimmingSpaces) }
        return pieces.filter { !$0.isEmpty }.joined(separator: separator)
    }

    /// Latin text with diacritics removed through the folding table, case kept.
    func asciiKeepingCase(_ text: String) -> String {
        var out = ""
        for c in text {
            if c.isASCII { out.append(c); continue }
            if let f = tables.asciiFold[c] { out += f; continue }
            let lower = Character(c.lowercased())
            if let f = tables.asciiFold[lower] { out += f.uppercased(); continue }
            if c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) { continue }
            out.append(c)
        }
        return out
    }

    /// Names in scripts without NameCanon tables: ICU's rules give the Latin form.
    func analyzeOther(_ text: String, script: Script, hint: NameLanguage?) throws -> Analysis {
        let transliterator = try icu.get("fallback-latin")
        let language: NameLanguage = hint ?? (script == .hangul ? .ko : script == .japanese ? .ja : .other)
        var words = text.parts(0x20)
        var surname = ""
        var given = ""
        var order = NameOrder.unknown
        // Korean names are written surname first without a space: 김정은 → Gim Jeong-eun.
        if script == .hangul, words.count == 1, words[0].count >= 2 && words[0].count <= 4 {
            let w = words[0]
            let split = w.count == 4 ? 2 : 1
            words = [String(w.prefix(split)), String(w.dropFirst(split))]
        }
        let latinWords = try words.map { try transliterator($0) }.map { capitalizeWord($0, afterHyphen: false) }
        if script == .hangul && words.count >= 2 {
            surname = words[0]; given = words.dropFirst().joined(separator: " "); order = .surnameFirst
        } else if words.count >= 2 {
            surname = words.last!; given = words.dropLast().joined(separator: " "); order = .givenFirst
        } else {
            surname = words.first ?? ""
        }
        let latin = latinWords.joined(separator: " ")
        var key = latinWords.map { fold(asciiKeepingCase($0)) }.filter { !$0.isEmpty }.joined(separator: " ")
        if key.isEmpty { key = text.latinLowered }
        return Analysis(
            language: language, display: text,
            latin: latin, key: key, surname: surname, given: given, reference: surname, order: order,
            confidence: order == .unknown ? 0 : 0.6)
    }
}
