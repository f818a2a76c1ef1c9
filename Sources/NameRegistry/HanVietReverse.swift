import NameCanon

/// The Hán-Việt table read backwards: each toneless Vietnamese syllable → the toneless pinyin
/// syllables of the Han characters that read so ("tap" → xi, ji, …; "binh" → ping, bing, …).
///
/// The engine does not expose its tables, so this is built through its public API, by
/// normalizing each CJK Unified Ideograph of the basic block once and keeping its `hanviet` and
/// `syllable` keys (one reading each; heteronyms add nothing yet). It belongs in the engine;
/// until then it is built once, on first use (about a second in a debug build).
struct HanVietReverse: Sendable {
    private let pinyin: [String: [String]]

    /// The table of the shared engine, built once per process on first use.
    static let shared = HanVietReverse(canon: .shared)

    init(canon: NameCanon) {
        var table: [String: Set<String>] = [:]
        for value in 0x4E00...0x9FFF {
            guard let scalar = Unicode.Scalar(value),
                  let n = try? canon.normalize(String(Character(scalar))),
                  let hanviet = n.key(.hanviet), let syllable = n.key(.syllable),
                  !hanviet.contains(" "), !syllable.contains(" ") else { continue }
            table[hanviet, default: []].insert(syllable)
        }
        pinyin = table.mapValues { $0.sorted() }
    }

    /// Every pinyin syllable sequence a Hán-Việt key can stand for, or nil when a syllable has
    /// no Han reading or there would be more than `limit` sequences.
    func pinyinKeys(forHanViet key: String, limit: Int = 4096) -> [String]? {
        var sequences: [String] = [""]
        for syllable in key.split(separator: " ") {
            guard let options = pinyin[String(syllable)], !options.isEmpty else { return nil }
            if sequences.count * options.count > limit { return nil }
            sequences = sequences.flatMap { prefix in options.map { prefix.isEmpty ? $0 : prefix + " " + $0 } }
        }
        return sequences.first == "" ? nil : sequences
    }
}
