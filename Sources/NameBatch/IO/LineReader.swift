#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line as raw bytes, without ever holding more than
/// `maxLine` bytes of one line: longer lines are reported as too long and skipped.
public struct LineReader: ~Copyable {
    /// One line of input.
    public enum Line: Sendable {
        /// The bytes of the line, without its "\n" (and without a "\r" before it).
        case bytes([UInt8])
        /// A line longer than the limit; its bytes were read and dropped. `length` counts them.
        case tooLong(length: Int)
    }

    private let fd: Int32
    private let maxLine: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    /// Number of lines returned so far (the 1-based number of the last line).
    public private(set) var lineNumber = 0

    /// - Parameters:
    ///   - fd: the descriptor to read (0 for stdin).
    ///   - maxLine: longest accepted line in bytes.
    public init(fd: Int32, maxLine: Int = 1 << 20) {
        self.fd = fd
        self.maxLine = maxLine
        self.buffer = [UInt8](repeating: 0, count: max(65_536, min(maxLine + 2, 1 << 22)))
    }

    private mutating func fill() -> Bool {
        if eof { return false }
        if start > 0 {
            if start < end { buffer.withUnsafeMutableBufferPointer { p in
                _ = memmove(p.baseAddress!, p.baseAddress! + start, end - start) } }
            end -= start
            start = 0
        }
        if end == buffer.count { return false }
        let n = buffer.withUnsafeMutableBufferPointer { p -> Int in
            while true {
                let r = read(fd, p.baseAddress! + end, p.count - end)
                if r < 0 && errno == EINTR { continue }
                return r
            }
        }
        if n <= 0 { eof = true; return false }
        end += n
        return true
    }

    /// True when `next()` can answer from what was already read, without waiting for input: a
    /// whole line is buffered, or the input ended. A server groups the requests that arrived
    /// together this way and never waits for more to fill a group.
    public var hasBufferedLine: Bool {
        eof || buffer[start..<end].contains(0x0A)
    }

    /// True when `next()` will not wait long: a whole line is buffered, the input ended, or the
    /// descriptor has bytes to read now (a file always does).
    public var hasInputWaiting: Bool {
        if hasBufferedLine { return true }
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) > 0
    }

    /// The next line, or nil at the end of input.
    public mutating func next() -> Line? {
        var scanFrom = start
        while true {
            if let nl = buffer[scanFrom..<end].firstIndex(of: 0x0A) {
                var lineEnd = nl
                if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let length = lineEnd - start
                defer { start = nl + 1 }
                lineNumber += 1
                if length > maxLine { return .tooLong(length: length) }
                return .bytes(Array(buffer[start..<lineEnd]))
            }
            scanFrom = end
            if end - start > maxLine {
                // Too long: drop what we have and everything up to the next newline.
                var dropped = end - start
                start = end
                while true {
                    start = 0; end = 0
                    guard fill() else { lineNumber += 1; return .tooLong(length: dropped) }
                    if let nl = buffer[0..<end].firstIndex(of: 0x0A) {
                        dropped += nl
                        start = nl + 1
                        lineNumber += 1
                        return .tooLong(length: dropped)
                    }
                    dropped += end
                }
            }
            let before = end - start
            if !fill() {
                if end > start {
                    lineNumber += 1
                    var lineEnd = end
                    if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    let bytes = Array(buffer[start..<lineEnd])
                    start = end
                    return bytes.count > maxLine ? .tooLong(length: bytes.count) : .bytes(bytes)
                }
                return nil
            }
            scanFrom = start + before
        }
    }
}

/// Buffered writes to a file descriptor, flushed on demand (the server flushes every line).
public final class OutputWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let limit: Int

    /// Writes to `fd` (1 for stdout) once `bufferSize` bytes are waiting, or on `flush()`.
    public init(fd: Int32, bufferSize: Int = 1 << 16) {
        self.fd = fd
        self.limit = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    /// Queues bytes.
    public func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    /// Queues a string's UTF-8.
    public func write(_ text: String) { write(text.utf8) }

    /// Writes everything queued; a write error drops the rest (the reader went away).
    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { p in
                POSIX.write(fd, p.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0 { if errno == EINTR { continue }; break }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
