import CFuzzer
import Foundation
import NameCanon

/// `normalize` on arbitrary bytes, decoded as the CLI decodes a line, with and without each
/// language hint: any input may be refused with a `NameCanonError`, none may crash or hang.
func fuzzNormalize(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let hints: [NameLanguage?] = [nil] + NameLanguage.allCases
    let hint = hints[size % hints.count]
    if let name = try? Engine.canon.normalize(text, hint: hint) {
        // Normalizing the display form again must not fail where the first pass succeeded.
        _ = try? Engine.canon.normalize(name.display, hint: hint)
        for target in [TransliterationTarget.latin, .ascii, .pinyin, .hanviet] {
            _ = try? Engine.canon.transliterate(text, to: target)
        }
    }
    return 0
}

enum Engine {
    /// Caches off, so every input runs the analyzers instead of the cache.
    static let canon: NameCanon = {
        do { return try NameCanon(cacheSize: 0) } catch { fatalError("embedded rules do not load: \(error)") }
    }()
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzNormalize(data, size) })
