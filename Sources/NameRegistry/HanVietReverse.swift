import NameCanon

/// The Hán-Việt table read backwards: each toneless Vietnamese syllable → the toneless pinyin
/// syllables of the Han characters that read so ("tap" → xi, ji, …; "binh" → ping, bing, …).
///
/// The engine reads its Hán-Việt table backwards (every reading of every character, so
/// heteronyms count); this expands a whole key into the pinyin sequences it can stand for.
struct HanVietReverse: Sendable {
    private let canon: NameCanon

    /// The table of the shared engine.
    static let shared = HanVietReverse(canon: .shared)

    init(canon: NameCanon) { self.canon = canon }

    /// At most this many pinyin sequences are read back from one Hán-Việt key.
    static let limit = 4096

    /// Every pinyin syllable sequence a Hán-Việt key can stand for, or nil when a syllable has
    /// no Han reading or there would be more than `limit` sequences.
    func pinyinKeys(forHanViet key: String, limit: Int = Self.limit) -> [String]? {
        var sequences: [String] = [""]
        for syllable in key.split(separator: " ") {
            let options = canon.pinyinSyllables(forHanViet: String(syllable))
            guard !options.isEmpty else { return nil }
            if sequences.count * options.count > limit { return nil }
            sequences = sequences.flatMap { prefix in options.map { prefix.isEmpty ? $0 : prefix + " " + $0 } }
        }
        return sequences.first == "" ? nil : sequences
    }
}
