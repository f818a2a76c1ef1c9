import Foundation

/// The one worker pool of the batch commands (`normalize`, `convert`): batches are transformed
/// on worker threads and handed back in the order they were read, on the calling thread, with a
/// bounded number in flight, so the output is the same as with one thread and memory stays
/// bounded however long the input.
///
/// ```swift
/// try OrderedPool.run(threads: 4, next: { reader.nextBatch() }, transform: { $0.map(convert) }) { rows in
///     rows.forEach(write)
///     return true   // false stops: no later batch is handed over
/// }
/// ```
public enum OrderedPool {
    /// Reads batches with `next` (nil or empty: the input ended), transforms each with `transform`
    /// and hands the results to `take` in input order. With one thread everything runs on the
    /// calling thread; with more, `next`, `take` and the waiting stay on the calling thread and
    /// up to three batches a worker are in flight; while `inputReady` says the next read would
    /// wait, finished batches are handed over first (so a slow pipe's rows are not held back).
    /// Returns when the input ended, `take` returned false, or `next` or `take` threw
    /// (rethrown); the workers have finished by then.
    public static func run<Input, Output>(
        threads: Int, next: () throws -> [Input]?, inputReady: () -> Bool = { true },
        transform: @escaping @Sendable ([Input]) -> [Output], take: ([Output]) throws -> Bool
    ) throws {
        if threads <= 1 {
            while let batch = try next(), !batch.isEmpty {
                if try !take(transform(batch)) { return }
            }
            return
        }
        let pool = Workers<Input, Output>(threads: threads, transform: transform)
        defer { pool.stop() }
        let maxInFlight = threads * 3
        var submitted = 0, taken = 0
        var exhausted = false
        while true {
            while !exhausted && submitted - taken < maxInFlight && (submitted == taken || inputReady()) {
                guard let batch = try next(), !batch.isEmpty else { exhausted = true; break }
                pool.submit(index: submitted, batch)
                submitted += 1
            }
            if taken == submitted { return }
            let done = pool.result(index: taken)
            taken += 1
            if try !take(done) { return }
        }
    }
}

/// Worker threads transforming batches; results are kept by batch index until taken.
private final class Workers<Input, Output>: @unchecked Sendable {
    private let transform: @Sendable ([Input]) -> [Output]
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [(Int, [Input])] = []
    private var queueHead = 0
    private var results: [Int: [Output]] = [:]
    private var stopping = false
    private var running = 0

    init(threads: Int, transform: @escaping @Sendable ([Input]) -> [Output]) {
        self.transform = transform
        running = threads
        for i in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "namecanon-worker-\(i)"
            thread.start()
        }
    }

    func submit(index: Int, _ batch: [Input]) {
        condition.lock()
        queue.append((index, batch))
        condition.signal()
        condition.unlock()
    }

    /// Waits for batch `index` and takes it.
    func result(index: Int) -> [Output] {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        return results.removeValue(forKey: index)!
    }

    /// Tells the workers to finish and waits for them: nothing runs after the caller returns.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while queueHead == queue.count && !stopping { condition.wait() }
            if stopping {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let (index, batch) = queue[queueHead]
            queue[queueHead].1 = []
            queueHead += 1
            if queueHead > 64 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            let output = transform(batch)
            condition.lock()
            results[index] = output
            condition.broadcast()
            condition.unlock()
        }
    }
}
