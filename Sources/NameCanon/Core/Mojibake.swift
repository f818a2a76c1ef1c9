/// Repair of UTF-8 text that was decoded as Windows-1252 or Latin-1 on the way in
/// ("Nguyá»…n" for "Nguyễn"), a common ingest accident.
enum Mojibake {
    /// Windows-1252's characters in 0x80...0x9F; the five undefined bytes stay Latin-1 controls.
    private static let cp1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Whether a letter of Latin Extended-A or -B (U+0100–U+024F) is one of Windows-1252's
    /// (Œ œ Š š Ÿ Ž ž ƒ): text with any other cannot be UTF-8 read as Windows-1252.
    static func isWindows1252Letter(_ v: UInt32) -> Bool {
        switch v {
        case 0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E, 0x192: return true
        default: return false
        }
    }

    /// Whether Windows-1252 (or Latin-1) has the scalar: for the test of `isWindows1252Letter`.
    static func isWindows1252(_ v: UInt32) -> Bool { v <= 0xFF || cp1252[v] != nil }

    /// The repaired text, or nil when `text` does not look like mis-decoded UTF-8 or the bytes
    /// it stands for are not valid UTF-8 (so a genuine "José" or "SÃO" is left alone).
    static func repair(_ text: String) -> String? {
        var current = text
        var repaired = false
        for _ in 0..<2 {  // text decoded wrongly twice is seen in the wild too
            guard let once = repairOnce(current) else { break }
            current = once
            repaired = true
        }
        return repaired ? current : nil
    }

    private static func repairOnce(_ text: String) -> String? {
        var sawLead = false
        for s in text.unicodeScalars where s.value >= 0xC2 && s.value <= 0xF4 { sawLead = true; break }
        guard sawLead else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            if s.value <= 0xFF {
                bytes.append(UInt8(s.value))
            } else if let b = cp1252[s.value] {
                bytes.append(b)
            } else {
                return nil
            }
        }
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        guard let decoded = String(checkingUTF8: bytes) else { return nil }
        guard decoded.unicodeScalars.count < text.unicodeScalars.count else { return nil }
        return decoded
    }
}
