import Foundation
import NameCanon
import Testing
@testable import NameRegistry

/// One stream of Fixtures/registry/streams/*.tsv: documents of mentions labelled by person.
struct Stream: CustomTestStringConvertible, Sendable {
    struct Mention: Sendable {
        var line: Int
        var doc: String
        var text: String
        var person: String
    }

    var file: String
    var name: String
    var mentions: [Mention]
    var testDescription: String { "\(file) \(name)" }

    /// The documents in the order they first appear.
    var documents: [String] {
        var out: [String] = []
        for m in mentions where !out.contains(m.doc) { out.append(m.doc) }
        return out
    }

    /// The orders the stream is replayed in: as written, reversed, and starting from each document.
    var orders: [[String]] {
        let docs = documents
        var out = [docs, docs.reversed()]
        for i in docs.indices.dropFirst() { out.append(Array(docs[i...] + docs[..<i])) }
        return out
    }
}

func streams() throws -> [Stream] {
    let folder = repositoryRoot.appendingPathComponent("Fixtures/registry/streams")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tsv") }.sorted()
    var out: [Stream] = []
    for file in files {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("## ") { out.append(Stream(file: file, name: String(line.dropFirst(3)), mentions: [])); continue }
            if line.hasPrefix("#") || line.allSatisfy({ $0.isWhitespace }) { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count >= 3, !out.isEmpty else { Issue.record("\(file):\(i + 1): expected doc, mention, person"); continue }
            out[out.count - 1].mentions.append(Stream.Mention(line: i + 1, doc: c[0], text: c[1], person: c[2]))
        }
    }
    return out
}

@Suite("Multi-document streams in every order")
struct StreamTests {
    static let all = (try? streams()) ?? []

    @Test func thereAreEnoughStreams() {
        #expect(Self.all.count >= 5)
        #expect(Self.all.allSatisfy { $0.documents.count >= 2 })
    }

    @Test(arguments: all)
    func onePersonOneEntityInEveryOrder(_ stream: Stream) throws {
        let people = Set(stream.mentions.map(\.person)).subtracting(["-"])
        for order in stream.orders {
            let registry = try freshRegistry()
            var entityOf: [String: String] = [:]
            var personOf: [String: String] = [:]
            for doc in order {
                for m in stream.mentions where m.doc == doc {
                    let r = try registry.resolve(m.text, doc: m.doc, create: true)
                    let place = "\(stream.file):\(m.line) [order \(order.joined(separator: ","))] \(m.text): \(r.explain)"
                    if m.person == "-" { #expect(r.entity == nil, "\(place)"); continue }
                    guard let id = r.entity else { Issue.record("no entity: \(place)"); continue }
                    if let known = entityOf[m.person] { #expect(id == known, "\(place)") }
                    if let other = personOf[id] { #expect(other == m.person, "\(place) landed on \(other)'s entity") }
                    entityOf[m.person] = entityOf[m.person] ?? id
                    personOf[id] = personOf[id] ?? m.person
                }
            }
            let entities = try registry.stats().entities
            #expect(entities == people.count,
                    "\(stream.file) \(stream.name): \(entities) entities for \(people.count) people in the order \(order)")
        }
    }
}
