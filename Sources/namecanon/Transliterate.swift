import ArgumentParser
import Foundation
import NameBatch
import NameCanon

extension TransliterationTarget: ExpressibleByArgument {
    /// The target named by `--to`, in any letter case ("Pinyin", "hanviet").
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

struct Transliterate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transliterate",
        abstract: "Transliterate names, one per line.",
        discussion: """
            Targets: latin, ascii, pinyin (press form: Xi Jinping), pinyin-tones
            (Xí Jìnpíng), simplified, traditional, hanviet (Tập Cận Bình).

            Examples:
              echo 欧阳娜娜 | namecanon transliterate --to pinyin
              echo "Mao Tse-tung" | namecanon transliterate --to pinyin
              echo 習近平 | namecanon transliterate --to hanviet
            """
    )

    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: ArgumentHelp("Target: latin, ascii, pinyin, pinyin-tones, simplified, traditional, hanviet.", valueName: "target"))
    var to: TransliterationTarget

    @Option(name: .long, help: "On a bad line: skip (report it and go on) or fail (stop with exit code 1).")
    var onError: OnError = .skip

    @Argument(help: "Files of names, one per line; - or none for stdin.")
    var files: [String] = []

    func run() throws {
        let canon = try engine.makeEngine()
        try processLines(files, onError: onError, out: OutputWriter(fd: 1),
                         row: { tsvField(try canon.transliterate($0, to: to)) + "\n" },
                         failedRow: { _, _ in "\n" })
    }
}
