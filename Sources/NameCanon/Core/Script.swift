/// The writing system of a name, as an ISO 15924 code.
public enum Script: String, Sendable, Codable, CaseIterable {
    case latin = "Latn"
    case han = "Hani"
    case hangul = "Hang"
    /// Japanese kana, alone or with Han.
    case japanese = "Jpan"
    case cyrillic = "Cyrl"
    case greek = "Grek"
    case arabic = "Arab"
    case hebrew = "Hebr"
    case thai = "Thai"
    case devanagari = "Deva"
    case bengali = "Beng"
    case tamil = "Taml"
    case khmer = "Khmr"
    case lao = "Laoo"
    case myanmar = "Mymr"
    case georgian = "Geor"
    case armenian = "Armn"
    case ethiopic = "Ethi"
    /// A script NameCanon has no name for.
    case unknown = "Zzzz"
    /// No letters at all, or letters of several scripts.
    case common = "Zyyy"

    /// The script of one scalar, or nil for punctuation, digits, spaces and marks.
    static func of(_ scalar: Unicode.Scalar) -> Script? {
        let v = scalar.value
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x250...0x2AF,
             0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return .latin
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF, 0x3005, 0x3007:
            return .han
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xD7B0...0xD7FF:
            return .hangul
        case 0x3041...0x3096, 0x309D...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9D:
            return .japanese
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F:
            return .cyrillic
        case 0x370...0x3FF, 0x1F00...0x1FFF:
            return v == 0x37E || v == 0x387 ? nil : .greek
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
            return (0x610...0x61A).contains(v) || (0x64B...0x65F).contains(v) || v == 0x60C || v == 0x61B || v == 0x61F ? nil : .arabic
        case 0x5D0...0x5EA, 0x5EF...0x5F2, 0xFB1D...0xFB4F: return .hebrew
        case 0xE01...0xE30, 0xE32...0xE33, 0xE40...0xE46: return .thai
        case 0x904...0x939, 0x93D, 0x950, 0x958...0x961, 0x972...0x97F: return .devanagari
        case 0x985...0x9B9, 0x9BD, 0x9CE, 0x9DC...0x9E1, 0x9F0...0x9F1: return .bengali
        case 0xB85...0xBB9, 0xBD0: return .tamil
        case 0x1780...0x17B3: return .khmer
        case 0xE81...0xEB0, 0xEB2...0xEB3, 0xEBD...0xEC4: return .lao
        case 0x1000...0x102A, 0x103F, 0x1050...0x1055: return .myanmar
        case 0x10A0...0x10FF, 0x1C90...0x1CBF: return .georgian
        case 0x531...0x556, 0x561...0x587: return .armenian
        case 0x1200...0x137F: return .ethiopic
        default:
            let props = scalar.properties
            if props.isAlphabetic && !(props.generalCategory == .nonspacingMark || props.generalCategory == .spacingMark) {
                return .unknown
            }
            return nil
        }
    }

    /// The script of a whole string: the one script of its letters, `.japanese` for kana with
    /// or without Han, `.common` for none or several.
    static func of(_ text: String) -> Script {
        var found: Script? = nil
        var sawKana = false
        var sawHan = false
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                if (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) {
                    if found == nil { found = .latin } else if found != .latin { return .common }
                }
                continue
            }
            guard let script = Script.of(scalar) else { continue }
            if script == .japanese { sawKana = true; continue }
            if script == .han { sawHan = true; continue }
            if found == nil { found = script } else if found != script { return .common }
        }
        if sawKana {
            return found == nil ? .japanese : .common
        }
        if sawHan {
            return found == nil ? .han : .common
        }
        return found ?? .common
    }
}
