/// The consonant skeleton of a name part: what survives of a name when it is transcribed into
/// another script's syllables. Chinese, Korean and Japanese transcription add a vowel after
/// every consonant (Trump → 特朗普 te-lang-pu, 트럼프 teu-reom-peu, トランプ to-ra-n-pu), merge l and
/// r, and tell voiced from voiceless stops only loosely, so the skeleton keeps consonant classes
/// and drops every vowel:
///
/// | class | sounds                                   |
/// |-------|------------------------------------------|
/// | `P`   | b, p                                     |
/// | `T`   | d, t, th                                 |
/// | `K`   | g, k, c (before a, o, u), q, ck          |
/// | `S`   | s, z, sh, ch, j, soft c and g            |
/// | `F`   | f, v, ph                                 |
/// | `L`   | l, r                                     |
/// | `N`   | m, n, ng                                 |
///
/// A lowercase class is weak: present in one script and often absent in another (h; an r after
/// a vowel, which British-based transcription drops: Carter → 卡特; a j or y opening a word,
/// which 约翰 writes as a vowel). Deleting a weak segment costs less than deleting a strong one.
///
/// ```swift
/// PhoneticSkeleton(latin: "trump").segments           // "TLNP"
/// PhoneticSkeleton(han: "特朗普", table: t)?.segments    // "TLNP"
/// ```
struct PhoneticSkeleton: Hashable, Sendable {
    /// One class letter per segment; lowercase letters are weak.
    var segments: String

    /// The strong segments only, for blocking in an index.
    var strong: String { String(segments.filter { $0.isUppercase }) }

    init(segments: String) { self.segments = Self.collapsed(segments) }

    /// Equal neighbouring segments are one (Hillary's ll, Korean 힐러리's ㄹㄹ, Johnson's n-s-n stays).
    static func collapsed(_ s: String) -> String {
        // Segments are ASCII class letters: the same rule on bytes, without a String per letter.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            for b in s.utf8 where b != UInt8(ascii: "-") {
                if let last = out.last {
                    if last == b { continue }
                    if asciiUpper(last) == asciiUpper(b) {
                        out[out.count - 1] = asciiUpper(b)
                        continue
                    }
                }
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return collapsedCharacters(s)
    }

    /// `collapsed` on `Character`s, for segments that are not ASCII.
    static func collapsedCharacters(_ s: String) -> String {
        var out = ""
        for c in s where c != "-" {
            if let last = out.last, last == c { continue }
            if let last = out.last, last.uppercased() == c.uppercased() {
                // A weak and a strong segment of one class are one strong segment.
                out.removeLast()
                out.append(Character(c.uppercased()))
                continue
            }
            out.append(c)
        }
        return out
    }

    // MARK: - Latin (English-like spelling)

    /// The skeleton of a lowercase ASCII word, read as English spelling reads it.
    init(latin word: String) {
        let w = Array(word.unicodeScalars.filter { $0.value < 0x80 && ($0.properties.isAlphabetic) }.map { Character($0) })
        var out = ""
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        func at(_ i: Int) -> Character? { i >= 0 && i < w.count ? w[i] : nil }
        var i = 0
        while i < w.count {
            let c = w[i]
            let next = at(i + 1)
            if vowels.contains(c) { i += 1; continue }
            switch c {
            case "p" where next == "h": out += "F"; i += 2; continue
            case "t" where next == "h": out += "T"; i += 2; continue
            case "s" where next == "c" && at(i + 2) == "h": out += "S"; i += 3; continue
            case "t" where next == "c" && at(i + 2) == "h": out += "S"; i += 3; continue
            case "s" where next == "h", "c" where next == "h", "z" where next == "h": out += "S"; i += 2; continue
            case "c" where next == "k": out += "K"; i += 2; continue
            case "g" where next == "h": out += "h"; i += 2; continue
            case "k" where next == "h": out += "h"; i += 2; continue  // Khrushchev: 赫鲁晓夫
            case "q": out += "K"; i += (next == "u" ? 2 : 1); continue
            default: break
            }
            switch c {
            case "b", "p": out += "P"
            case "d", "t": out += "T"
            case "k": out += "K"
            case "c": out += (next == "e" || next == "i" || next == "y") ? "S" : "K"
            case "g": out += (next == "e" || next == "i" || next == "y") ? "S" : "K"
            case "j": out += i == 0 ? "s" : "S"
            case "s", "z": out += "S"
            case "x": out += "KS"
            case "f", "v": out += "F"
            case "w": break
            case "h": out += "h"
            case "l": out += "L"
            case "r": out += (next.map { vowels.contains($0) } ?? false) ? "L" : "l"
            case "m", "n": out += "N"
            default: break
            }
            i += 1
        }
        self.init(segments: out)
    }

    // MARK: - Han (transcription table)

    /// The skeleton of a Han transcription, or nil when a character is not a transcription
    /// character (a Chinese name such as 李克强 is not read this way).
    init?(han part: String, table: [Character: String]) {
        var out = ""
        for c in part {
            guard let sound = table[c] else { return nil }
            out += sound
        }
        self.init(segments: out)
    }

    // MARK: - Hangul (Korean foreign-word transcription, read as Revised Romanization)

    /// The skeleton of a Hangul word: each syllable's initial and final consonant, vowels
    /// (including the epenthetic ㅡ eu) dropped.
    init?(hangul part: String) {
        // Initial consonants in jamo order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
        let initials = ["K", "K", "N", "T", "T", "L", "N", "P", "P", "S", "S", "", "S", "S", "S", "K", "T", "P", "h"]
        // Finals: none, ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ.
        // In loanwords a final ㅅ writes t (로봇 robot).
        let finals = ["", "K", "K", "KS", "N", "NS", "N", "T", "L", "LK", "LN", "LP", "LS", "LT", "LP", "L", "N", "P",
                      "PS", "T", "T", "N", "T", "T", "K", "T", "P", "h"]
        var out = ""
        for scalar in part.unicodeScalars {
            let v = Int(scalar.value)
            guard v >= 0xAC00 && v <= 0xD7A3 else { return nil }
            let index = v - 0xAC00
            out += initials[index / 588]
            out += finals[index % 28]
        }
        self.init(segments: out)
    }

    // MARK: - Kana (Hepburn rows)

    /// The skeleton of a kana word by the consonant of each kana's row, as Hepburn writes it.
    init?(kana part: String) {
        var out = ""
        for scalar in part.unicodeScalars {
            var v = scalar.value
            if v >= 0x3041 && v <= 0x3096 { v += 0x60 }  // hiragana → katakana
            guard (v >= 0x30A1 && v <= 0x30FA) || v == 0x30FC else { return nil }
            out += Self.kanaClass(v)
        }
        self.init(segments: out)
    }

    static func kanaClass(_ v: UInt32) -> String {
        switch v {
        case 0x30AB...0x30B4: return "K"                  // カ ガ キ ギ ク グ ケ ゲ コ ゴ
        case 0x30B5...0x30BE: return "S"                  // サ ザ シ ジ ス ズ セ ゼ ソ ゾ
        case 0x30BF, 0x30C0, 0x30C6...0x30C9: return "T"  // タ ダ テ デ ト ド
        case 0x30C1...0x30C2, 0x30C4, 0x30C5: return "S"  // チ ヂ ツ ヅ
        case 0x30CA...0x30CE: return "N"                  // ナ ニ ヌ ネ ノ
        case 0x30CF, 0x30D2, 0x30D8, 0x30DB: return "h"   // ハ ヒ ヘ ホ
        case 0x30D5: return "F"                           // フ
        case 0x30D0, 0x30D1, 0x30D3, 0x30D4, 0x30D6, 0x30D7, 0x30D9, 0x30DA, 0x30DC, 0x30DD: return "P"  // バ パ ビ ピ ...
        case 0x30DE...0x30E2: return "N"                  // マ ミ ム メ モ
        case 0x30E9...0x30ED: return "L"                  // ラ リ ル レ ロ
        case 0x30F3: return "N"                           // ン
        case 0x30F4: return "F"                           // ヴ
        default: return ""                                // vowels, ヤ行, ワ, ッ, ー, small kana
        }
    }

    // MARK: - Cyrillic (Russian and Ukrainian letters)

    /// The skeleton of a Cyrillic word, letter by letter (й and the soft and hard signs are vowels here).
    init?(cyrillic part: String) {
        var out = ""
        for c in part.latinLowered {
            switch c {
            case "б", "п": out += "P"
            case "в", "ф": out += "F"
            case "г", "ґ", "к": out += "K"
            case "д", "т": out += "T"
            case "ж", "з", "с", "ц", "ч", "ш", "щ": out += "S"
            case "л", "р": out += "L"
            case "м", "н": out += "N"
            case "х": out += "h"
            case "а", "е", "ё", "и", "й", "о", "у", "ы", "э", "ю", "я", "ь", "ъ", "і", "ї", "є": break
            default: if c.isLetter { return nil }
            }
        }
        self.init(segments: out)
    }

    // MARK: - Distance

    /// How alike two skeletons are, 0...1: one minus a weighted edit distance over the larger
    /// total weight (a strong segment weighs 1, a weak one 0.3; deleting costs the weight;
    /// substituting costs 1 unless the classes agree).
    func similarity(to other: PhoneticSkeleton) -> Double {
        if segments.utf8.allSatisfy({ $0 < 0x80 }), other.segments.utf8.allSatisfy({ $0 < 0x80 }) {
            return Self.similarity(Array(segments.utf8), Array(other.segments.utf8))
        }
        return Self.similarityCharacters(Array(segments), Array(other.segments))
    }

    /// `similarity(to:)` on `Character`s, for segments that are not ASCII.
    static func similarityCharacters(_ a: [Character], _ b: [Character]) -> Double {
        func weight(_ c: Character) -> Double { c.isUppercase ? 1 : 0.3 }
        let wa = a.reduce(0) { $0 + weight($1) }, wb = b.reduce(0) { $0 + weight($1) }
        let total = max(wa, wb)
        if total == 0 { return 0 }
        var previous = [0.0]
        for c in b { previous.append(previous.last! + weight(c)) }
        for ca in a {
            var row = [previous[0] + weight(ca)]
            for (j, cb) in b.enumerated() {
                let same = ca.uppercased() == cb.uppercased()
                let substitute = previous[j] + (same ? 0 : 1)
                row.append(min(substitute, previous[j + 1] + weight(ca), row[j] + weight(cb)))
            }
            previous = row
        }
        return max(0, 1 - previous[b.count] / total)
    }

    /// An ASCII letter in upper case; any other byte as it is.
    static func asciiUpper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b & 0xDF : b }

    /// `similarity(to:)` over ASCII segments: the same weights and costs, on bytes.
    static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        func weight(_ c: UInt8) -> Double { c >= 0x41 && c <= 0x5A ? 1 : 0.3 }
        let wa = a.reduce(0) { $0 + weight($1) }, wb = b.reduce(0) { $0 + weight($1) }
        let total = max(wa, wb)
        if total == 0 { return 0 }
        var previous = [0.0]
        previous.reserveCapacity(b.count + 1)
        for c in b { previous.append(previous.last! + weight(c)) }
        var row = [Double](repeating: 0, count: b.count + 1)
        for ca in a {
            row[0] = previous[0] + weight(ca)
            let upperA = asciiUpper(ca)
            for (j, cb) in b.enumerated() {
                let substitute = previous[j] + (upperA == asciiUpper(cb) ? 0 : 1)
                row[j + 1] = min(substitute, previous[j + 1] + weight(ca), row[j] + weight(cb))
            }
            swap(&previous, &row)
        }
        return max(0, 1 - previous[b.count] / total)
    }

    /// Strong segments: how much evidence the skeleton holds.
    var strength: Int { segments.reduce(0) { $0 + ($1.isUppercase ? 1 : 0) } }
}
