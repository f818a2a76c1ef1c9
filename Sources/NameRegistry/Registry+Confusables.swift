import NameCanon

extension Registry {
    /// `resolve`, except that a mention written in lookalike letters ("Вill Gates" with a
    /// Cyrillic В, whose key is "bill gates") is never linked to an existing person nor made
    /// into a new one unless `allowConfusable` is true. It is answered with match `confusable`,
    /// no entity, the people it would have matched as `candidates`, and an explanation. Nothing
    /// is written to the store for it.
    ///
    /// ```swift
    /// let r = try registry.resolveGuarded("Вill Gates", create: true)
    /// r.match        // .confusable
    /// r.candidates   // [("p000001", "Bill Gates")] when Bill Gates is known
    /// ```
    public func resolveGuarded(_ mention: String, language: NameLanguage? = nil, doc: String? = nil,
                               create: Bool = false, source: String = "resolve", aliases: [String] = [],
                               fuzzyThreshold: Double? = nil, allowConfusable: Bool = false) throws -> Resolution {
        if !allowConfusable, let finding = Confusables.check(Self.clean(mention)) {
            // What the name would have matched, looked up without writing or remembering anything.
            var r = try resolve(mention, language: language, doc: nil, create: false, source: source)
            var fits: [Candidate] =
                if let id = r.entity { [Candidate(entity: id, canonical: r.canonical ?? "", score: r.score, match: r.match)] } else { r.candidates }
            // Whom it looks like: the name with its lookalikes read as the Latin letters they
            // imitate ("Вill" is keyed as "vill" but looks like "Bill").
            if let folded = Confusables.latinLookalike(Self.clean(mention)),
               let looks = try? resolve(folded, language: language, doc: nil, create: false, source: source) {
                let more = looks.entity.map { [Candidate(entity: $0, canonical: looks.canonical ?? "", score: looks.score, match: looks.match)] } ?? looks.candidates
                for fit in more where !fits.contains(where: { $0.entity == fit.entity }) { fits.append(fit) }
            }
            let list = fits.map { "\($0.canonical) (\($0.entity))" }.joined(separator: ", ")
            r.explain = "\(Self.clean(mention)) → \(finding.description): "
                + (fits.isEmpty ? "it imitates no known person" : "a lookalike of \(list)")
                + "; not linked\(create ? " and nothing created" : ""); allow confusable names to link it"
            r.candidates = fits
            r.entity = nil
            r.canonical = nil
            r.match = .confusable
            r.score = 0
            r.learned = false
            return r
        }
        return try resolve(mention, language: language, doc: doc, create: create, source: source, aliases: aliases,
                           fuzzyThreshold: fuzzyThreshold)
    }
}
