/// Descriptors around a name written in Cyrillic, as the Russian press introduces people:
/// "Президент России Владимир Путин", "глава МИД КНР Ван И", "Владимир Путин, президент России".
///
/// The Latin matcher folds words to ASCII, which drops Cyrillic letters, so Cyrillic rows of
/// Rules/descriptors.tsv are matched here on their lowercased words. The rule is the Latin one:
/// a run is stripped only when it holds an honorific, former marker, post or job (a country in
/// the genitive alone, "России", is not enough), and at least one word is left for the name.
extension NameCanon {
    func stripCyrillicDescriptors(_ text: String, before: inout [String], after: inout [String]) -> String {
        var text = text
        // "Владимир Путин, президент России": a description after a comma.
        if let comma = text.firstIndex(of: ",") {
            let head = String(text[..<comma]).trimmingSpaces
            let tail = String(text[text.index(after: comma)...]).trimmingSpaces
            let tailWords = tail.parts(0x20)
            if !head.isEmpty, !tailWords.isEmpty, cyrillicChain(tailWords + ["x"]) == tailWords.count {
                after.append(tail)
                text = head
            }
        }
        var words = text.parts(0x20)
        let consumed = cyrillicChain(words)
        if consumed > 0 {
            before.append(words.prefix(consumed).joined(separator: " "))
            words.removeFirst(consumed)
        }
        return words.joined(separator: " ")
    }

    /// The number of leading words that form a description, leaving at least one word; 0 when
    /// the run holds no anchor (honorific, former marker, post or job).
    private func cyrillicChain(_ words: [String]) -> Int {
        let lower = words.map { $0.latinLowered }
        var i = 0, anchored = false, end = 0
        while i < lower.count - 1 {
            guard let e = descriptors.cyrillic[lower[i]]?.first(where: {
                i + $0.exact.count < lower.count && Array(lower[i..<(i + $0.exact.count)]) == $0.exact
            }) else { break }
            i += e.exact.count
            if e.kind.anchors { anchored = true }
            if anchored { end = i }
        }
        return end
    }
}
