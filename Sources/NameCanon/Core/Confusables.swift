/// Names written to be mistaken for other names: lookalike letters from another script inside a
/// word ("Вill Gates" with Cyrillic В, "Jοhn" with Greek ο), or a whole word of lookalikes beside
/// Latin words ("Васе Smith"), or letters from the mathematical alphabets that cleaning left.
///
/// Such a name is reported, not repaired: NameCanon's keys fold the lookalikes to the letters they
/// imitate, so "Вill Gates" has the key "bill gates", and a registry that trusted the key would
/// link the forgery to the real person. `normalize` lists `confusable` among the repairs and the
/// registry's resolver refuses to link the name without the caller's consent.
///
/// Real writing never trips it: one script per word, Japanese kanji with kana, Korean Hanja with
/// Hangul, Vietnamese and Pinyin marks (script Inherited), and Cyrillic or Greek names that stand
/// alone ("Си Цзиньпин") all pass. The checks are ICU's (UTS #39): the highly restrictive
/// restriction level for each word, and the confusable skeleton for whole words.
public enum Confusables {
    /// Why a name is suspect.
    public enum Finding: Equatable, Sendable {
        /// One word mixes scripts ("Вill": Cyrillic and Latin).
        case mixedScript(word: String)
        /// A word of another script, or of mathematical letters, that reads as Latin beside
        /// Latin words ("Васе" in "Васе Smith" looks like "Bace").
        case lookalikeWord(word: String, looksLike: String)

        /// A phrase for explanations.
        public var description: String {
            switch self {
            case .mixedScript(let word): "\"\(word)\" mixes letters of different scripts"
            case .lookalikeWord(let word, let looksLike): "\"\(word)\" is written in lookalike letters of another script (reads as \"\(looksLike)\")"
            }
        }
    }

    /// The repair name `normalize` reports for a flagged name.
    public static let repair = "confusable"

    /// `text` with every lookalike letter of another script (or of the mathematical alphabets)
    /// replaced by the Latin letter it imitates: "Вill Gates" → "Bill Gates". Nil when nothing
    /// changes. Keys cannot do this: a transliterator reads Cyrillic В as V.
    public static func latinLookalike(_ text: String) -> String? {
        guard text.utf8.contains(where: { $0 >= 0x80 }), let checker = ICU.SpoofChecker.shared else { return nil }
        var out = ""
        var changed = false
        for scalar in text.unicodeScalars {
            let script = ICU.script(scalar)
            if scalar.properties.isAlphabetic, script != ICU.Script.latin.rawValue, script != ICU.Script.inherited.rawValue {
                let looks = checker.skeleton(Substring(String(scalar)))
                if !looks.isEmpty, looks.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) {
                    out += looks
                    changed = true
                    continue
                }
            }
            out.unicodeScalars.append(scalar)
        }
        return changed ? out : nil
    }

    /// A scalar that is a Latin letter, or ASCII: no combining mark, no symbol that ICU calls
    /// Common or Inherited outside ASCII.
    /// A Han character to ICU as to `Script.of` (ICU leaves code points assigned after its
    /// Unicode version as Unknown, which mixes with Han), other than 〇 U+3007, whose skeleton
    /// is the letter O. No such character mixes scripts alone or in a word of them, nor has a
    /// Latin letter in its skeleton: `FastPathTests` asks ICU about every one.
    static func isPlainHan(_ s: Unicode.Scalar) -> Bool {
        s.value != 0x3007 && Script.of(s) == .han && ICU.script(s) == ICU.Script.han.rawValue
    }

    static func isPlainLatin(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return true }
        return (0xC0...0x24F).contains(v) && v != 0xD7 && v != 0xF7 || (0x1E00...0x1EFF).contains(v)
    }

    /// The first reason `text` looks like a forgery, or nil for honest writing.
    ///
    /// ```swift
    /// Confusables.check("Вill Gates")   // .mixedScript(word: "Вill")
    /// Confusables.check("山田たろう")      // nil
    /// ```
    public static func check(_ text: String) -> Finding? {
        // Plain ASCII has nothing to confuse; most names stop here.
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        // Nor does text all of plain Latin letters (and ASCII), or all of plain Han characters
        // and spaces: every word of it would pass one of the two tests below.
        if text.unicodeScalars.allSatisfy(Self.isPlainLatin)
            || text.unicodeScalars.allSatisfy({ $0.value == 0x20 || Self.isPlainHan($0) }) { return nil }
        return checkWords(text)
    }

    /// `check` word by word, without the shortcut for text of one plain script.
    static func checkWords(_ text: String) -> Finding? {
        guard text.utf8.contains(where: { $0 >= 0x80 }), let checker = ICU.SpoofChecker.shared else { return nil }
        // Spaces only (as cleaned names have): split on the bytes; other white space, on Characters.
        // (A plain Latin letter past ASCII is no white space, nor is anything past U+3000, the
        // last White_Space character: their property is not looked up.)
        let onlySpaces = !text.unicodeScalars.contains {
            $0.value < 0x80 ? ($0.value >= 0x09 && $0.value <= 0x0D)
                : $0.value <= 0x3000 && !Self.isPlainLatin($0) && $0.properties.isWhitespace
        }
        let words = onlySpaces ? text.parts(0x20) : text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var lookalikes: [(String, String)] = []
        var latinWord = false
        for word in words {
            // Latin letters alone (ASCII, Latin-1 to Latin Extended-B, Latin Extended Additional)
            // are one script and confuse nothing: most names with marks stop here, without ICU.
            if word.unicodeScalars.allSatisfy(Self.isPlainLatin) {
                // (An ASCII scalar is alphabetic exactly when it is a letter a–z or A–Z.)
                if word.unicodeScalars.contains(where: { s in
                    s.value >= 0x80 || (s.value | 0x20 >= 0x61 && s.value | 0x20 <= 0x7A)
                }) { latinWord = true }
                continue
            }
            // A word of plain Han characters is one script and looks like no Latin letter:
            // nothing to find, without the spoof checker's two calls.
            if word.unicodeScalars.allSatisfy(Self.isPlainHan) { continue }
            if checker.mixesScripts(word[...]) { return .mixedScript(word: String(word)) }
            var latin = false, other = false, symbolLetters = false
            for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
                switch ICU.script(scalar) {
                case ICU.Script.latin.rawValue: latin = true
                case ICU.Script.common.rawValue, ICU.Script.inherited.rawValue: symbolLetters = true
                default: other = true
                }
            }
            if latin { latinWord = true; continue }
            guard other || symbolLetters else { continue }
            let looks = checker.skeleton(word[...])
            let letters = looks.unicodeScalars.filter { $0.properties.isAlphabetic }
            guard !letters.isEmpty, letters.allSatisfy({ $0.isASCII }) else { continue }
            // Mathematical letters are never honest writing; a Cyrillic or Greek word that
            // reads as Latin is suspect only beside Latin words (else it is just Russian or Greek).
            if symbolLetters && !other { return .lookalikeWord(word: String(word), looksLike: looks) }
            lookalikes.append((word, looks))
        }
        if latinWord, let (word, looks) = lookalikes.first { return .lookalikeWord(word: String(word), looksLike: looks) }
        return nil
    }
}
