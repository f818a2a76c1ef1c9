/// The recent full mentions of each document, so a later short form ("Xi", "President Xi",
/// "Trong", a bare "Nguyen") can be tied to the person the writer introduced.
///
/// Bounded twice: at most `capacity` documents (the least recently used are dropped) and at most
/// `mentionsPerDocument` mentions in each (the oldest are dropped). Not thread-safe: the
/// registry holds its lock around every use.
struct DocumentContexts {
    struct Mention {
        /// ASCII tokens a short form may use for this person: the first and last token of the
        /// key (surname and given name for Chinese and Vietnamese, both ends for other names).
        var tokens: [String]
        var entity: String
    }

    private struct Document {
        var mentions: [Mention] = []
        var lastUse: UInt64 = 0
    }

    let capacity: Int
    let mentionsPerDocument: Int
    private var documents: [String: Document] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int = 10_000, mentionsPerDocument: Int = 256) {
        self.capacity = max(1, capacity)
        self.mentionsPerDocument = max(1, mentionsPerDocument)
    }

    var count: Int { documents.count }

    /// The tokens a short form of the name with this ASCII key may use.
    static func tokens(ofKey key: String) -> [String] {
        let parts = key.split(separator: " ").map(String.init)
        guard let first = parts.first, let last = parts.last else { return [] }
        return first == last ? [first] : [first, last]
    }

    mutating func record(doc: String, key: String, entity: String) {
        record(doc: doc, tokens: Self.tokens(ofKey: key), entity: entity)
    }

    /// Records a mention with every token a short form may use for its person (see
    /// `Registry.contextTokens`), so "Premier Zhou" finds "Chou En-lai" once the person is
    /// known to be Zhou Enlai too.
    mutating func record(doc: String, tokens: [String], entity: String) {
        clock += 1
        var document = documents[doc] ?? Document()
        document.lastUse = clock
        document.mentions.removeAll { $0.entity == entity && $0.tokens == tokens }
        document.mentions.append(Mention(tokens: tokens, entity: entity))
        if document.mentions.count > mentionsPerDocument {
            document.mentions.removeFirst(document.mentions.count - mentionsPerDocument)
        }
        documents[doc] = document
        if documents.count > capacity { evict() }
    }

    /// The entity of the most recent full mention in `doc` that a short form with this one-token
    /// key can stand for.
    mutating func lookup(doc: String, token: String) -> Mention? {
        guard var document = documents[doc] else { return nil }
        clock += 1
        document.lastUse = clock
        documents[doc] = document
        return document.mentions.last { $0.tokens.contains(token) }
    }

    mutating func clear(doc: String? = nil) {
        if let doc { documents[doc] = nil } else { documents.removeAll() }
    }

    /// Drops the least recently used tenth of the documents at once, so eviction costs
    /// O(n log n) once per capacity/10 insertions rather than a scan per insertion.
    private mutating func evict() {
        let excess = documents.count - capacity
        let drop = max(excess, capacity / 10)
        let oldest = documents.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(drop)
        for (doc, _) in oldest { documents[doc] = nil }
    }
}
