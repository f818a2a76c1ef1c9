import CICU
import Foundation

/// The Swift face of system ICU. Everything ICU-typed stays inside this namespace; the rest of
/// NameCanon sees Swift strings and `ICUError`.
enum ICU {
    /// ICU's version, e.g. "72.1".
    static let version: String = {
        var buffer = [CChar](repeating: 0, count: 32)
        CICU_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// The Unicode version of ICU's data, e.g. "15.0".
    static let unicodeVersion: String = {
        var buffer = [CChar](repeating: 0, count: 32)
        CICU_unicode_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    enum NormalizationForm: Int32 { case nfc = 0, nfd = 1, nfkc = 2, nfkd = 3 }

    /// Normalizes through ICU; used as the reference the Swift fast paths are tested against.
    static func normalize(_ text: String, _ form: NormalizationForm) throws(ICUError) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return "" }
        var capacity = Int32(source.count * 3 + 16)
        while true {
            var status: Int32 = 0
            var dest = [UInt16](repeating: 0, count: Int(capacity))
            let needed = CICU_normalize(form.rawValue, source, Int32(source.count), &dest, capacity, &status)
            if status == ICUError.bufferOverflow { capacity = needed + 1; continue }
            try ICUError.check(status, "normalize")
            return String(decoding: dest.prefix(Int(needed)), as: UTF16.self)
        }
    }
}

/// A failure reported by ICU, with its UErrorCode and symbolic name.
public struct ICUError: Error, CustomStringConvertible, Sendable, Equatable {
    /// ICU's numeric UErrorCode.
    public let code: Int32
    /// What NameCanon was doing.
    public let operation: String
    /// For rule-compilation errors: the 1-based line and the offset within it.
    public let line: Int32?
    /// For rule-compilation errors: the offset within ``line`` where ICU stopped.
    public let offset: Int32?

    static let bufferOverflow: Int32 = 15

    /// ICU's symbolic name for `code`, e.g. "U_INVALID_ID".
    public var name: String { String(cString: CICU_error_name(code)) }

    /// The operation, ICU's symbolic name and, for rule errors, where: "ICU compile rules
    /// Zh-Latn failed: U_MALFORMED_RULE at line 3, offset 7".
    public var description: String {
        var text = "ICU \(operation) failed: \(name)"
        if let line { text += " at line \(line)" }
        if let offset { text += ", offset \(offset)" }
        return text
    }

    static func check(_ status: Int32, _ operation: String) throws(ICUError) {
        if status > 0 { throw ICUError(code: status, operation: operation, line: nil, offset: nil) }
    }
}

extension ICU {
    /// An open ICU transliterator. ICU's rule-based transliterators take one process-wide
    /// mutex whoever calls them, so sharing one handle costs nothing extra; the lock here only
    /// makes the handle safe to share across Swift concurrency domains.
    final class Transliterator: @unchecked Sendable {
        private let handle: OpaquePointer
        private let lock = NSLock()
        let id: String

        /// Opens a system transliterator by ID, e.g. "Han-Latin/Names".
        init(id: String) throws(ICUError) {
            let units = Array(id.utf16)
            var status: Int32 = 0
            guard let handle = CICU_translit_open_id(units, Int32(units.count), &status), status <= 0 else {
                throw ICUError(code: status, operation: "open transliterator \(id)", line: nil, offset: nil)
            }
            self.handle = handle
            self.id = id
        }

        /// Compiles a transliterator from ICU rule text; syntax errors carry line and offset.
        init(id: String, rules: String) throws(ICUError) {
            let idUnits = Array(id.utf16)
            let ruleUnits = Array(rules.utf16)
            var status: Int32 = 0
            var line: Int32 = 0
            var offset: Int32 = 0
            guard let handle = CICU_translit_open_rules(
                idUnits, Int32(idUnits.count), ruleUnits, Int32(ruleUnits.count), &line, &offset, &status),
                status <= 0
            else {
                throw ICUError(code: status, operation: "compile rules \(id)", line: line, offset: offset)
            }
            self.handle = handle
            self.id = id
        }

        deinit { CICU_translit_close(handle) }

        /// Transliterates `text`, growing the buffer when ICU asks for more room.
        func callAsFunction(_ text: String) throws(ICUError) -> String {
            var units = Array(text.utf16)
            if units.isEmpty { return "" }
            let originalCount = units.count
            var capacity = max(originalCount * 4, 64)
            while true {
                var buffer = units
                buffer.append(contentsOf: repeatElement(0, count: capacity - units.count))
                var length = Int32(originalCount)
                var status: Int32 = 0
                lock.lock()
                CICU_translit_run(handle, &buffer, &length, Int32(capacity), &status)
                lock.unlock()
                if status == ICUError.bufferOverflow {
                    capacity = max(Int(length) + 16, capacity * 2)
                    units = Array(text.utf16)
                    continue
                }
                try ICUError.check(status, "transliterate with \(id)")
                return String(decoding: buffer.prefix(Int(length)), as: UTF16.self)
            }
        }
    }
}
