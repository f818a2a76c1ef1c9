/// Splits a word into pieces from a closed set (pinyin syllables, Palladius or Hangul spellings,
/// Korean syllables) by dynamic programming: the split of lowest `cost` wins, and among equal
/// costs the one with the longer first piece. Nil when no split exists.
enum Segmenter {
    static func split(_ chars: [Character], maxPiece: Int, isPiece: (String) -> Bool,
                      allow: ([String]) -> Bool = { _ in true }, cost: ([String]) -> Int) -> [String]? {
        let n = chars.count
        if n == 0 { return [] }
        if n > 40 { return nil }
        // Plain ASCII (no CR LF, which is one Character of two bytes): pieces straight from the
        // bytes, the same strings as from the Characters, made without grapheme breaking.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        for c in chars {
            guard let ascii = c.asciiValue, ascii != 0x0D, ascii != 0x0A else { break }
            bytes.append(ascii)
        }
        let piece: (Int, Int) -> String = bytes.count == n
            ? { i, len in String(decoding: bytes[i..<(i + len)], as: UTF8.self) }
            : { i, len in String(chars[i..<(i + len)]) }
        // best[i]: the best split of chars[i...].
        var best = [[String]?](repeating: nil, count: n + 1)
        best[n] = []
        for i in stride(from: n - 1, through: 0, by: -1) {
            var choice: [String]? = nil
            var choiceCost = 0
            for len in stride(from: min(maxPiece, n - i), through: 1, by: -1) {
                guard let rest = best[i + len] else { continue }
                let text = piece(i, len)
                guard isPiece(text) else { continue }
                let candidate = [text] + rest
                guard allow(candidate) else { continue }
                let candidateCost = cost(candidate)
                if choice == nil || candidateCost < choiceCost {
                    choice = candidate
                    choiceCost = candidateCost
                }
            }
            best[i] = choice
        }
        return best[0]
    }
}
