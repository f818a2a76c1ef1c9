import ArgumentParser
import Foundation
import NameCanon

extension TransliterationTarget: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

struct Transliterate: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let out = OutputWriter(fd: 1)
        var errors = 0
        for input in try inputDescriptors(files) {
            var reader = LineReader(fd: input.fd, maxLine: 1 << 20)
            defer { if input.fd != 0 { close(input.fd) } }
            while let line = reader.next() {
                var failure: String? = nil
                switch line {
                case .tooLong(let length): failure = "line too long (\(length) bytes)"
                case .bytes(let bytes):
                    if let text = String(validating: bytes, as: UTF8.self) {
                        do { out.write(tsvField(try canon.transliterate(text, to: to)) + "\n") } catch {
                            failure = (error as? NameCanonError)?.message ?? "\(error)"
                        }
                    } else {
                        failure = "not valid UTF-8"
                    }
                }
                if let failure {
                    errors += 1
                    reportError("\(input.name):\(reader.lineNumber): \(failure)")
                    out.write("\n")
                    if onError == .fail { out.flush(); throw ExitCode(1) }
                }
            }
        }
        out.flush()
        if errors > 0 { throw ExitCode(1) }
    }
}
