import CFuzzer
import Foundation
import NameCanon

/// Rule loading on arbitrary file contents: the bytes are written as one rule file of the
/// overlay directory (which file is chosen by the input's length) and an engine is built from
/// them. A bad file must be refused with an error, never crash the process or hang it.
func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let file = Overlay.files[size % Overlay.files.count]
    let url = Overlay.directory.appendingPathComponent(file)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    } catch { fatalError("cannot write the overlay file: \(error)") }
    defer { try? FileManager.default.removeItem(at: url) }
    if let rules = try? RuleFiles.embedded.overlaid(with: Overlay.directory),
       let canon = try? NameCanon(rules: rules, cacheSize: 0) {
        _ = try? canon.normalize("Xi Jinping")
        _ = try? canon.normalize("习近平")
        _ = try? canon.normalize("Nguyễn Phú Trọng")
    }
    return 0
}

enum Overlay {
    /// A directory of this process's own, removed by nobody: the fuzzer runs until stopped.
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-fuzz-rules-\(getpid())")
        return url
    }()

    /// Rule files of every format: TSV tables, a word list and an ICU rule file.
    static let files = [
        "zh/surnames+fuzz.tsv", "zh/name-readings+fuzz.tsv", "zh/wade-giles+fuzz.tsv", "vi/hanviet+fuzz.tsv",
        "vi/surnames+fuzz.tsv", "titles+fuzz.tsv", "latin-ascii+fuzz.tsv", "icu/fallback-latin.txt",
    ]
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzRules(data, size) })
