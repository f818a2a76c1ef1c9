/// When "Nguyễn Phúc" is the royal clan's two-part surname (Rules/vi/royal-names.tsv): before a
/// word of Minh Mạng's generation poem and a given name (Nguyễn Phúc Vĩnh Thụy), or before the
/// one-word given name of a lord or early emperor (Nguyễn Phúc Ánh). Anyone else named
/// "Nguyễn Phúc X" is a Nguyễn with the middle name Phúc.
struct VietnameseRoyalNames: Sendable {
    let generation: Set<String>
    let given: Set<String>

    init(_ rules: RuleFiles, fold: [Character: String]) {
        var generation = Set<String>(), given = Set<String>()
        for row in rules.rows("vi/royal-names.tsv") where row.columns.count >= 2 {
            let word = Tables.foldWord(String(row.columns[0]).trimmingSpaces, fold)
            switch String(row.columns[1]).trimmingSpaces {
            case "generation": generation.insert(word)
            case "given": given.insert(word)
            default: continue
            }
        }
        self.generation = generation
        self.given = given
    }

    /// True when the folded words, which start with the surname "nguyen phuc" (or "nguyen
    /// phuoc"), name a member of the royal lineage.
    func isRoyal(_ folded: [String]) -> Bool {
        if folded.count == 3 { return given.contains(folded[2]) }
        return folded.count >= 4 && generation.contains(folded[2])
    }
}
