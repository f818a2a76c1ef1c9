import Foundation

extension Registry {
    /// The form two writings of one name share when they differ only in case, diacritics,
    /// spacing and punctuation: "Nguyễn Phú Trọng", "NGUYEN phu-trong" and "Nguyen Phu Trong"
    /// give "nguyenphutrong"; "President Xi Jinping", "习近平" and "Xi Jinping" do not meet.
    static func looseForm(_ text: String, keepingMarks: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.generalCategory == .nonspacingMark {
                if keepingMarks { out.append(scalar) }
                continue
            }
            if scalar.value == 0x0111 && !keepingMarks { out.append("d"); continue }  // đ has no decomposition
            if p.isAlphabetic || p.numericType != nil { out.append(scalar) }
        }
        return String(out)
    }

    /// True when `a` and `b` are one name written two ways: equal but for case, spacing and
    /// punctuation, or also for diacritics when one of them has none ("Nguyen Phu Trong" and
    /// "Nguyễn Phú Trọng"). Two fully marked writings that differ in a mark ("Lê Văn Hùng",
    /// "Lê Văn Hưng") are two names.
    static func sameWriting(_ a: String, _ b: String) -> Bool {
        guard looseForm(a) == looseForm(b) else { return false }
        let ma = looseForm(a, keepingMarks: true), mb = looseForm(b, keepingMarks: true)
        return ma == mb || ma == looseForm(a) || mb == looseForm(b)
    }

    /// Throws `conflict` when `register` with a display would rewrite the canonical form of an
    /// entity reached only through the ASCII key of a name that is not one of its names written
    /// another way: a lookalike (another person's name that folds to the same key, a name with
    /// a title, another script) must not silently rename someone.
    func checkDisplayChange(_ text: String, key: String, display: String, of entity: Entity) throws(RegistryError) {
        if entity.names.contains(where: { Self.sameWriting($0.text, text) }) { return }
        throw RegistryError(.conflict, """
            "\(text)" reaches \(entity.id) ("\(entity.display)") only through the key \(key), and none of its names \
            is written that way; its display is not changed to "\(display)". Register the name as it is stored, \
            or add it with alias \(entity.id) first.
            """)
    }
}
