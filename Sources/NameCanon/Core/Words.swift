extension String {
    /// The words of `self` between ASCII spaces, empty words dropped: what
    /// `split(separator: " ").map(String.init)` gives, found on the UTF-8 bytes instead of
    /// grapheme clusters. A space that joins a grapheme cluster (a combining mark after it, a
    /// prepending mark before it) is not a word break for `Character`; such text takes the
    /// `Character` route, so the answer is the same for every input.
    var spaceSeparatedWords: [String] { simpleSpaceSeparatedWords ?? split(separator: " ").map(String.init) }

    /// ``spaceSeparatedWords`` when no space joins a grapheme cluster, else nil.
    var simpleSpaceSeparatedWords: [String]? {
        let utf8 = self.utf8
        var words: [String] = []
        var start = utf8.startIndex
        var i = start
        var previous: UInt8 = 0
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x20 {
                if Self.joinsSpaceAfter(self.unicodeScalars[utf8.index(after: i)...].first)
                    || previous >= 0x80 && Self.mayPrepend(self.unicodeScalars[..<i].last) {
                    return nil
                }
                if start != i { words.append(String(self[start..<i])) }
                start = utf8.index(after: i)
            }
            previous = b
            i = utf8.index(after: i)
        }
        if start != utf8.endIndex { words.append(String(self[start...])) }
        return words
    }

    /// Whether a scalar right after a space joins the space's grapheme cluster (Extend,
    /// SpacingMark, ZWJ).
    private static func joinsSpaceAfter(_ s: Unicode.Scalar?) -> Bool {
        guard let s, s.value >= 0x80 else { return false }
        return s.properties.isGraphemeExtend || s.properties.generalCategory == .spacingMark || s.value == 0x200D
            || s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark
    }

    /// Whether a scalar right before a space may be a Prepend character (prepended concatenation
    /// marks, preceding repha): Arabic and Syriac marks, U+0D4E, and the Brahmic blocks past
    /// U+11000, taken whole.
    private static func mayPrepend(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        let v = s.value
        return (0x600...0x8FF).contains(v) || v == 0xD4E || (0x11000...0x11FFF).contains(v) || s.properties.generalCategory == .format
    }

    /// Whether the text holds a middle dot `·`, as `contains("·")` answers; text without the last
    /// UTF-8 byte of U+00B7 or of U+0387 (which decomposes to it) cannot, and skips Foundation's
    /// search.
    var containsMiddleDot: Bool { utf8.contains { $0 == 0xB7 || $0 == 0x87 } && contains("·") }
}
