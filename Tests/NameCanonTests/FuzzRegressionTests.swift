import Foundation
import Testing
@testable import NameCanon
import TestSupport

/// Inputs under Fixtures/fuzz/ replayed through the entry points of the fuzz targets of
/// Tests/Fuzz with the same invariants, so a regression shows in `swift test` without a fuzzer.
@Suite struct FuzzRegressionTests {
    /// Caches off, as in FuzzNormalize: every input runs the analyzers.
    static let canon = try! NameCanon(cacheSize: 0)

    @Test func theRegressionInputsExist() {
        // A missing directory would make every replay below pass on nothing.
        #expect(fuzzInputs("normalize").count >= 40)
        #expect(fuzzInputs("rules").count >= 10)
    }

    @Test func normalizeInputsAreAnsweredOrRefusedCleanly() throws {
        for (file, bytes) in fuzzInputs("normalize") {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                // The CLI and the protocol refuse these before the engine; nothing to replay.
                #expect(file.hasPrefix("invalid-utf8"), "\(file) is not UTF-8")
                continue
            }
            for hint in [nil] + NameLanguage.allCases {
                let name: NormalizedName
                do { name = try Self.canon.normalize(text, hint: hint) } catch is NameCanonError { continue }
                // The display form is itself a name: normalizing it again succeeds and keeps it.
                let again = try Self.canon.normalize(name.display, hint: hint)
                #expect(again.display == name.display, "\(file) hint \(hint?.rawValue ?? "none"): \(name.display) → \(again.display)")
                #expect(!name.display.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(file): control character in display")
                #expect(name.display.utf8.count <= 4 * text.utf8.count + 64, "\(file): display out of proportion to the input")
                for target in [TransliterationTarget.latin, .ascii, .pinyin, .hanviet] {
                    do { _ = try Self.canon.transliterate(text, to: target) } catch is NameCanonError {}
                }
            }
        }
    }

    @Test func ruleFileInputsAreLoadedOrRefusedCleanly() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-fuzz-replay-\(getpid())")
        defer { try? FileManager.default.removeItem(at: base) }
        for (file, bytes) in fuzzInputs("rules") {
            // An ICU rule input goes where ICU rules are read; a table input to a table of each format.
            let targets = file.hasSuffix(".txt") ? ["icu/fallback-latin.txt"] : ["zh/surnames+fuzz.tsv", "vi/hanviet+fuzz.tsv", "titles+fuzz.tsv"]
            for target in targets {
                let dir = base.appendingPathComponent(UUID().uuidString)
                let url = dir.appendingPathComponent(target)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
                let canon: NameCanon
                do {
                    canon = try NameCanon(rules: try RuleFiles.embedded.overlaid(with: dir), cacheSize: 0)
                } catch let error as NameCanonError {
                    #expect(!error.message.isEmpty, "\(file) → \(target): an error without a message")
                    continue
                }
                // An accepted overlay still gives a working engine.
                #expect(try canon.normalize("Nguyễn Phú Trọng").surname == "Nguyễn", "\(file) → \(target)")
                _ = try? canon.normalize("习近平")
            }
        }
    }
}
