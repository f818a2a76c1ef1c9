import Foundation

/// Glosses: other names of the same person that running text writes beside a name.
///
/// "Carrie Lam (林鄭月娥)", "特朗普（Donald Trump）", "Lai Ching-te, also known as William Lai",
/// "시진핑(習近平)": the name is what stays outside, the gloss is the other form. `normalize` keys
/// the name and lists the glosses in `NormalizedName.glosses`, so a registry can learn that both
/// forms are one person. Whether a gloss is a name at all ("(left)", "(2019)") is the caller's
/// call; ``NameCanon/plausibleGloss(_:of:)`` is the registry's test.
enum Glosses {
    /// Phrases that introduce another name of the same person, lowercase, with their spaces.
    static let akaPhrases = [", also known as ", " also known as ", ", aka ", " aka ", ", a.k.a. ", " a.k.a. ",
                             ", còn gọi là ", " còn gọi là ", "，又名", "又名", "，又称", "又称", "，又稱", "又稱"]

    /// Splits an "also known as" gloss off `text` and collects a parenthetical one (which
    /// `stripAsides` removes itself, reporting the repair). Returns the text without the
    /// "also known as" part and the glosses in the order written.
    static func split(_ text: String) -> (text: String, glosses: [String]) {
        var rest = text
        var glosses: [String] = []
        // Lowercasing a whole name costs more than the rest of this: first ask the bytes as
        // written, folding case as lowercasing would (`mayHoldAkaPhrase(written:)`).
        if mayHoldAkaPhrase(written: rest), case let lowered = rest.latinLowered, mayHoldAkaPhrase(lowered), lowered.count == rest.count {  // lowercasing kept the length, so indices line up
            for phrase in akaPhrases {
                guard let range = lowered.range(of: phrase) else { continue }
                let start = rest.index(rest.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: range.lowerBound))
                let end = rest.index(start, offsetBy: phrase.count)
                let gloss = String(rest[end...]).trimmingCharacters(in: .whitespaces)
                let name = String(rest[..<start]).trimmingCharacters(in: .whitespaces)
                if !gloss.isEmpty, name.contains(where: \.isLetter) {
                    glosses.append(gloss)
                    rest = name
                }
                break
            }
        }
        if rest.utf8.contains(0x28), let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let inside = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            let outside = String(rest[..<open]) + String(rest[rest.index(after: close)...])
            if outside.contains(where: \.isLetter), !inside.isEmpty { glosses.insert(inside, at: 0) }
        }
        return (rest, glosses)
    }

    /// False when no phrase of `akaPhrases` can occur in `lowered`, read off its bytes instead of
    /// fourteen Foundation searches: the Latin phrases need "kn", "ak" or ".k" (known, aka, a.k.a.) or both
    /// "n g" and "i l" (còn gọi là: its n and i carry no mark, so every canonically equivalent
    /// spelling has those bytes); the Han ones need 又 (UTF-8 E5 8F 88), which no other character
    /// decomposes to.
    static func mayHoldAkaPhrase(_ lowered: String) -> Bool { mayHoldAkaPhrase(bytes: lowered.utf8) }

    /// ``mayHoldAkaPhrase(_:)`` of the text lowercased, read off the text as written: ASCII
    /// capitals are folded here, and the only characters past ASCII that lowercase to an ASCII
    /// letter, İ (to i) and the Kelvin sign (to k), are read as those letters. Every other
    /// character stays past ASCII when lowercased, so the ASCII neighbourhoods the test looks at
    /// are the same: false here means false for the lowercased text.
    static func mayHoldAkaPhrase(written text: String) -> Bool {
        var text = text
        return text.withUTF8 { u -> Bool in
            var scan = AkaScan()
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    if scan.feed(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) { return true }
                    i += 1
                } else if b == 0xC4, i + 1 < u.count, u[i + 1] == 0xB0 {  // İ
                    if scan.feed(0x69) { return true }
                    i += 2
                } else if b == 0xE2, i + 2 < u.count, u[i + 1] == 0x84, u[i + 2] == 0xAA {  // K (Kelvin)
                    if scan.feed(0x6B) { return true }
                    i += 3
                } else {
                    if scan.feed(b) { return true }
                    i += 1
                }
            }
            return scan.found
        }
    }

    private static func mayHoldAkaPhrase(bytes: some Sequence<UInt8>) -> Bool {
        var scan = AkaScan()
        for b in bytes where scan.feed(b) { return true }
        return scan.found
    }

    /// The byte test of ``mayHoldAkaPhrase(_:)``, fed one byte at a time.
    private struct AkaScan {
        var b1: UInt8 = 0, b2: UInt8 = 0
        var nG = false, iL = false

        /// Takes the next byte; true as soon as a phrase may be there.
        @inline(__always)
        mutating func feed(_ b: UInt8) -> Bool {
            if b == 0x88 && b1 == 0x8F && b2 == 0xE5 { return true }
            // "kn" (known), "ak" (aka), ".k" (a.k.a.): never "kh", "ki" of Vietnamese names.
            if b == 0x6E && b1 == 0x6B || b == 0x6B && (b1 == 0x61 || b1 == 0x2E) { return true }
            if b1 == 0x20 {
                if b == 0x67 && b2 == 0x6E { nG = true }  // "n g"
                if b == 0x6C && b2 == 0x69 { iL = true }  // "i l"
            }
            b2 = b1
            b1 = b
            return false
        }

        /// After the last byte: both halves of "còn gọi là" seen.
        var found: Bool { nG && iL }
    }

    /// Words a parenthetical holds that are never a name: captions, credits, places in photos.
    static let notNames: Set<String> = [
        "left", "right", "center", "centre", "top", "bottom", "middle", "front", "back", "pictured", "file",
        "photo", "file photo", "reuters", "afp", "ap", "xinhua", "ed", "eds", "editor", "translator", "deceased",
        "retired", "former", "acting", "interim", "trái", "phải", "giữa", "ảnh", "左", "右", "中", "资料图", "資料圖",
        "图", "圖", "왼쪽", "오른쪽", "가운데", "사진",
    ]
}

extension NameCanon {
    /// The text without its glosses: "Carrie Lam (林鄭月娥)" → "Carrie Lam", "Lai Ching-te, also
    /// known as William Lai" → "Lai Ching-te". A gloss alone ("(林鄭月娥)") is kept.
    ///
    /// ```swift
    /// NameCanon.withoutGlosses("特朗普（Donald Trump）")   // "特朗普"
    /// ```
    public static func withoutGlosses(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
        var rest = Glosses.split(folded).text
        if rest.utf8.contains(0x28), let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let outside = String(rest[..<open]) + " " + String(rest[rest.index(after: close)...])
            if outside.contains(where: \.isLetter) { rest = outside }
        }
        return rest.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// True when `gloss`, found beside `name`, is itself a plausible full name of a person: not a
    /// caption word ("left", "file photo"), not a number or date ("2019"), a full name (two
    /// parts at least, as the registry needs to create a person), and for a gloss in the same
    /// script as the name, a form that shares a part with it ("Lai Ching-te" / "William Lai";
    /// "蔣中正" / "蔣介石"), so "Carrie Lam (Hong Kong)" teaches nothing.
    ///
    /// ```swift
    /// let canon = NameCanon.shared
    /// canon.plausibleGloss("林鄭月娥", of: try canon.normalize("Carrie Lam"))   // true
    /// canon.plausibleGloss("left", of: try canon.normalize("Carrie Lam"))       // false
    /// ```
    public func plausibleGloss(_ gloss: String, of name: NormalizedName) -> Bool {
        let text = gloss.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.contains(where: \.isLetter), !text.contains(where: \.isNumber),
              !Glosses.notNames.contains(text.latinLowered), text.parts(0x20).count <= 6,
              let n = try? normalize(text) else { return false }
        guard n.key.contains(" ") else { return false }
        if n.script == .latin {
            // A name's first and last words are capitalized: "file photo" is not a name.
            let words = text.parts(0x20)
            guard words.first?.first?.isUppercase == true, words.last?.first?.isUppercase == true else { return false }
        }
        if n.script == name.script {
            let mine = Set(name.key.parts(0x20))
            if n.script == .han {
                guard let a = n.display.first, let b = name.display.first, a == b
                    || (try? transliterate(String(a), to: .simplified)) == (try? transliterate(String(b), to: .simplified)) else { return false }
            } else if Set(n.key.parts(0x20)).isDisjoint(with: mine) {
                return false
            }
        }
        return true
    }
}
