import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's output ended before a whole line came.
public struct EndOfOutput: Error {}

/// A long-running `namecanon serve`: requests written one at a time, responses read by line.
public final class ServeProcess {
    /// The running server.
    public let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    /// Starts `namecanon serve` (or another line-by-line `subcommand`) with `arguments`;
    /// `environment` as for `Binary.run`.
    public init(_ arguments: [String], subcommand: String = "serve", environment: [String: String?] = [:]) throws {
        _ = ignoringSIGPIPE
        process.executableURL = Binary.url
        process.arguments = [subcommand] + arguments
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (k, v) in environment { env[k] = v }
            process.environment = env
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Writes one request line.
    public func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// Reads one response line (without its line break).
    public func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return String(decoding: line, as: UTF8.self)
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { throw EndOfOutput() }
            buffer.append(data)
        }
    }

    /// Sends one request and reads its response.
    public func request(_ line: String) throws -> String {
        send(line)
        return try readLine()
    }

    /// Ends the server the hard way: no chance to flush, close or checkpoint anything.
    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Closes stdin and waits for the server to exit.
    public func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// A member of a JSON response line.
public func member(_ line: String, _ name: String) -> Any? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
    return object[name]
}

/// The lines of stdout that are JSON objects.
public func jsonLines(_ r: Binary.Result) -> [[String: Any]] {
    r.allLines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
}
