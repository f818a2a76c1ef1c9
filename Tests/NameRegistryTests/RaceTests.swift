import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// Several `namecanon serve` processes over one store, creating the same people at the same
/// moment in different written forms. `NAMECANON_RACE_ROUNDS` sets the rounds (one person each);
/// the suite runs a bounded count, `scripts/race-trial.sh` the full 1,000.
@Suite("Races between processes", .serialized)
struct RaceTests {
    static let processes = 4
    static let rounds = ProcessInfo.processInfo.environment["NAMECANON_RACE_ROUNDS"].flatMap(Int.init) ?? 30

    /// People written four ways each, in turn Chinese, Vietnamese and Korean: a Chinese person in
    /// pinyin, simplified and traditional Han and "SURNAME Given"; a Vietnamese person in Han, in
    /// its Hán-Việt reading with and without diacritics and in capitals; a Korean person in Hangul
    /// with and without a space, in Latin and in capitals. Every form of a person shares a key or a
    /// Hán-Việt bridge with the others in whatever order they arrive (checked sequentially by
    /// `eachPersonIsOneEntityInAnyOrderInOneProcess`), and no two people share a key, so every
    /// person must end as exactly one entity.
    static func people(_ count: Int) throws -> [[String]] {
        let canon = NameCanon.shared
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁亮飞")
        let koSurnames = Array("김이박최정강조윤장임한오서신권황안송류홍")
        let koGiven = Array("민준서현지우재인영수경호진성은혜동석태훈")
        var seen: Set<String> = []
        var out: [[String]] = []
        var i = 0
        while out.count < count && i < 200_000 {
            let kind = out.count % 3
            let a = i % 47, b = (i / 47) % 47, c = (i / (47 * 47) + i) % 47
            i += 1
            var forms: [String]
            var keyed: [NormalizedName]
            if kind == 2 {
                let hangul = String([koSurnames[a % koSurnames.count], koGiven[b % koGiven.count], koGiven[c % koGiven.count]])
                let n = try canon.normalize(hangul)
                forms = [hangul, String(hangul.prefix(1)) + " " + String(hangul.dropFirst()), n.latin, n.latin.uppercased()]
                keyed = [n]
            } else {
                let han = String([surnames[a % surnames.count], given[b % given.count], given[c % given.count]])
                let n = try canon.normalize(han)
                let traditional = try canon.transliterate(han, to: .traditional)
                if kind == 0 {
                    guard traditional != han, let space = n.latin.firstIndex(of: " ") else { continue }
                    forms = [n.latin, han, traditional, n.latin[..<space].uppercased() + n.latin[space...]]
                    keyed = [n]
                } else {
                    let hanviet = try canon.transliterate(han, to: .hanviet)
                    let folded = try canon.transliterate(hanviet, to: .ascii)
                    forms = [han, hanviet, folded, hanviet.uppercased()]
                    keyed = [n, try canon.normalize(hanviet)]
                }
            }
            // Own keys, and the pinyin syllables a Hán-Việt reading stands for (the backwards bridge):
            // a reading that reads back to another person's syllables would make both ambiguous.
            var keys = keyed.flatMap { n in [n.key] + n.keys.map(\.value) }
            for n in keyed where n.script != .han {
                if let hanviet = n.key(.hanviet) { keys += HanVietReverse.shared.pinyinKeys(forHanViet: hanviet) ?? [] }
            }
            // Every form must read with one key, but a Vietnamese person's Han form (its key is
            // pinyin): "Du Man Tuan" reads as the pinyin "Du Mantuan", "Lyu Minhun" as "Lü Minhun".
            let latinKeys = try Set((kind == 1 ? Array(forms.dropFirst()) : forms).map { try canon.normalize($0).key })
            guard Set(forms).count == 4, latinKeys.count <= 1, seen.isDisjoint(with: keys) else { continue }
            seen.formUnion(keys)
            out.append(forms)
        }
        return out
    }

    /// The race's oracle: one process, the people in the order the first process sends them,
    /// ends with one entity per person. Anything else in the race is the race's doing.
    @Test func oneProcessEndsWithOneEntityPerPerson() throws {
        let people = try Self.people(Self.rounds)
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        var split: [String] = []
        for (r, forms) in people.enumerated() {
            let ids = try (0..<forms.count).map { try registry.resolve(forms[($0 + r) % forms.count], create: true) }
            if Set(ids.map(\.entity)).count != 1 || ids[0].entity == nil { split.append(ids.map(\.explain).joined(separator: " | ")) }
        }
        #expect(split.isEmpty, "\(split.count) people not one entity: \(split.prefix(3))")
        #expect(try registry.stats().entities == people.count)
    }

    /// Threads of one process share a registry: the fuzzy stage compares with the lock released,
    /// so another thread may create the person meanwhile; the key stages run again before a
    /// creation, and every person still ends as one entity. (Each new name reaches the fuzzy
    /// stage: it shares a surname with people already there.)
    @Test func threadsCreatingTheSamePeopleEndWithOneEntityEach() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        // Forty Wangs with different given names: each shares the word "wang" with those before.
        let syllables = ["jian", "guo", "ming", "hua", "xiao", "dong", "hai", "tao"]
        let people = syllables.flatMap { a in syllables.compactMap { b in a == b ? nil : "Wang " + (a + b).capitalized } }.prefix(40)
        _ = try registry.resolve("Wang Wei", create: true)
        final class Answers: @unchecked Sendable {
            let lock = NSLock()
            var ids: [String: Set<String>] = [:]
            var failures: [String] = []
        }
        let answers = Answers()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for person in (thread % 2 == 0 ? Array(people) : Array(people.reversed())) {
                do {
                    let r = try registry.resolve(person, create: true)
                    _ = answers.lock.withLock { answers.ids[person, default: []].insert(r.entity ?? "none \(r.match)") }
                } catch {
                    answers.lock.withLock { answers.failures.append("\(person): \(error)") }
                }
            }
        }
        #expect(answers.failures.isEmpty, "\(answers.failures)")
        for person in people { #expect(answers.ids[person]?.count == 1, "\(person): \(answers.ids[person] ?? [])") }
        #expect(try registry.store.counts().entities == people.count + 1)
    }

    @Test func eachPersonIsOneEntityInAnyOrderInOneProcess() throws {
        for forms in try Self.people(12) {
            for start in 0..<forms.count {
                let registry = try Registry(store: try SQLiteStore(inMemory: ()))
                let ids = try (0..<forms.count).map { try registry.resolve(forms[(start + $0) % forms.count], create: true).entity }
                #expect(Set(ids).count == 1 && ids[0] != nil, "\(forms) from \(start): \(ids)")
            }
        }
    }

    @Test(arguments: StoreKind.shared)
    func fourProcessesCreatingTheSamePeopleEndWithOneEntityEach(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) {
            let people = try Self.people(Self.rounds)
            let servers = try (0..<Self.processes).map { _ in SendableServer(try ServeProcess(["--registry", shared.location])) }
            defer { servers.forEach { $0.server.finish() } }
            for server in servers { #expect(member(try server.server.request(#"{"id":0,"op":"stats"}"#), "ok") as? Bool == true) }
            // Every process sends every round's four forms, each starting with another form, all
            // pipelined: the processes race through the same people.
            let writers = DispatchGroup()
            for (p, box) in servers.enumerated() {
                DispatchQueue.global().async(group: writers) {
                    let server = box.server
                    for (r, forms) in people.enumerated() {
                        for f in 0..<forms.count {
                            let form = forms[(f + p + r) % forms.count]
                            server.send(#"{"id":"\#(r)/\#(form)","op":"resolve","name":"\#(form)","create":true}"#)
                        }
                    }
                }
            }
            // Each process's answers are read on their own thread, so no process waits on a full pipe.
            final class Results: @unchecked Sendable {
                let lock = NSLock()
                var entityOf: [String: Set<String>] = [:]
                var failures: [String] = []
            }
            let results = Results()
            let readers = DispatchGroup()
            for box in servers {
                DispatchQueue.global().async(group: readers) {
                    let server = box.server
                    for _ in 0..<(people.count * 4) {
                        let line = (try? server.readLine()) ?? "end of output"
                        results.lock.lock()
                        if member(line, "ok") as? Bool == true, let id = member(line, "id") as? String, let entity = member(line, "entity") as? String {
                            results.entityOf[String(id.split(separator: "/")[0]), default: []].insert(entity)
                        } else {
                            results.failures.append(line)
                        }
                        results.lock.unlock()
                    }
                }
            }
            readers.wait()
            let entityOf = results.entityOf, failures = results.failures
            writers.wait()
            #expect(failures.isEmpty, "\(failures.count) failed responses, first: \(failures.first ?? "")")
            let split = entityOf.filter { $0.value.count > 1 }
            #expect(split.isEmpty, "people split over several entities: \(split.prefix(3))")
            let store = try shared.open()
            let snapshot = try store.load()
            #expect(snapshot.entities.count == people.count, "\(snapshot.entities.count) entities for \(people.count) people")
            // No lost alias: every form any process sent is a name of its person's entity.
            let byID = Dictionary(uniqueKeysWithValues: snapshot.entities.map { ($0.id, $0) })
            var lost: [String] = []
            for (r, forms) in people.enumerated() {
                guard let id = entityOf[String(r)]?.first, let entity = byID[id] else { lost.append("round \(r)"); continue }
                for form in forms where !entity.names.contains(where: { $0.text == form }) { lost.append(form) }
            }
            #expect(lost.isEmpty, "forms missing from their entity: \(lost.prefix(5))")
        }
    }

    @Test(arguments: StoreKind.shared)
    func killNineLosesNoAcknowledgedWrite(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) {
            let people = try Self.people(20)
            for trial in 0..<3 {
                let server = try ServeProcess(["--registry", shared.location])
                var acknowledged: [String: String] = [:]
                for (i, forms) in people.enumerated() {
                    let form = forms[(i + trial) % forms.count]
                    let line = try server.request(#"{"id":\#(i),"op":"resolve","name":"\#(form)","create":true}"#)
                    if let id = member(line, "entity") as? String { acknowledged[form] = id }
                }
                // Writes in flight, never read, then SIGKILL.
                for i in 0..<50 { server.send(#"{"id":"late\#(i)","op":"register","name":"Late Person\#(trial) \#(i)"}"#) }
                server.kill9()
                #expect(acknowledged.count == people.count)
                let registry = try Registry(store: try shared.open())
                for (form, id) in acknowledged {
                    let r = try registry.resolve(form)
                    #expect(r.entity == id, "trial \(trial): \(form) was acknowledged as \(id) but resolves to \(r.explain)")
                }
                #expect(try registry.store.counts().entities >= people.count)
            }
        }
    }
}

/// A server handed to one writer thread and one reader thread: they use its two pipes, never the same one.
final class SendableServer: @unchecked Sendable {
    let server: ServeProcess
    init(_ server: ServeProcess) { self.server = server }
}
