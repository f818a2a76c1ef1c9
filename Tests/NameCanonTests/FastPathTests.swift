import Foundation
import Testing
import TestSupport
@testable import NameCanon

/// The byte-level shortcuts of the hot path give what the slower code they replace gave.
@Suite struct FastPathTests {
    /// Random strings over an alphabet that holds every case the shortcut must hand back to
    /// `Character` splitting: combining marks and ZWJ after a space, prepending marks before it.
    @Test func spaceSeparatedWordsSplitAsCharactersDo() {
        let alphabet: [String] = [" ", " ", " ", "a", "B", "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{600}", "\u{D4E}",
                                  "ữ", "한", "习", "\u{903}", "\u{20DD}", "\u{200B}", "-", "'", "\u{1F468}", "\u{FE0F}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...8, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(text.parts(0x20) == text.split(separator: " ").map(String.init), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect("Nguyễn  Phú Trọng ".parts(0x20) == ["Nguyễn", "Phú", "Trọng"])
        #expect("a \u{301}b".parts(0x20) == ["a \u{301}b"])
    }

    /// `parts(_:)` with another separator, `latinLowered`, `String(scalars:)`, the possessive
    /// and apostrophe tests and `Pinyin.toneless` answer as the `Character` code they replaced.
    @Test func byteShortcutsAnswerAsCharactersDo() {
        let alphabet: [String] = [",", ",", " ", "a", "S", "s", "'", "\u{2019}", "É", "e\u{301}", "\u{301}", "\u{600}", "İ",
                                  "ẞ", "Ữ", "ǅ", "Σ", "한", "习", "\u{200D}", "\u{212A}", "4", "\r\n", "ŉ", "ﬀ",
                                  "Я", "я", "Ѐ", "ѝ", "Ё", "\u{45F}", "\u{460}", "Ӂ"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...8, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let hex = text.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(text.parts(0x2C) == text.split(separator: ",").map(String.init), "\(hex)")
            #expect(text.latinLowered == text.lowercased(), "\(hex)")
            #expect(text[...].latinLowered == text.lowercased(), "\(hex)")
            #expect(String(scalars: Array(text.unicodeScalars)) == text, "\(hex)")
            let possessive = text.lowercased().hasSuffix("'s") || text.lowercased().hasSuffix("\u{2019}s")
            if possessive { #expect(NameCanon.mayBePossessive(text), "\(hex)") }
            if let first = text.first {
                #expect(Pinyin.startsWithVowelNeedingApostrophe(first) == "aoeāáǎàōóǒòēéěè".contains(first), "\(hex)")
            }
            var stripped = text
            while let last = stripped.last, last.isNumber { stripped.removeLast() }
            #expect(Pinyin.toneless(text) == stripped, "\(hex)")
        }
        #expect("NGUYỄN Phú TRỌNG".latinLowered == "nguyễn phú trọng")
        // Every scalar around basic Cyrillic, which is lowered by offsets, alone and in a word.
        for v in UInt32(0x3F0)...0x470 {
            let text = String(Unicode.Scalar(v)!)
            #expect(text.latinLowered == text.lowercased(), "\(String(v, radix: 16))")
            #expect("Си\(text)нь".latinLowered == "Си\(text)нь".lowercased(), "\(String(v, radix: 16))")
        }
        #expect("ЦЗИНЬПИН".latinLowered == "цзиньпин")
        // The packed Korean syllables: initial + vowel + final spellings, lower-case ASCII only.
        for yes in ["jae", "in", "young", "kyeong", "ssang", "eui", "a", "ppyoong", "chwi"] { #expect(NameCanon.isKoreanSyllable(yes), "\(yes)") }
        for no in ["", "jack", "Jae", "jaé", "kyeongg", "nguyen", "xi", "fa", "zo"] { #expect(!NameCanon.isKoreanSyllable(no), "\(no)") }
        #expect(Pinyin.toneless("jin4") == "jin" && Pinyin.toneless("lü3") == "lü")
        #expect(!NameCanon.mayBePossessive("Lê") && NameCanon.mayBePossessive("Xi's"))
    }

    /// Composed and decomposed spellings parse alike, and the tone mark goes where the rule says.
    @Test func vietnameseSyllablesInEitherNormalForm() {
        let cases: [(String, String, String)] = [  // word, new style, old style
            ("hoà", "hòa", "hoà"), ("Thuỷ", "Thủy", "Thuỷ"), ("khoẻ", "khỏe", "khoẻ"), ("Quỳnh", "Quỳnh", "Quỳnh"),
            ("giá", "giá", "giá"), ("gì", "gì", "gì"), ("Trường", "Trường", "Trường"), ("NGUYỄN", "NGUYỄN", "NGUYỄN"),
            ("Đức", "Đức", "Đức"), ("khuya", "khuya", "khuya"), ("hoạ", "họa", "hoạ"),
        ]
        for (word, new, old) in cases {
            for form in [word, word.decomposedStringWithCanonicalMapping] {
                let s = VietnameseSyllable(form)
                #expect(s?.written(.new) == new, "\(word)")
                #expect(s?.written(.old) == old, "\(word)")
            }
        }
        for word in ["Smith", "qu", "trăngg", "hoàà", "ñam", "x", "a\u{358}", "Ψa", "ngh", ""] {
            #expect(VietnameseSyllable(word) == nil, "\(word)")
        }
        #expect(VietnameseSyllable.newStyle("thuỷ") == "thủy")
        #expect(VietnameseSyllable.newStyle("Smith") == "Smith")
    }

    /// The byte test in front of the "also known as" search never says no when a phrase is there,
    /// in any case or normal form, and says no for ordinary Vietnamese names.
    @Test func akaPrefilterKeepsEveryPhrase() {
        for phrase in Glosses.akaPhrases {
            for form in [phrase, phrase.decomposedStringWithCanonicalMapping] {
                let text = ("Lai Ching-te" + form + "William Lai").lowercased()
                #expect(Glosses.mayHoldAkaPhrase(text), "\(phrase)")
            }
        }
        for name in ["nguyễn khánh linh", "phan văn khải", "lê kiên giang", "ngô bảo châu"] {
            #expect(!Glosses.mayHoldAkaPhrase(name), "\(name)")
        }
    }

    /// The prefilter read off the text as written never says no where the lowercased text says
    /// yes: random strings over the letters of the phrases in both cases, İ, the Kelvin sign and
    /// marks between them.
    @Test func akaPrefilterOnTheWrittenTextKeepsEveryYes() {
        let alphabet: [String] = ["k", "K", "\u{212A}", "n", "N", "a", "A", ".", " ", "g", "G", "i", "I", "\u{130}", "l", "L",
                                  "又", "ô", "Ô", "\u{301}", "ữ", "x"]
        var generator = SystemRandomNumberGenerator()
        var yes = 0
        for _ in 0..<30_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            if Glosses.mayHoldAkaPhrase(text.lowercased()) {
                yes += 1
                #expect(Glosses.mayHoldAkaPhrase(written: text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(yes > 1_000)
        for phrase in Glosses.akaPhrases { #expect(Glosses.mayHoldAkaPhrase(written: "Lai " + phrase.uppercased() + " William")) }
        #expect(!Glosses.mayHoldAkaPhrase(written: "Nguyễn Khánh Linh"))
    }

    /// Plain Latin words never reach the spoof checker, and lookalikes still do.
    @Test func confusableShortcutKeepsFindings() {
        #expect(Confusables.check("Nguyễn Phú Trọng") == nil)
        #expect(Confusables.check("Søren Kierkegaard") == nil)
        #expect(Confusables.check("Xi Jіnping") != nil)  // Cyrillic і
        #expect(Confusables.check("Хі Jinping") != nil)  // a Cyrillic word that reads as Latin
    }

    /// Folding through the scalar table answers as the `Character` table does, for every scalar
    /// of the first three planes' worth of Latin, Greek, Cyrillic, symbols and marks, and words.
    @Test func latinFoldMatchesTheTable() {
        let tables = NameCanon.shared.tables
        for v in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let word = "A" + String(scalar) + "b"
            #expect(Tables.foldWord(word, tables.latinFold) == Tables.foldWord(word, tables.asciiFold), "U+\(String(v, radix: 16))")
        }
        for word in ["Nguyễn", "Đặng", "Søren", "Straße", "ǅemal", "Ångström", "Ωmega", "e\u{301}"] {
            #expect(Tables.foldWord(word, tables.latinFold) == Tables.foldWord(word, tables.asciiFold))
        }
    }

    /// Spelling folding on bytes gives what the `Character` and Foundation version gave, on
    /// random words over letters that meet every rewrite (yy, j after a vowel, ph, kh, ck, w,
    /// doubles) and on non-ASCII text whose case mapping lands in ASCII (the Kelvin sign).
    @Test func spellingFoldOnBytesMatchesTheCharacterVersion() {
        func slow(_ word: String) -> String {
            var s = word.lowercased().filter { $0.isASCII && $0.isLetter }
            s = s.replacingOccurrences(of: "yy", with: "y")
            var out: [Character] = []
            let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
            for c in s {
                if c == "y" { out.append("i"); continue }
                if c == "j", let last = out.last, vowels.contains(last) { out.append("i"); continue }
                out.append(c)
            }
            s = String(out)
            for (from, to) in [("ph", "f"), ("kh", "h"), ("ck", "k"), ("w", "v")] { s = s.replacingOccurrences(of: from, with: to) }
            var collapsed = ""
            for c in s where collapsed.last != c { collapsed.append(c) }
            return collapsed
        }
        let alphabet: [String] = ["y", "Y", "j", "a", "e", "i", "o", "u", "p", "h", "k", "c", "K", "w", "W", "v", "f", "s",
                                  "-", "'", " ", "\r\n", "é", "e\u{301}", "\u{212A}", "İ", "ß", "1"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...9, using: &generator)
            let word = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(NameCanon.spellingFold(word) == slow(word), "\(word.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for word in ["Zelenskyy", "Zelenskiy", "Emmanuel", "Sergej", "Khachaturian", "Philipp", "Mackenzie", "ckh", "yyy", "Dwight"] {
            #expect(NameCanon.spellingFold(word) == slow(word), "\(word)")
        }
        #expect(NameCanon.spellingFold("Zelenskyy") == "zelenski")
    }

    /// Trimming on bytes answers as trimming characters does, joiners and CR LF included.
    @Test func trimmingSpacesTrimsAsCharactersDo() {
        func slow(_ text: String) -> String {
            var s = Substring(text)
            while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
            while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
            return String(s)
        }
        let alphabet: [String] = [" ", "\t", "\r", "\n", "\r\n", "a", "é", "\u{301}", "\u{200D}", "\u{600}", "习", "\u{903}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(text.trimmingSpaces == slow(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The UTF-8 check answers as the standard library's validating initializer does, on
    /// random bytes weighted toward the edges of the well-formed ranges.
    @Test func utf8CheckAnswersAsValidatingDoes() {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                              0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40_000 {
            var bytes: [UInt8] = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            if round % 4 == 0 { bytes = Array("Nguyễn 习近平 \u{1F600}".utf8) + bytes }
            let expected = String(validating: bytes, as: UTF8.self)
            #expect(String(checkingUTF8: bytes) == expected, "\(bytes.map { String($0, radix: 16) })")
            #expect(String(checkingUTF8: bytes[...]) == expected)
            if let text = String(checkingUTF8: bytes) { #expect(Array(text.utf8) == bytes) }
        }
        for scalar in [0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF] {
            let text = String(Unicode.Scalar(UInt32(scalar))!)
            #expect(String(checkingUTF8: Array(text.utf8)) == text)
        }
    }

    /// A name is remembered by its exact bytes: the decomposed spelling of a name normalized
    /// before in composed form reports its own input, not the composed one's.
    @Test func nameCacheKeepsCanonicallyEquivalentInputsApart() throws {
        let canon = try NameCanon()
        let composed = "Nguy\u{1EC5}n Ph\u{FA} Tr\u{1ECD}ng", decomposed = "Nguye\u{302}\u{303}n Phu\u{301} Tro\u{323}ng"
        #expect(composed == decomposed)
        let first = try canon.normalize(composed), second = try canon.normalize(decomposed)
        #expect(Array(first.input.utf8) == Array(composed.utf8))
        #expect(Array(second.input.utf8) == Array(decomposed.utf8))
        #expect(first.key == second.key)
        #expect(Array(try canon.normalize(composed).input.utf8) == Array(composed.utf8))
    }

    /// Text `isComposedAndSingleSpaced` passes (the legacy decoder's and `Registry.clean`'s
    /// shortcut) is text their composing and spacing step leaves as it is, byte for byte.
    @Test func legacyDecoderShortcutKeepsTextItsFirstStepKeeps() {
        let alphabet = ["a", "N", " ", "  ", "\t", "\u{A0}", "\u{85}", "\u{2003}", "à", "Ð", "\u{AD}", "µ", "ư", "ơ", "\u{300}", "\u{301}", "习", "\u{F900}", "한", "\u{1161}", "\u{11A8}", "\u{3000}",
                        "\u{200B}", "\u{FEFF}", "ễ", "\u{2FF}", "\u{1C}", "ò"]
        func slow(_ text: String) -> String {
            String(scalars: text.precomposedStringWithCanonicalMapping.unicodeScalars.lazy.filter {
                !(0x200B...0x200F).contains($0.value) && $0.value != 0xFEFF && $0.value != 0x2060
            }).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var generator = SystemRandomNumberGenerator()
        var shortcuts = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            if text.isComposedAndSingleSpaced {
                shortcuts += 1
                #expect(Array(slow(text).utf8) == Array(text.utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(shortcuts > 1_000)
        // Every scalar the shortcut passes is its own composed form, of combining class 0, and
        // (the ones past ASCII) composes with no letter before it.
        var passed = 0
        for v in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(v), v != 0x20, String(scalar).isComposedAndSingleSpaced else { continue }
            passed += 1
            let text = String(scalar)
            #expect(Array(text.precomposedStringWithCanonicalMapping.utf8) == Array(text.utf8), "U+\(String(v, radix: 16))")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(v, radix: 16))")
            if v >= 0x80 {
                for starter in ["a", "e", "o", "u", "A", "\u{1100}", "\u{AC00}", "\u{4E00}"] {
                    let pair = starter + text
                    #expect(Array(pair.precomposedStringWithCanonicalMapping.utf8) == Array(pair.utf8), "U+\(String(v, radix: 16))")
                }
            }
        }
        #expect(passed > 39_000)
    }

    /// Text found single-spaced on its bytes is what its words joined by one space give.
    @Test func singleSpacedTextIsItsWordsJoined() {
        let alphabet = ["a", "Lê", " ", "  ", "\u{301}", "\u{200D}", "\t", "\u{A0}", "x"]
        var generator = SystemRandomNumberGenerator()
        var yes = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let joined = text.parts(0x20).joined(separator: " ")
            if text.isSingleSpaced {
                yes += 1
                #expect(Array(joined.utf8) == Array(text.utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(yes > 1_000)
        #expect("".isSingleSpaced && "Lê Văn".isSingleSpaced && !" Lê".isSingleSpaced && !"Lê  Văn".isSingleSpaced && !"Lê ".isSingleSpaced)
    }

    /// What lets `Confusables.check` pass Han words without the spoof checker: no plain Han
    /// character mixes scripts or has a skeleton with a Latin letter, and words of them do not
    /// mix scripts either.
    @Test func hanWordsAreNeverConfusable() throws {
        let checker = try #require(ICU.SpoofChecker.shared)
        var han: [Unicode.Scalar] = []
        for v in UInt32(0x3000)...0x323AF {
            guard let s = Unicode.Scalar(v), Confusables.isPlainHan(s) else { continue }
            han.append(s)
            let text = String(s)
            #expect(!checker.mixesScripts(text[...]), "U+\(String(v, radix: 16))")
            let latinLetter = checker.skeleton(text[...]).unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
            #expect(!latinLetter, "U+\(String(v, radix: 16))")
        }
        #expect(han.count > 90_000)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let word = String(String.UnicodeScalarView((0..<Int.random(in: 2...4, using: &generator)).map { _ in han.randomElement(using: &generator)! }))
            let mixes = checker.mixesScripts(word[...])
            #expect(!mixes)
            let findings = [Confusables.check(word), Confusables.check("Li " + word)]
            #expect(findings == [nil, nil])
        }
        // 〇 is the one Han character that reads as a Latin letter.
        #expect(Confusables.check("Li \u{3007}") != nil)
    }

    /// `replacingCharacter` refuses on bytes only what reading by Character would refuse.
    @Test func replacingCharacterAnswersAsCharactersDo() {
        let alphabet = ["v", "u", "\u{308}", "ü", "-", "a", "\r", "\n", "\r\n", "é", "e\u{301}", "·", "习"]
        let targets: [Character] = ["v", "ü", "-", "\r\n", "\n", "é", "·"]
        func slow(_ text: String, _ from: Character, _ to: String) -> String {
            var out = ""
            for c in text { if c == from { out += to } else { out.append(c) } }
            return out
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let from = targets.randomElement(using: &generator)!
            #expect(Array(text.replacingCharacter(from, with: "X").utf8) == Array(slow(text, from, "X").utf8),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(from)")
        }
    }

    /// `Pinyin.keyForm` and `Pinyin.capitalized` on bytes answer as their `Character` versions.
    @Test func pinyinByteShortcutsAnswerAsCharactersDo() {
        let alphabet = ["v", "u", "\u{308}", "ü", "a", "z", "Z", "\r", "\n", "\r\n", "'", "ß", "ǅ", "i", "\u{345}", "习", " "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let hex = "\(text.unicodeScalars.map { String($0.value, radix: 16) })"
            let key = text.replacingCharacter("v", with: "u").replacingCharacter("ü", with: "u")
            #expect(Array(Pinyin.keyForm(text).utf8) == Array(key.utf8), "\(hex)")
            let capitalized = text.first.map { $0.uppercased() + text.dropFirst() } ?? text
            #expect(Array(Pinyin.capitalized(text).utf8) == Array(capitalized.utf8), "\(hex)")
        }
        #expect(Pinyin.keyForm("lv") == "lu" && Pinyin.capitalized("xi") == "Xi" && Pinyin.capitalized("\r\nx") == "\r\nx")
    }

    /// Hepburn's ASCII key of ASCII text keeps what the Character loop keeps.
    @Test func hepburnKeyOfASCIIAsCharactersDo() {
        var generator = SystemRandomNumberGenerator()
        func slow(_ text: String) -> String {
            String(text.latinLowered.filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &generator))) })
            #expect(Hepburn.asciiKey(text) == slow(text), "\(text.debugDescription)")
        }
        #expect(Hepburn.asciiKey("Shinzō Abe") == "shinzoabe")
    }

    /// The confusables check skips the White_Space lookup past U+3000 and for plain Latin
    /// letters: none of them is white space.
    @Test func noWhiteSpacePastU3000NorAmongPlainLatin() {
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v), v > 0x3000 || Confusables.isPlainLatin(s) else { continue }
            #expect(!s.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    /// The confusables check's shortcut for text of one plain script finds what the word by
    /// word check finds.
    @Test func confusablesShortcutForOneScriptFindsWhatWordsFind() {
        let alphabet = ["a", "Lê", " ", "\t", "ễ", "习", "近", "\u{3007}", "Ва", "ο", "\u{1D41A}", "\u{2EBF0}", "-", "\u{A0}", "ш"]
        var generator = SystemRandomNumberGenerator()
        var shortcuts = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 1...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let slow = Confusables.checkWords(text), fast = Confusables.check(text)
            if fast == nil && slow == nil { shortcuts += 1 }
            #expect(fast == slow, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(shortcuts > 1_000)
    }
    /// The scalar prefilter of `stripCJKDescriptors`: text it lets through holds no descriptor
    /// of the table anywhere (checked by brute force on random Han text made of descriptor
    /// characters, surnames and their compatibility twins).
    @Test func cjkDescriptorPrefilterMissesNoDescriptor() {
        let d = NameCanon.shared.descriptors
        let keys = Array(d.cjk.keys).sorted()
        var alphabet = Array(Set(keys.flatMap { Array($0) })).sorted()
        alphabet += ["王", "李", "习", "近", "平", "阮", "富", "仲", "\u{F900}", "\u{8C48}", "·", "ア", "ー"]
        var generator = Seeded(state: 0xC7C7)
        var skipped = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...6, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let passes = text.unicodeScalars.allSatisfy { TextCleaner.isSurelyNFC($0.value) && !d.cjkFirstScalars.contains($0.value) }
            guard passes else { continue }
            skipped += 1
            let chars = Array(text)
            for i in 0..<chars.count {
                for j in (i + 1)...chars.count { #expect(d.cjk[String(chars[i..<j])] == nil, "\(text)") }
            }
        }
        #expect(skipped > 100)
    }

    /// `forEachRow`, which the engine's tables are built with, and `rows(_:)`, which overlays
    /// are checked with, read the rows the rule files' Characters make: lines end at a "\n"
    /// Character (CR LF is one Character, and ends none), lose a last "\r", and are skipped
    /// when empty or starting with the Character "#"; columns split at "\t" Characters. Every
    /// embedded table, and random text holding the cases where bytes and Characters could
    /// disagree ("#" or a blank joined by a mark, empty columns).
    @Test func byteRowsAreTheRowsOfCharacters() {
        func expected(_ text: String) -> [(Int, [String])] {
            var out: [(Int, [String])] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var line = line
                if line.last == "\r" { line.removeLast() }
                guard !line.isEmpty, line.first != "#" else { continue }
                out.append((n + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
            }
            return out
        }
        func check(_ rules: RuleFiles, _ path: String) {
            let want = rules.texts(path).flatMap(expected)
            var read: [(Int, [String], [String])] = []
            rules.forEachRow(path) { row in
                read.append((row.line, (0..<row.count).map { row.raw($0) }, (0...row.count).map { row[$0] }))
            }
            let rows = rules.rows(path)
            #expect(read.count == want.count && rows.count == want.count, "\(path)")
            for ((got, row), (line, columns)) in zip(zip(read, rows), want) {
                #expect(got.0 == line && row.line == line, "\(path)")
                #expect(got.1 == columns && row.columns.map(String.init) == columns, "\(path):\(line)")
                #expect(got.2 == columns.map(\.trimmingSpaces) + [""], "\(path):\(line)")
            }
        }
        for path in RuleFiles.embedded.paths { check(RuleFiles.embedded, path) }
        let alphabet: [String] = ["\t", "\t", "\n", "\n", "\r", "\r\n", " ", " ", "#", "a", "é", "\u{301}", "\u{200D}", "习", "x"]
        var generator = Seeded(state: 12)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            check(RuleFiles(texts: ["t.tsv": [text, "#\u{301}\tb\n \u{301}a \t b \u{301}"]]), "t.tsv")
        }
    }

    /// `ScalarSet` answers as the `Set` it replaced, for members, neighbours and values past its
    /// largest member; and the Han titles' end scalars are the titles' own.
    @Test func scalarSetAnswersAsASetDoes() {
        var generator = Seeded(state: 7)
        for _ in 0..<200 {
            let members = Set((0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt32.random(in: 0...0x2_0000, using: &generator) })
            let set = ScalarSet(members)
            for m in members {
                for v in [m, m &+ 1, m &- 1, m | 63, m & ~63, m &+ 64] { #expect(set.contains(v) == members.contains(v), "\(v)") }
            }
            for _ in 0..<50 {
                let v = UInt32.random(in: 0...0x11_0000, using: &generator)
                #expect(set.contains(v) == members.contains(v), "\(v)")
            }
        }
        #expect(!ScalarSet([]).contains(0))
        // PackedCodeSet (the Korean syllables) likewise, for members and random codes.
        for _ in 0..<50 {
            let members = Set((0..<Int.random(in: 0...3_000, using: &generator)).map { _ in UInt64.random(in: 1...UInt64.max, using: &generator) | 1 })
            let set = PackedCodeSet(members)
            for m in members { #expect(set.contains(m)) }
            for _ in 0..<200 {
                let v = UInt64.random(in: 0...UInt64.max, using: &generator)
                #expect(set.contains(v) == members.contains(v), "\(v)")
            }
            #expect(!set.contains(0))
        }
        #expect(NameCanon.isKoreanSyllable("jae") && NameCanon.isKoreanSyllable("kyeong") && !NameCanon.isKoreanSyllable("xi"))
        let tables = NameCanon.shared.tables
        #expect(tables.hanTitles.count == tables.hanTitleScalars.count && !tables.hanTitles.isEmpty)
        for (t, ends) in zip(tables.hanTitles, tables.hanTitleScalars) {
            #expect(t.text.unicodeScalars.first == ends.first && t.text.unicodeScalars.last == ends.last, "\(t.text)")
            #expect(tables.hanTitleEnds.contains(ends.first) && tables.hanTitleEnds.contains(ends.last), "\(t.text)")
            #expect(t.text == t.text.precomposedStringWithCanonicalMapping, "\(t.text) is not NFC")
        }
    }

    /// The Japanese split over bytes gives what the search over Strings gave: names made of
    /// the tables' surnames and given names, Chinese names, and odd characters between.
    @Test func japaneseSplitOnBytesMatchesTheStringSearch() {
        let canon = NameCanon.shared
        let t = canon.japanese
        func reference(_ text: String) -> (String, String, Bool)? {
            let chars = Array(text.unicodeScalars)
            var fallback: (String, String)? = nil
            for length in stride(from: min(t.longestSurname, chars.count), through: 1, by: -1) {
                let surname = String(scalars: chars[..<length])
                guard t.surnames[surname] != nil else { continue }
                let given = String(scalars: chars[length...])
                if given.isEmpty || t.given[given] != nil { return (surname, given, !given.isEmpty) }
                if fallback == nil { fallback = (surname, given) }
            }
            return fallback.map { ($0.0, $0.1, false) }
        }
        let surnames = Array(t.surnames.map(\.key).prefix(400)), given = Array(t.given.map(\.key).prefix(400))
        let others = ["王", "张", "欧阳", "伟", "a", "é", "\u{301}", "々", "ー", "习近平"]
        var generator = Seeded(state: 3)
        var hits = 0
        for _ in 0..<4_000 {
            let parts = (0..<Int.random(in: 1...3, using: &generator)).map { _ -> String in
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: return surnames.randomElement(using: &generator)!
                case 1: return given.randomElement(using: &generator)!
                default: return others.randomElement(using: &generator)!
                }
            }
            let text = parts.joined()
            let got = canon.japaneseSplit(text)
            let want = reference(text)
            #expect(got?.surname == want?.0 && got?.given == want?.1 && got?.givenKnown == want?.2, "\(text)")
            if want?.2 == true { hits += 1 }
        }
        #expect(hits > 100)
        #expect(canon.japaneseSplit("") == nil)
    }

    /// The `zh:` fold over bytes gives what the Character version gives, on random ASCII made
    /// of the letters and pieces its rules look at, and on every Wade-Giles and Cantonese
    /// spelling of the tables.
    @Test func zhFoldOnBytesMatchesTheCharacterVersion() {
        let pieces = ["t", "s", "z", "h", "e", "i", "u", "o", "y", "n", "a", "c", "T", "-", "'", "1", " ", "tsz", "szu", "yuen", "oo", "ee", "sh", "ei",
                      "X", "\r\n", "\r", "ǚ", "É"]
        var generator = Seeded(state: 5)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(RomanizationTables.foldZh(text) == RomanizationTables.foldZhCharacters(text), "\(text)")
            #expect(RomanizationTables.plainLetters(text) == Pinyin.stripTones(text).plain.filter { $0.isLetter }, "\(text)")
            #expect(NameCanon.isCapitalizedWord(text) == (text.count >= 2 && text.first?.isUppercase == true), "\(text)")
        }
        for path in ["zh/wade-giles.tsv", "zh/han-cantonese.tsv", "zh/taiwan-spellings.tsv"] {
            for row in RuleFiles.embedded.rows(path) {
                for column in row.columns {
                    for word in column.split(separator: ",").map(String.init) where word.utf8.allSatisfy({ $0 < 0x80 }) {
                        #expect(RomanizationTables.foldZhASCII(word) == RomanizationTables.foldZhCharacters(word), "\(word)")
                    }
                }
            }
        }
    }

    /// The surname length of Han names, with its first-character filter, is what the table
    /// lookups alone give: names made of the surname table's keys and common characters.
    @Test func hanSurnameLengthMatchesTheTableLookups() {
        let canon = NameCanon.shared
        let tables = canon.tables
        func reference(_ chars: [Unicode.Scalar]) -> Int {
            if chars.count >= 3, let s = tables.zhSurnames[String(scalars: chars[0..<2])], s.pinyin.count == 2 { return 2 }
            if chars.count == 2, let s = tables.zhSurnames[String(scalars: chars)], s.pinyin.count == 2,
               tables.zhSurnames[String(chars[0])] == nil { return 2 }
            return chars.isEmpty ? 0 : 1
        }
        let keys = tables.zhSurnames.keys.map { Array($0.unicodeScalars) }
        let others = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂".unicodeScalars)
        var generator = Seeded(state: 9)
        var compounds = 0
        for _ in 0..<5_000 {
            var chars = Bool.random(using: &generator) ? keys.randomElement(using: &generator)! : [others.randomElement(using: &generator)!]
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                chars += Bool.random(using: &generator) ? [others.randomElement(using: &generator)!] : keys.randomElement(using: &generator)!
            }
            let length = canon.hanSurnameLength(chars)
            #expect(length == reference(chars), "\(String(scalars: chars))")
            if length == 2 { compounds += 1 }
        }
        #expect(compounds > 50)
        #expect(canon.hanSurnameLength([]) == 0)
    }

    /// The three-row edit distance over bytes gives what the full matrix over `Character`s gave,
    /// on random words over few letters (so transpositions and repeats are common).
    @Test func editDistanceOnBytesMatchesTheMatrix() {
        func slow(_ x: [Character], _ y: [Character]) -> Int {
            if x.isEmpty { return y.count }
            if y.isEmpty { return x.count }
            var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
            for i in 0...x.count { d[i][0] = i }
            for j in 0...y.count { d[0][j] = j }
            for i in 1...x.count {
                for j in 1...y.count {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
                }
            }
            return d[x.count][y.count]
        }
        let letters = Array("abcab")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let x = String((0..<Int.random(in: 0...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            let y = String((0..<Int.random(in: 0...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            #expect(NameComparer.editDistance(Array(x.utf8), Array(y.utf8)) == slow(Array(x), Array(y)), "\(x) \(y)")
        }
        #expect(NameComparer.editDistance(Array("merkel".utf8), Array("merkle".utf8)) == 1)
        #expect(NameComparer.editDistance(Array("scholz".utf8), Array("scholze".utf8)) == 1)
    }

    /// Phonetic skeletons collapse and compare on bytes as they did on `Character`s: random
    /// segment strings over strong and weak classes of one letter and the separator.
    @Test func skeletonsOnBytesMatchTheCharacterVersion() {
        let letters: [Character] = ["P", "p", "T", "t", "K", "S", "s", "L", "l", "N", "h", "H", "-"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let x = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            let y = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            #expect(PhoneticSkeleton.collapsed(x) == PhoneticSkeleton.collapsedCharacters(x), "\(x)")
            let sx = PhoneticSkeleton(segments: x), sy = PhoneticSkeleton(segments: y)
            #expect(sx.similarity(to: sy) == PhoneticSkeleton.similarityCharacters(Array(sx.segments), Array(sy.segments)), "\(x) \(y)")
        }
        #expect(PhoneticSkeleton.collapsed("TLlNP") == "TLNP")
        #expect(PhoneticSkeleton(segments: "TLNP").similarity(to: PhoneticSkeleton(segments: "TLNP")) == 1)
    }

    /// The generational suffix read on bytes is the one the folded words gave, on random ASCII
    /// texts of suffix letters, punctuation and separators, and on non-ASCII ones.
    @Test func suffixOnBytesMatchesTheFoldedWords() {
        let canon = NameCanon.shared
        func slow(_ text: String) -> String? {
            text.split(whereSeparator: { $0 == " " || $0 == "," }).map { canon.fold($0) }.first { NameComparer.suffixes.contains($0) }
        }
        let pieces = ["jr", "Jr.", "SR", "i", "I", "v", "iv", "III", "junior", "Senior", "x", "2", "-", "'", " ", ",", ", ", "é", "Ⅳ"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(NameComparer.suffixWord(in: text, canon) == slow(text), "\(text)")
        }
        #expect(NameComparer.suffixWord(in: "donald trump jr", canon) == "jr")
        #expect(NameComparer.suffixWord(in: "Jr.", canon) == "jr")
        #expect(NameComparer.suffixWord(in: "juniors", canon) == nil)
    }
}
