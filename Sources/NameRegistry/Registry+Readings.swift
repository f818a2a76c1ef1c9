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
        let reverse = canon === NameCanon.shared ? HanVietReverse.shared : HanVietReverse(canon: canon)
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

/// A memo with its own lock, for engine answers read with the registry's lock released. It
/// forgets everything when it reaches its limit.
final class LockedMemo<Value>: @unchecked Sendable {
    private var values: [String: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value remembered for `key`, or `make`'s (remembered).
    func value(_ key: String, make: () -> Value) -> Value {
        lock.lock()
        if let known = values[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let made = make()
        lock.lock()
        if values.count > limit { values.removeAll() }
        values[key] = made
        lock.unlock()
        return made
    }
}
