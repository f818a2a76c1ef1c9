import NameCanon

extension ProtocolHandler {
    /// The `compare` op: `a`, `b` (names, required), `lang` (optional hint for both). Answers
    /// `score`, `verdict`, `method`, `explain`, `matched`, and each name's `display` and `key`.
    func compare(_ request: Request, canon: NameCanon) throws -> [(String, JSON)] {
        let a = try request.string("a")
        let b = try request.string("b")
        return Self.fields(of: try canon.compare(a, b, hint: try Self.language(request)))
    }

    /// The response members for a comparison.
    public static func fields(of c: NameComparison) -> [(String, JSON)] {
        [("score", .double(c.score)), ("verdict", .string(c.verdict.rawValue)), ("method", .string(c.method.rawValue)),
         ("explain", .string(c.explanation)), ("matched", .array(c.matched.map { .string($0) })),
         ("a", .object([("input", .string(c.a.input)), ("display", .string(c.a.display)), ("key", .string(c.a.key))])),
         ("b", .object([("input", .string(c.b.input)), ("display", .string(c.b.display)), ("key", .string(c.b.key))]))]
    }
}

extension Array where Element == (String, JSON) {
    /// The members as one JSON object's text.
    public var asJSONObject: String { JSON.object(self).serialized }
}
