import Foundation

/// The package root: the nearest directory above this file that holds Package.swift.
public let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url = url.deletingLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
}()

/// The real `namecanon` binary, run as a subprocess the way users and pipelines run it.
public enum Binary {
    /// `NAMECANON_BIN` when set; else the executable beside the test bundle, or in .build/debug.
    public static let url: URL = {
        if let path = ProcessInfo.processInfo.environment["NAMECANON_BIN"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<3 {
            candidates.append(dir.appendingPathComponent("namecanon"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("namecanon"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("namecanon"))
        let fallback = packageRoot.appendingPathComponent(".build/debug/namecanon")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? fallback
    }()

    /// What a run did.
    public struct Result: Sendable {
        /// The exit status, or the signal number when `uncaughtSignal`.
        public let status: Int32
        /// True when the process died of a signal.
        public let uncaughtSignal: Bool
        /// stdout, byte for byte.
        public let output: Data
        /// stderr, decoded as UTF-8.
        public let stderr: String

        /// stdout decoded as UTF-8.
        public var stdout: String { String(decoding: output, as: UTF8.self) }
        /// stdout as bytes.
        public var bytes: [UInt8] { Array(output) }
        /// The non-empty lines of stdout.
        public var lines: [String] { stdout.split(separator: "\n").map(String.init) }
        /// Every line of stdout, empty ones included (a final line break ends the last line).
        public var allLines: [String] {
            let all = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return stdout.hasSuffix("\n") || stdout.isEmpty ? Array(all.dropLast()) : all
        }
    }

    /// Runs the binary to completion with `input` on stdin.
    ///
    /// - Parameters:
    ///   - environment: added to this process's environment; a nil value removes the variable.
    ///   - directory: the working directory (default: this process's).
    public static func run(_ arguments: [String], input: Data = Data(), environment: [String: String?] = [:],
                           directory: URL? = nil) throws -> Result {
        try runProcess(url, arguments, input: input, environment: environment, directory: directory)
    }

    /// `run` with text on stdin.
    public static func run(_ arguments: [String], input: String, environment: [String: String?] = [:],
                           directory: URL? = nil) throws -> Result {
        try run(arguments, input: Data(input.utf8), environment: environment, directory: directory)
    }

    /// `run` with bytes on stdin.
    public static func run(_ arguments: [String], input: [UInt8], environment: [String: String?] = [:],
                           directory: URL? = nil) throws -> Result {
        try run(arguments, input: Data(input), environment: environment, directory: directory)
    }

    /// Runs `/bin/sh -c script` with `$NAMECANON` set to the binary, so a trial can set limits
    /// first (`ulimit -f`, `trap '' XFSZ`).
    public static func shell(_ script: String, input: String = "") throws -> Result {
        try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script], input: Data(input.utf8),
                       environment: ["NAMECANON": url.path], directory: nil)
    }
}

/// Writing to a child that has already exited raises SIGPIPE, whose default action ends the whole
/// test process (every suite with it). Tests want EPIPE instead, an error they can ignore: every
/// runner of child processes touches this first, which ignores SIGPIPE once for the process.
public let ignoringSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

/// Runs `executable` to completion. stdin is written and stderr drained on other threads while
/// stdout is read here, so no pipe fills up and blocks the child.
public func runProcess(_ executable: URL, _ arguments: [String], input: Data, environment: [String: String?],
                       directory: URL?) throws -> Binary.Result {
    _ = ignoringSIGPIPE
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
    }
    if let directory { process.currentDirectoryURL = directory }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    final class Box: @unchecked Sendable { var data = Data() }
    let err = Box()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
        // The child may exit without reading its input (a usage error): EPIPE is not our failure.
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
    }
    DispatchQueue.global().async(group: group) { err.data = stderr.fileHandleForReading.readDataToEndOfFile() }
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    return Binary.Result(status: process.terminationStatus, uncaughtSignal: process.terminationReason == .uncaughtSignal,
                         output: out, stderr: String(decoding: err.data, as: UTF8.self))
}

/// A directory removed when the value is released, for files a test writes.
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory.
    public let url: URL

    /// Makes a fresh empty directory under the system's temporary directory.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
