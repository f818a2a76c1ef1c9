import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameRegistry

extension RegistryCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show every recorded change of an entity, oldest first (a merged-away ID works too).",
            discussion: """
                One tab-separated line per change: sequence number, UTC time, source
                (user, learned, seed, import), operation, entity, other entity (the
                one kept by a merge, a redirect's target; - when none), and the detail
                as a JSON object. The changes of IDs merged into the entity are included.
                """)
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity ID.") var id: String
        @Flag(name: .long, help: "Leave out the header line.") var noHeader = false

        func run() throws {
            let h = try store.open(canon: try engine.makeEngine()).history(id)
            let out = OutputWriter(fd: 1)
            if !noHeader { out.write("seq\ttime\tsource\top\tentity\tother\tdetail\n") }
            for c in h.changes {
                out.write("\(c.sequence)\t\(c.time)\t\(c.source.rawValue)\t\(c.operation)\t\(c.entity)\t\(c.other ?? "-")\t\(c.detail)\n")
            }
            out.flush()
        }
    }
}
