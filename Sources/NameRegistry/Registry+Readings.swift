import Foundation
import NameCanon

/// What the bridge, context and fuzzy stages read off the mention itself: the engine's work on
/// it alone, done with the registry's lock released (`Registry.lookupWithReadings`), so other
/// threads' operations go on meanwhile.
struct MentionReadings: Sendable {
    /// A Han mention's Hán-Việt reading with its marks ("Tập Cận Bình"); nil for other mentions.
    var hanvietReading: String?
    /// The Hán-Việt keys a pinyin or loosely romanized mention can stand for.
    var romanizedHanViet: [String]
    /// The pinyin syllable keys a Latin mention's Hán-Việt key reads back to (the table read
    /// backwards): the backwards stage's keys, and the bridge keys checked at creation.
    var pinyinKeys: [String]
    /// The loose Wade-Giles readings of those pinyin keys.
    var looseReadings: [String]
    /// The mention's phonetic blocks, for fuzzy candidates.
    var phoneticBlocks: [String]
    /// A Han mention's Japanese surname readings, for the context stage.
    var japaneseSurnameKeys: [String]
}

extension Registry {
    /// The mention's readings. Reads no index: call with the lock released.
    func mentionReadings(_ n: NormalizedName, text: String) -> MentionReadings {
        let han = n.script == .han
        let hanviet = han ? nil : n.key(.hanviet)
        // (Not `HanVietReverse.shared` for the shared engine: comparing with `NameCanon.shared`
        // built the shared engine, a second set of tables, in a process that made its own.)
        let reverse = HanVietReverse(canon: canon)
        let reading = han ? ((try? canon.transliterate(text, to: .hanviet)) ?? "") : ""
        return MentionReadings(
            hanvietReading: reading.isEmpty ? nil : reading,
            romanizedHanViet: Self.romanizedHanVietKeys(n, canon: canon),
            pinyinKeys: hanviet.flatMap { reverse.pinyinKeys(forHanViet: $0) } ?? [],
            looseReadings: hanviet.map { looseReadings(forHanViet: $0) } ?? [],
            phoneticBlocks: canon.phoneticBlocks(n),
            japaneseSurnameKeys: han ? canon.japaneseSurnameKeys(text) : [])
    }
}
