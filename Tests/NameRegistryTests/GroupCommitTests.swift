import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// Group commit: the writes of many operations in one transaction, durable only when the group
/// returns, rolled back whole when it fails, and seen by later operations of the same group.
@Suite("Group commit")
struct GroupCommitTests {
    struct Abandon: Error {}

    @Test(arguments: StoreKind.shared)
    func writesAreCommittedTogetherAtTheEndOfTheGroup(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) { try writesAreCommittedTogether(shared.open) }
    }

    func writesAreCommittedTogether(_ open: () throws -> any RegistryStore) throws {
        let registry = try Registry(store: try open())
        let other = try open()  // another process's connection
        let (xi, han, trong) = try registry.grouped {
            let xi = try registry.resolve("Xi Jinping", create: true)
            // A later operation of the group finds the person an earlier one created.
            let han = try registry.resolve("習近平", create: true)
            let trong = try registry.resolve("Nguyễn Phú Trọng", create: true)
            // Nothing is visible outside the group before it commits.
            #expect(try other.counts().entities == 0)
            return (xi, han, trong)
        }
        #expect(xi.match == .created && trong.match == .created)
        #expect(han.entity == xi.entity && han.match == .key, "\(han.explain)")
        #expect(try other.counts().entities == 2)
        #expect(try other.counts().names == 3)
        // A registry opened afresh finds what the group wrote.
        let fresh = try Registry(store: try open())
        #expect(try fresh.resolve("Nguyen Phu Trong").entity == trong.entity)
        #expect(try fresh.resolve("习近平").entity == xi.entity)
    }

    @Test(arguments: StoreKind.shared)
    func aGroupThatThrowsLeavesNothingBehind(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) { try groupThatThrows(shared.open) }
    }

    func groupThatThrows(_ open: () throws -> any RegistryStore) throws {
        let registry = try Registry(store: try open())
        #expect(throws: Abandon.self) {
            try registry.grouped {
                #expect(try registry.resolve("Lê Văn Hùng", create: true).match == .created)
                _ = try registry.register("Tô Lâm", aliases: ["苏林"])
                throw Abandon()
            }
        }
        // The index was reloaded from the store: the group's people are gone from both.
        #expect(try registry.resolve("Lê Văn Hùng").match == .none)
        #expect(try registry.resolve("苏林").match == .none)
        #expect(try registry.store.counts().entities == 0)
        // And the registry goes on working.
        #expect(try registry.resolve("Lê Văn Hùng", create: true).match == .created)
        #expect(try open().counts().entities == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func anOperationThatFailsInsideLeavesTheOthersAndNothingOfItsOwn(kind: StoreKind) throws {
        try kind.withStore { store in try operationThatFails(store) }
    }

    func operationThatFails(_ store: any RegistryStore) throws {
        let registry = try Registry(store: store)
        try registry.grouped {
            let a = try registry.register("Tô Lâm").entity
            // A merge into an ID that does not exist fails on its own; the group goes on.
            #expect(throws: RegistryError.self) { try registry.merge(a, into: "p0000000000") }
            _ = try registry.resolve("Lương Cường", create: true)
        }
        #expect(try registry.store.counts().entities == 2)
        #expect(try registry.resolve("To Lam").match == .key)
    }

    @Test func aGroupInsideAGroupJoinsIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry.sqlite")
        let registry = try Registry(store: try SQLiteStore(path: path))
        let other = try SQLiteStore(path: path)
        try registry.grouped {
            try registry.grouped { _ = try registry.resolve("Xi Jinping", create: true) }
            #expect(try other.counts().entities == 0)
            _ = try registry.resolve("Li Qiang", create: true)
        }
        #expect(try other.counts().entities == 2)
    }

    /// Every store gives the same answers inside a group as outside, and another registry on
    /// the store sees the group's people once it committed, and the first sees the other's.
    @Test(arguments: StoreKind.shared)
    func anotherProcessesWritesAreSeenAfterTheGroup(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) {
            let one = try Registry(store: try shared.open())
            let two = try Registry(store: try shared.open())
            let created = try one.grouped { try ["Xi Jinping", "Li Qiang", "Wang Yi"].map { try one.resolve($0, create: true) } }
            #expect(created.map(\.match) == [.created, .created, .created])
            // The other registry sees the group's people, and the first sees what the other writes next.
            #expect(try two.resolve("XI Jinping").entity == created[0].entity)
            let trong = try two.resolve("Nguyễn Phú Trọng", create: true)
            let seen = try one.grouped { try one.resolve("Nguyen Phu Trong", create: true) }
            #expect(seen.entity == trong.entity, "\(seen.explain)")
            #expect(try one.store.counts().entities == 4)
        }
    }

    /// Rows of `resolve --create` reach stdout only once the group holding them committed: with
    /// `--on-error fail`, the people before the bad line are in the file and none after it.
    @Test func resolveCommandCommitsWhatCameBeforeABadLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        var input = Array("Xi Jinping\nNguyễn Phú Trọng\n".utf8)
        input += [0xFF, 0x0A]
        input += Array("Li Qiang\n".utf8)
        let r = try Binary.run(["resolve", "--create", "--no-header", "--on-error", "fail", "--registry", path], input: input)
        #expect(r.status == 1)
        #expect(r.stderr.contains(":3: not valid UTF-8"), "\(r.stderr)")
        #expect(r.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).last.map(String.init) } == ["created", "created", "none"])
        let stats = try Binary.run(["registry", "stats", "--registry", path])
        #expect(stats.lines.first == "entities\t2", "\(stats.stdout)")
        // Without --on-error fail every good line is written and committed.
        let all = try Binary.run(["resolve", "--create", "--no-header", "--registry", path], input: input)
        #expect(all.status == 1)
        #expect(all.lines.count == 4)
        #expect(try Binary.run(["registry", "stats", "--registry", path]).lines.first == "entities\t3")
    }

    /// Requests written to the server at once are answered in order, one answer each, and what
    /// they created is in the file for another process as soon as the answers are out.
    @Test func serveAnswersARequestBurstAfterItsCommit() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let surnames = ["Wang", "Chen", "Zhao", "Sun", "Zhou", "Huang", "Lin", "Guo"]
        let given = ["Fei", "Lu", "Min", "Hao", "Jun", "Ting"]
        let names = surnames.flatMap { s in given.map { "\(s) \($0)" } }
        var lines = [#"{"id":0,"op":"register","name":"Tô Lâm"}"#]
        lines += names.enumerated().map { #"{"id":\#($0.offset + 1),"op":"resolve","name":"\#($0.element)","create":true}"# }
        lines += [#"{"id":"bad","op":"resolve""#, #"{"id":"last","op":"resolve","name":"To Lam"}"#]
        let r = try Binary.run(["serve", "--registry", path], input: lines.joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        let answers = r.lines
        #expect(answers.count == lines.count)
        for (i, name) in names.enumerated() {
            #expect(answers[i + 1].hasPrefix(#"{"id":\#(i + 1),"ok":true"#) && answers[i + 1].contains(#""match":"created""#), "\(name): \(answers[i + 1])")
        }
        #expect(answers[answers.count - 2].contains(#""ok":false"#))
        #expect(answers.last?.contains(#""match":"key""#) == true, "\(answers.last ?? "")")
        let stats = try Binary.run(["registry", "stats", "--registry", path])
        #expect(stats.lines.first == "entities\t\(names.count + 1)", "\(stats.stdout)")
    }
}
