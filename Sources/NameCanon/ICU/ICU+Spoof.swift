import CICU

extension ICU {
    /// ICU's spoof checker (UTS #39), set to the highly restrictive level: a word may be in one
    /// script, or Latin with Han and kana (Japanese), Han with Bopomofo, or Han with Hangul.
    /// Configured once and then only read, which ICU allows from any number of threads.
    final class SpoofChecker: @unchecked Sendable {
        private let handle: OpaquePointer

        /// The one checker NameCanon uses; nil only if ICU cannot open one (no spoof data).
        static let shared: SpoofChecker? = try? SpoofChecker()

        init() throws(ICUError) {
            var status: Int32 = 0
            guard let handle = CICU_spoof_open(&status), status <= 0 else {
                throw ICUError(code: status, operation: "open spoof checker", line: nil, offset: nil)
            }
            self.handle = handle
        }

        deinit { CICU_spoof_close(handle) }

        /// True when `word` mixes scripts no writing system mixes ("Вill": Cyrillic В in Latin).
        func mixesScripts(_ word: Substring) -> Bool {
            let units = Array(word.utf16)
            var status: Int32 = 0
            return CICU_spoof_mixed(handle, units, Int32(units.count), &status) == 1 && status <= 0
        }

        /// The UTS #39 skeleton: what `text` looks like, in the prototype letters of
        /// confusables.txt ("Васе" → "Bace").
        func skeleton(_ text: Substring) -> String {
            let units = Array(text.utf16)
            var capacity = Int32(units.count * 2 + 8)
            while true {
                var status: Int32 = 0
                var dest = [UInt16](repeating: 0, count: Int(capacity))
                let needed = CICU_spoof_skeleton(handle, units, Int32(units.count), &dest, capacity, &status)
                if status == ICUError.bufferOverflow { capacity = needed + 1; continue }
                if status > 0 { return String(text) }
                return String(decoding: dest.prefix(Int(needed)), as: UTF16.self)
            }
        }
    }

    /// ICU's script codes this module tells apart.
    enum Script: Int32 { case common = 0, inherited = 1, han = 17, latin = 25 }

    /// The UScriptCode of a scalar (Common for punctuation and mathematical letters).
    static func script(_ scalar: Unicode.Scalar) -> Int32 { CICU_script(Int32(scalar.value)) }
}
