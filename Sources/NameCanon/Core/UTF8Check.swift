extension String {
    /// `bytes` as text when they are well-formed UTF-8, otherwise nil: the answer of
    /// `String(validating:as:)` with UTF8, whose generic decoding looks up type metadata on
    /// every call (hundreds of instructions a line for the line-reading commands).
    public init?(checkingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard Self.isWellFormedUTF8(bytes) else { return nil }
        self = String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` as text when they are well-formed UTF-8, otherwise nil.
    public init?(checkingUTF8 bytes: ArraySlice<UInt8>) {
        guard let text = bytes.withUnsafeBufferPointer({ String(checkingUTF8: $0) }) else { return nil }
        self = text
    }

    /// `bytes` as text when they are well-formed UTF-8, otherwise nil.
    public init?(checkingUTF8 bytes: [UInt8]) {
        guard let text = bytes.withUnsafeBufferPointer({ String(checkingUTF8: $0) }) else { return nil }
        self = text
    }

    /// Whether `bytes` are well-formed UTF-8, without making text of them.
    public static func isWellFormedUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isWellFormedUTF8($0) }
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms, no
    /// surrogates, nothing past U+10FFFF, no truncated sequence.
    static func isWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i &+= 1
                continue
            }
            @inline(__always) func continuation(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
            switch b {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i &+= 2
            case 0xE0...0xEF:
                guard i + 2 < n else { return false }
                let second = bytes[i + 1]
                let low: UInt8 = b == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b == 0xED ? 0x9F : 0xBF
                guard second >= low, second <= high, continuation(2) else { return false }
                i &+= 3
            case 0xF0...0xF4:
                guard i + 3 < n else { return false }
                let second = bytes[i + 1]
                let low: UInt8 = b == 0xF0 ? 0x90 : 0x80, high: UInt8 = b == 0xF4 ? 0x8F : 0xBF
                guard second >= low, second <= high, continuation(2), continuation(3) else { return false }
                i &+= 4
            default:
                return false
            }
        }
        return true
    }
}
