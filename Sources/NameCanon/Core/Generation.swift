/// Generational suffixes: "Jr.", "Sr.", "II", "III", "IV". They are part of who a person is
/// (Donald Trump and Donald Trump Jr. are father and son), so they stay in the display form and
/// in every key instead of being stripped like a title.
extension NameCanon {
    /// A generational suffix found at the end of a Latin name.
    struct Generation: Equatable {
        /// How it is shown: "Jr.", "Sr.", "II", "III", "IV".
        var display: String
        /// How it is keyed: "jr", "sr", "ii", "iii", "iv".
        var key: String
    }

    /// The suffixes by their lowercase spelling without the final period. "V" and "I" are left
    /// out: as the last word of a name they are far more often an initial.
    static let generations: [String: Generation] = {
        let jr = Generation(display: "Jr.", key: "jr"), sr = Generation(display: "Sr.", key: "sr")
        let ii = Generation(display: "II", key: "ii"), iii = Generation(display: "III", key: "iii")
        let iv = Generation(display: "IV", key: "iv")
        return ["jr": jr, "junior": jr, "sr": sr, "senior": sr, "snr": sr, "jnr": jr,
                "ii": ii, "2nd": ii, "iii": iii, "3rd": iii, "iv": iv, "4th": iv]
    }()

    /// Splits a generational suffix off the end of a Latin-letter name: "Donald Trump Jr." and
    /// "Donald Trump, Jr." give ("Donald Trump", Jr.). At least two words must be left, so a
    /// lone "Junior" or "Lee II" is not read as one.
    func detachGeneration(_ text: String) -> (rest: String, generation: Generation?) {
        // Most names end in a lowercase letter that no suffix ends in ("Jr.", "II", "3rd"): skip early.
        guard let last = text.unicodeScalars.last, ".IVrdhRDH".unicodeScalars.contains(last) else { return (text, nil) }
        var words = text.parts(0x20)
        guard words.count >= 3 else { return (text, nil) }
        var word = words[words.count - 1].latinLowered
        while let l = word.last, l == "." || l == "," { word.removeLast() }
        guard let generation = Self.generations[word] else { return (text, nil) }
        // A Roman numeral must be written in capitals: "Ii" or "iv" at the end is more likely a name.
        if generation.key.hasPrefix("i"), !words[words.count - 1].hasPrefix("I") { return (text, nil) }
        words.removeLast()
        if let l = words.last, l.hasSuffix(",") { words[words.count - 1] = String(l.dropLast()) }
        let rest = words.joined(separator: " ")
        guard Script.of(rest) == .latin, rest.parts(0x20).count >= 2 else { return (text, nil) }
        return (rest, generation)
    }

    /// Puts the suffix back on an analysis of the rest of the name: on the display and Latin
    /// forms and on every key, so no key of the son is a key of the father.
    func attachGeneration(_ generation: Generation, to analysis: inout Analysis) {
        analysis.display += " " + generation.display
        analysis.latin += " " + generation.display
        analysis.key += " " + generation.key
        analysis.extraKeys = analysis.extraKeys.map { NameKey($0.kind, $0.value + " " + generation.key) }
        analysis.alternates = analysis.alternates.map { $0 + " " + generation.display }
    }
}
