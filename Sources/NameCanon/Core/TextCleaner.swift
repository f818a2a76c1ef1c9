/// Cleaning applied to every name before analysis: trim, one kind of space, no invisible
/// characters, one apostrophe, one hyphen, one pair of quotes, NFC.
enum TextCleaner {
    /// What cleaning did, beyond trimming.
    struct Report {
        var removedInvisible = false
        var foldedWidth = false
        /// The most combining marks (Mn, Mc, Me) in a row after one character.
        var longestMarkRun = 0
    }

    /// Cleans `text`; the fast path never leaves Swift for ASCII and common letters.
    static func clean(_ text: String) -> (String, Report) {
        var report = Report()
        // Gathered as scalars and made a String once: appending to a String.UnicodeScalarView
        // costs hundreds of instructions a scalar.
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var needsNFC = false
        var markRun = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x21 && v < 0x7F {
                markRun = 0
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(v == 0x60 ? "'" : scalar)
                continue
            }
            switch v {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                markRun = 0
                pendingSpace = true
                continue
            case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F,
                 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0,
                 0xFFF0...0xFFFB, 0xE0000...0xE0FFF:
                report.removedInvisible = true
                continue
            default: break
            }
            // Han, Hangul syllables and precomposed Vietnamese letters are never marks: skip the lookup.
            if v >= 0x300, !(0x1E00...0x1EFF).contains(v), !(0x4E00...0x9FFF).contains(v), !(0xAC00...0xD7A3).contains(v),
               isMark(scalar) {
                markRun += 1
                if markRun > report.longestMarkRun { report.longestMarkRun = markRun }
            } else {
                markRun = 0
            }
            var mapped = scalar
            var then: Unicode.Scalar? = nil
            switch v {
            case 0x0149:
                // ŉ is ʼn (its compatibility decomposition): written out here, or casing it later
                // makes an ʼ that the next cleaning turns into ', and a name that changes when
                // normalized twice (found by the normalize regression inputs).
                mapped = "'"
                then = "n"
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0x02B9, 0x02BB, 0x02BD, 0x02C8, 0x00B4, 0xFF07:
                mapped = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x02DD, 0x3003, 0xFF02:
                mapped = "\""
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x30A0, 0x2E3A, 0x2E3B:
                mapped = "-"
            case 0x30FB, 0x2027, 0xFF65, 0x2022, 0x2219, 0x22C5, 0x0387, 0x16EB, 0x2E31, 0x10FB:
                mapped = "\u{B7}"
            case 0xFF0C, 0x3001, 0xFE50:
                mapped = ","
            case 0xFF01...0xFF5E:
                mapped = Unicode.Scalar(v - 0xFEE0)!
                report.foldedWidth = true
            default:
                if !isSurelyNFC(v) { needsNFC = true }
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(mapped)
            if let then { out.append(then) }
        }
        var result = String(scalars: out)
        if needsNFC, let normalized = try? ICU.normalize(result, .nfc) {
            result = normalized
        }
        return (result, report)
    }

    /// The most combining marks one character may carry. Real names need two (Vietnamese ệ,
    /// Yoruba ẹ́) to four (Hebrew with points and cantillation, Tibetan stacks); hundreds are an
    /// attack: ICU's normalization sorts a run of marks in time that grows with its square.
    public static let maxMarksPerCharacter = 8

    /// True for combining marks: nonspacing, spacing and enclosing (Mn, Mc, Me).
    @inline(__always)
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Throws `too_many_marks` when a character of the cleaned text carries more marks than
    /// `maxMarksPerCharacter`.
    static func checkMarks(_ report: Report) throws {
        guard report.longestMarkRun > maxMarksPerCharacter else { return }
        throw NameCanonError(.tooManyMarks, "a character carries \(report.longestMarkRun) combining marks; at most \(maxMarksPerCharacter) are accepted")
    }

    /// True for code points that are NFC whatever surrounds them (no combining marks,
    /// no canonical singletons, nothing that composes with what precedes it).
    @inline(__always)
    static func isSurelyNFC(_ v: UInt32) -> Bool {
        switch v {
        case 0x00...0x2FF: return true
        case 0x370...0x373, 0x376...0x37D, 0x386, 0x388...0x3FF: return true
        case 0x400...0x482, 0x48A...0x52F: return true
        case 0x1E00...0x1EFF: return true
        case 0x3041...0x3096, 0x309B...0x309F, 0x30A1...0x30FF: return v != 0x3099 && v != 0x309A
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        case 0xAC00...0xD7A3: return true
        default: return false
        }
    }
}
