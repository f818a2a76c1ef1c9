/// Readings of Han characters the tables do not hold (CJK extensions B to H: 𤸖, 𩷕): ICU's
/// Han-Latin reads most of them, so a name never loses a character's syllable.
extension NameCanon {
    /// The numeric-tone pinyin ICU's Han-Latin gives one character ("𩷕" → "ya4"), or nil when
    /// ICU has no reading either.
    func icuHanReading(_ c: Unicode.Scalar) -> String? {
        hanFallbackCache.value(for: ExactText(String(c))) {
            guard let marked = try? icu.get("Han-Latin")(String(c)),
                  !marked.isEmpty, !marked.unicodeScalars.contains(where: { Script.of($0) == .han }) else { return "" }
            return Self.numericPinyin(marked.latinLowered.trimmingSpaces) ?? ""
        }.nilIfEmpty
    }

    /// The stand-in syllable of a character neither the tables nor ICU can read (𠀋 → "u2000b"):
    /// its code point, so the name keeps one distinct, stable syllable per character.
    static func unreadableToken(_ c: Unicode.Scalar) -> String { "u" + String(c.value, radix: 16) }

    /// "zhòng" → "zhong4", "lǚ" → "lv3", "ma" → "ma5"; nil for anything that is not one syllable
    /// of letters.
    static func numericPinyin(_ marked: String) -> String? {
        var plain = ""
        var tone = 5
        for scalar in marked.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0304: tone = 1
            case 0x0301: tone = 2
            case 0x030C: tone = 3
            case 0x0300: tone = 4
            case 0x0308: plain = String(plain.dropLast()) + "v"  // ü
            default:
                guard scalar.isASCII, scalar.properties.isAlphabetic else { return nil }
                plain.unicodeScalars.append(scalar)
            }
        }
        return plain.isEmpty ? nil : plain + String(tone)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
