import Foundation
import NameCanon

extension Registry {
    /// Finds the person a mention names, and learns from the text what it says about them.
    ///
    /// A mention that carries its own gloss ("Carrie Lam (林鄭月娥)", "特朗普（Donald Trump）",
    /// "Lai Ching-te, also known as William Lai") and the caller's `aliases` are other names of
    /// the same person. When the mention itself matches nothing, a gloss that matches one entity
    /// finds it; when the mention is ambiguous, a gloss that matches exactly one of the tied
    /// entities picks it. With `create`, the glosses and aliases that match no entity are added
    /// to the entity as names (source `gloss` or `alias`), and the explanation says so. A gloss
    /// or alias that names another entity is never merged: the explanation reports it.
    /// Glosses that are not plausible names ("(left)", "(2019)", "(file photo)") are ignored.
    /// See `resolveMention` for the matching itself.
    ///
    /// ```swift
    /// let r = try registry.resolve("Carrie Lam (林鄭月娥)", create: true)
    /// try registry.resolve("林郑月娥").entity == r.entity   // true
    /// ```
    public func resolve(_ mention: String, language: NameLanguage? = nil, doc: String? = nil,
                        create: Bool = false, source: String = "resolve", aliases: [String] = [],
                        fuzzyThreshold: Double? = nil) throws -> Resolution {
        let n = try canon.normalize(Self.clean(mention), hint: language)
        var others: [(text: String, source: String)] = []
        if n.key.utf8.contains(0x20) {  // keys hold no marks: a space byte is a space
            for gloss in n.glosses where canon.plausibleGloss(gloss, of: n) { others.append((Self.clean(gloss), "gloss")) }
        }
        for alias in aliases {
            let text = Self.clean(alias)
            if !text.isEmpty, !others.contains(where: { $0.text == text }) { others.append((text, "alias")) }
        }
        // The name as the text has it, without the glosses: what is matched and learned, so
        // "Kim Jong-un (left)" is never stored as a name.
        let name = n.glosses.isEmpty ? mention : NameCanon.withoutGlosses(mention)
        func resolveName(create: Bool) throws -> Resolution {
            var r = try resolveMention(name, language: language, doc: doc, create: create, source: source,
                                       fuzzyThreshold: fuzzyThreshold)
            r.mention = mention
            return r
        }
        if others.isEmpty { return try resolveName(create: create) }

        // What each other name says on its own, before anything is written.
        var said: [(text: String, source: String, r: Resolution)] = []
        for other in others {
            // No language hint: an alias is often in another script than the mention.
            said.append((other.text, other.source, try resolveMention(other.text, create: false, fuzzyThreshold: fuzzyThreshold)))
        }
        var r = try resolveName(create: false)
        let pointed = Set(said.compactMap(\.r.entity))
        var via: String? = nil
        if r.entity == nil, pointed.count == 1, let id = pointed.first {
            if r.match == .ambiguous, !r.candidates.contains(where: { $0.entity == id }) {
                // The gloss names someone else than every tied entity: leave it ambiguous.
            } else {
                via = said.first { $0.r.entity == id }?.text
            }
        }
        if let via, let hit = said.first(where: { $0.text == via }) {
            var taught = hit.r
            taught.mention = mention
            taught.name = n
            taught.explain = "\(Self.clean(name)) → its \(hit.source) \(via): " + hit.r.explain
            taught.candidates = []
            taught.learned = false
            r = taught
            if create, let id = r.entity {
                let added = try alias(id, name: name, language: language, kind: .learned, source: hit.source == "gloss" ? "gloss" : source)
                if added.added {
                    r.learned = true
                    r.explain += "; learned \(Self.clean(name)) as a new name, taught by the \(hit.source)"
                }
            }
        } else if create, r.entity == nil, r.match != .ambiguous, pointed.isEmpty {
            r = try resolveName(create: true)
        } else if create, r.entity != nil {
            r = try resolveName(create: true)
        }
        guard let id = r.entity else {
            if !said.isEmpty {
                r.explain += "; " + said.map { "\($0.source) \($0.text): \($0.r.match.rawValue)" }.joined(separator: ", ") + "; nothing taught"
            }
            return r
        }
        var notes: [String] = []
        for other in said where other.text != via {
            if other.r.entity == id {
                notes.append("\(other.source) \(other.text) agrees")
            } else if let elsewhere = other.r.entity {
                notes.append("\(other.source) \(other.text) names another entity, \(other.r.canonical ?? "") (\(elsewhere)); not merged")
            } else if other.r.match == .ambiguous {
                notes.append("\(other.source) \(other.text) fits several entities; not taught")
            } else if create {
                if try alias(id, name: other.text, kind: other.source == "alias" ? .alias : .learned,
                             source: other.source == "gloss" ? "gloss" : source).added {
                    notes.append("taught by the \(other.source): \(other.text) is the same person")
                }
            } else {
                notes.append("\(other.source) \(other.text) is not known; not taught without create")
            }
        }
        if !notes.isEmpty { r.explain += "; " + notes.joined(separator: "; ") }
        return r
    }
}
