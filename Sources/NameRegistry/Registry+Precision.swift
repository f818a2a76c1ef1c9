import Foundation
import NameCanon

/// Precision: the keys fold away what the writing says, so before a key match links a mention
/// to a person the registry checks that the writing does not tell them apart.
///
/// - Han homophones (李强 and 李蔷 are both `li qiang`): see `hanCompatible`.
/// - Vietnamese marks: "Lê Văn Hùng" and "Lê Văn Hưng" share the key `le van hung` but are two
///   people; a mention's marked word must agree with the person's marked word in the same place.
///   An unmarked word ("Hung") agrees with anything, so "Le Van Hung" fits both and is ambiguous.
/// - Word order: only Chinese, Vietnamese and Korean names are written in both orders; "Ryan
///   Paul" is not Paul Ryan.
extension Registry {
    /// The marks of one word: its letters without the tone, and the tone, wherever it was placed
    /// ("thuỷ" and "thủy" agree; "thùy" and "thủy" do not; "đức" and "dức" do not).
    struct MarkedWord: Hashable {
        var letters: String
        var tone: Unicode.Scalar?
    }

    /// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below).
    static let toneMarks: Set<Unicode.Scalar> = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"]

    /// A word lowercased and folded to ASCII letters (for pairing words), and its marks when it
    /// has any (nil: a plain ASCII word, which agrees with every marked form).
    static func markedWord(_ word: Substring) -> (folded: String, marks: MarkedWord?) {
        let lowered = word.lowercased()
        if lowered.allSatisfy(\.isASCII) { return (lowered.filter { $0.isLetter || $0.isNumber }, nil) }
        var letters = String.UnicodeScalarView()
        var folded = String.UnicodeScalarView()
        var tone: Unicode.Scalar?
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            if toneMarks.contains(scalar) { tone = scalar; continue }
            letters.append(scalar)
            if scalar == "đ" || scalar == "ɖ" || scalar == "ð" { folded.append("d"); continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || scalar.properties.numericType != nil { folded.append(scalar) }
        }
        return (String(folded), MarkedWord(letters: String(letters).precomposedStringWithCanonicalMapping, tone: tone))
    }

    /// The words of a name with their marks. A Vietnamese name written with diacritics is taken
    /// as fully accented: its plain words are marked too (level tone, no vowel mark: "Mai" is
    /// not "Mại"). A name with no diacritics at all leaves every word open.
    static func markedWords(_ text: String, vietnamese: Bool) -> [(folded: String, marks: MarkedWord?)] {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "-" }).map { markedWord($0) }
        if vietnamese, words.contains(where: { $0.marks != nil }) {
            for i in words.indices where words[i].marks == nil {
                words[i].marks = MarkedWord(letters: words[i].folded, tone: nil)
            }
        }
        return words
    }

    /// `markedWords`, remembered by text: a known person's names are read again at every
    /// mention of them (four tenths of resolving a known Vietnamese name). Call with the lock held.
    func markedWordsRemembered(_ text: String, vietnamese: Bool) -> [(folded: String, marks: MarkedWord?)] {
        let key = vietnamese ? "v" + text : "o" + text
        if let known = markedWordsCache[key] { return known }
        let words = Self.markedWords(text, vietnamese: vietnamese)
        if markedWordsCache.count > 100_000 { markedWordsCache.removeAll() }
        markedWordsCache[key] = words
        return words
    }

    /// True when the Latin mention's marked words agree with the marked words the entity's Latin
    /// names have in the same places. Words are paired by their ASCII folding, so a name in
    /// another order or a short form ("Hưng") is compared word by word too; names that do not
    /// contain every word of the mention say nothing.
    func marksCompatible(_ mention: String, vietnamese: Bool, entity id: String) -> Bool {
        let words = markedWordsRemembered(mention, vietnamese: vietnamese)
        guard words.contains(where: { $0.marks != nil }), let entity = entities[id] else { return true }
        // For each word of the mention, the marked forms the entity's names have in its place.
        var seen = [Set<MarkedWord>](repeating: [], count: words.count)
        for name in entity.names {
            let theirs: [(folded: String, marks: MarkedWord?)]
            if name.script == .latin {
                theirs = markedWordsRemembered(name.text, vietnamese: name.language == .vi)
            } else if vietnamese, name.script == .han, let choices = canon.hanvietSyllableChoices(name.text) {
                // A Han name is written with its Hán-Việt readings' marks: 黎文雄 is Lê Văn Hùng,
                // never Lê Văn Hưng (黎文興). Any reading of a character counts (王沪宁 is Vương
                // Hộ Ninh in some papers and Vương Hỗ Ninh in others).
                // Readings are fully accented: a plain one ("Mai") is marked as such, not open.
                let marked = choices.map { $0.map { reading -> (folded: String, marks: MarkedWord?) in
                    let w = Self.markedWord(Substring(reading.lowercased()))
                    return (w.folded, w.marks ?? MarkedWord(letters: w.folded, tone: nil))
                } }
                var used = [Bool](repeating: false, count: marked.count)
                var pairs: [(Int, [MarkedWord])] = []
                for (i, word) in words.enumerated() {
                    guard let j = marked.indices.first(where: { !used[$0] && marked[$0].contains { $0.folded == word.folded } }) else {
                        pairs = []
                        break
                    }
                    used[j] = true
                    pairs.append((i, marked[j].filter { $0.folded == word.folded }.compactMap(\.marks)))
                }
                for (i, marks) in pairs { seen[i].formUnion(marks) }
                continue
            } else {
                continue
            }
            var used = [Bool](repeating: false, count: theirs.count)
            var pairs: [(Int, MarkedWord)] = []
            for (i, word) in words.enumerated() {
                guard let j = theirs.indices.first(where: { !used[$0] && theirs[$0].folded == word.folded }) else { pairs = []; break }
                used[j] = true
                if let marks = theirs[j].marks { pairs.append((i, marks)) }
            }
            for (i, marks) in pairs { seen[i].insert(marks) }
        }
        for (i, word) in words.enumerated() {
            if let marks = word.marks, !seen[i].isEmpty, !seen[i].contains(marks) { return false }
        }
        return true
    }

    /// True when nothing in the writing tells the mention and the entity apart: Han characters
    /// (for a Han mention) and Vietnamese marks (for a Latin one).
    func writingCompatible(_ n: NormalizedName, span: String, entity id: String) -> Bool {
        switch n.script {
        case .han: hanCompatible(n, entity: id)
        case .latin: marksCompatible(span, vietnamese: n.language == .vi, entity: id)
        default: true
        }
    }

    /// Languages whose names are written surname first at home and given name first abroad, so
    /// the same person appears in both orders.
    static let bothOrderLanguages: Set<NameLanguage> = [.zh, .vi, .ko]

    /// True when the entity has a Chinese, Vietnamese or Korean name with this ASCII key: the
    /// only kind of name an order swap may meet.
    func hasBothOrderName(_ id: String, key: String) -> Bool {
        guard let entity = entities[id] else { return false }
        let wanted = NameKey(.ascii, key)
        return entity.names.contains { Self.bothOrderLanguages.contains($0.language) && $0.keys.contains(wanted) }
    }

    /// True when someone asserted that the entity has this name (registered it, added it as an
    /// alias or as the first name of a split), rather than the resolver learning it from a mention.
    func isAsserted(_ text: String, entity id: String) -> Bool {
        guard let name = entities[id]?.names.first(where: { $0.text == text }) else { return false }
        switch name.kind {
        case .learned: return false
        case .primary: return name.source != "resolve"
        case .alias, .transliteration: return true
        }
    }
}
