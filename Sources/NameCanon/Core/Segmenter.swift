/// Splits a word into pieces from a closed set (pinyin syllables, Palladius or Hangul spellings,
/// Korean syllables) by dynamic programming: the split of lowest `cost` wins, and among equal
/// costs the one with the longer first piece. Nil when no split exists.
enum Segmenter {
    static func split(_ chars: [Character], maxPiece: Int, isPiece: (String) -> Bool,
                      allow: ([String]) -> Bool = { _ in true }, cost: ([String]) -> Int) -> [String]? {
        let n = chars.count
        if n == 0 { return [] }
        if n > 40 { return nil }
        // best[i]: the best split of chars[i...].
        var best = [[String]?](repeating: nil, count: n + 1)
        best[n] = []
        for i in stride(from: n - 1, through: 0, by: -1) {
            var choice: [String]? = nil
            for len in stride(from: min(maxPiece, n - i), through: 1, by: -1) {
                let piece = String(chars[i..<(i + len)])
                guard isPiece(piece), let rest = best[i + len] else { continue }
                let candidate = [piece] + rest
                guard allow(candidate) else { continue }
                if choice == nil || cost(candidate) < cost(choice!) { choice = candidate }
            }
            best[i] = choice
        }
        return best[0]
    }
}
