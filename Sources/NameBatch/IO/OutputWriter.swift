#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to a file descriptor, flushed on demand (the server flushes every line). The
/// one writer of the package: every command writes its rows through it, `convert` its output
/// file too.
public final class OutputWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let limit: Int
    /// The `errno` of the first write that failed; from then on nothing more is written. A
    /// command writing to a pipe whose reader went away just stops; one writing a file reports it.
    public private(set) var failure: Int32?

    /// Writes to `fd` (1 for stdout) once `bufferSize` bytes are waiting, or on `flush()`.
    public init(fd: Int32, bufferSize: Int = 1 << 16) {
        self.fd = fd
        self.limit = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    /// Queues bytes. (The generic `write` below runs unspecialized from another module, a
    /// protocol call a byte; rows come as arrays.)
    public func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    /// Queues bytes.
    public func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    /// Queues a string's UTF-8.
    public func write(_ text: String) { write(text.utf8) }

    /// Writes everything queued. After a failed write (see `failure`) the rest is dropped.
    public func flush() {
        var offset = 0
        while failure == nil, offset < buffer.count {
            let n = buffer.withUnsafeBytes { p in
                POSIX.write(fd, p.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
