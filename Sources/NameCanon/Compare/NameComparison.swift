/// How alike two names are, and why: the answer of `NameCanon.compare`.
///
/// ```swift
/// let c = try NameCanon.shared.compare("Emanuel Macron", "Emmanuel Macron")
/// c.score        // 0.98
/// c.verdict      // .same
/// c.explanation  // "given emanuel ~ emmanuel (spelling variant); surname macron = macron"
/// ```
public struct NameComparison: Sendable, Hashable {
    /// How sure NameCanon is that the two names are one person's, from a comparison of names
    /// alone.
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        /// The same name, or a variant of it a reader would take for the same person (score ≥ 0.9).
        case same
        /// Probably the same person; worth a look (0.75 ≤ score < 0.9).
        case likely
        /// Could be the same person; a candidate, never a match (0.6 ≤ score < 0.75).
        case possible
        /// Different people, or nothing to tell (score < 0.6).
        case different

        /// The verdict a score falls in.
        public init(score: Double) {
            if score >= Self.sameScore { self = .same }
            else if score >= Self.likelyScore { self = .likely }
            else if score >= Self.possibleScore { self = .possible }
            else { self = .different }
        }

        /// The lowest score that is ``same``.
        public static let sameScore = 0.9
        /// The lowest score that is ``likely``.
        public static let likelyScore = 0.75
        /// The lowest score that is ``possible``; anything below it is ``different``.
        public static let possibleScore = 0.6
    }

    /// How the names were compared.
    public enum Method: String, Sendable, Codable {
        /// They share a key of the engine (ASCII, pinyin syllables or Hán-Việt).
        case key
        /// Word by word, with typos, variants, initials and left-out middle names.
        case fuzzy
        /// By sound: a Latin name against a Han, Hangul, kana or Cyrillic transcription.
        case phonetic
        /// Something rules them apart (different Han characters, Vietnamese tones, suffixes).
        case conflict
    }

    /// 0...1; 1 only for names with the same key.
    public var score: Double
    /// The band ``score`` falls in.
    public var verdict: Verdict
    /// Whether a shared key, a fuzzy word-by-word match, sound, or a conflict decided the score.
    public var method: Method
    /// What was matched (or told them apart), one item per name part: "surname lavrov = lavrov".
    public var matched: [String]
    /// The two names as the engine normalized them.
    public var a: NormalizedName
    /// The second name, as the engine normalized it.
    public var b: NormalizedName

    /// The items of `matched` joined into one sentence.
    public var explanation: String { matched.joined(separator: "; ") }

    /// A comparison with `score` clamped to 0...1 and rounded to three decimals, and the verdict
    /// that rounded score falls in.
    public init(score: Double, method: Method, matched: [String], a: NormalizedName, b: NormalizedName) {
        let rounded = (min(1, max(0, score)) * 1000).rounded() / 1000
        self.score = rounded
        self.verdict = Verdict(score: rounded)
        self.method = method
        self.matched = matched
        self.a = a
        self.b = b
    }
}
