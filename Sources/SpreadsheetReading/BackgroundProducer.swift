import Foundation

/// Produces items on a thread of their own while the caller consumes them in order, so that
/// producing (inflating and scanning a large sheet and preparing its rows; inflating and
/// checking photos) uses one core while the caller's `body` (storing each one) uses the other.
///
/// The contract is that of a plain loop over the producer: items reach `body` in order, on the
/// calling thread; an error thrown by the producer reaches the caller after every item produced
/// before it; an error thrown by `body` stops the producer and is rethrown. The call returns only
/// once the producer thread has finished, so nothing of the work outlives it. Items travel in
/// batches of `batchSize` through a queue of at most `queuedBatches`: memory stays at a few
/// batches whatever the input's size.
public enum BackgroundProducer {
    /// Rows per hand-over: large enough that locking is rare, small enough to stay in cache.
    public static let rowBatchSize = 256

    /// Workers for `forEach(workers:...)`: one per core, but no more than the one thread of
    /// `body` (a single database writer) can keep up with.
    public static let workerThreads = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 4)

    public static func forEach<Item: Sendable>(
        batchSize: Int = rowBatchSize, queuedBatches: Int = 8,
        produce: @escaping @Sendable (_ emit: (Item) throws -> Void) throws -> Void,
        _ body: (Item) throws -> Void
    ) throws {
        let handoff = Handoff<Item>(capacity: queuedBatches)
        startProducer(batchSize: batchSize, produce: produce, into: handoff)
        defer { handoff.cancelAndWait() }
        while let batch = try handoff.next() {
            for item in batch { try body(item) }
        }
    }

    /// `forEach(produce:_:)` with a middle stage: every item goes through `transform` on one of
    /// `workers` threads, and `body` gets the results in the order the items were produced.
    /// So that work that needs nothing from `body` (validating rows) can use every core while
    /// `body` (storing them) runs on the calling thread.
    ///
    /// `transform` is called on several threads at once, for different items in any order: it
    /// must be safe to call concurrently. An error it throws reaches the caller after the
    /// results of every item produced before it, like an error of the producer; an error of
    /// `body` stops every thread. The call returns once all of them have finished. At most
    /// `queuedBatches` batches wait before the workers and as many after them. A batch ends
    /// after `batchSize` items, or sooner once its items' `weight` (bytes, say) reaches
    /// `batchWeight`, so that many small items can be in flight and few large ones.
    public static func forEach<Item: Sendable, Output: Sendable>(
        batchSize: Int = rowBatchSize, batchWeight: Int = .max,
        weight: @escaping @Sendable (Item) -> Int = { _ in 0 },
        queuedBatches: Int = 8, workers: Int,
        produce: @escaping @Sendable (_ emit: (Item) throws -> Void) throws -> Void,
        transform: @escaping @Sendable (Item) throws -> Output,
        _ body: (Output) throws -> Void
    ) throws {
        precondition(workers >= 1, "at least one worker")
        let results = OrderedResults<Output>(window: queuedBatches, workers: workers)
        // The producer feeds the workers through a second queue, whose `take` hands its batches
        // out numbered; its error arrives as the end of its items.
        let input = Handoff<Item>(capacity: queuedBatches)
        for _ in 0..<workers {
            Thread {
                defer { results.workerExited() }
                while true {
                    switch input.take() {
                    case .batch(let number, let items):
                        var outputs: [Output] = []
                        outputs.reserveCapacity(items.count)
                        var failure: Error?
                        do {
                            for item in items { outputs.append(try transform(item)) }
                        } catch {
                            failure = error
                        }
                        guard results.put(number, outputs, failure: failure) else { return }
                    case .end(let batches, let failure):
                        return results.end(batches: batches, failure: failure)
                    case .cancelled:
                        return
                    }
                }
            }.start()
        }
        startProducer(
            batchSize: batchSize, batchWeight: batchWeight, weight: weight, produce: produce,
            into: input)
        defer {
            input.cancelAndWait()
            results.cancelAndWait()
        }
        while let (outputs, failure) = try results.next() {
            for output in outputs { try body(output) }
            if let failure { throw failure }
        }
    }

    /// Runs `produce` on a thread of its own, pushing its items into `handoff` in batches and
    /// finishing the handoff when it returns or throws.
    private static func startProducer<Item: Sendable>(
        batchSize: Int, batchWeight: Int = .max,
        weight: @escaping @Sendable (Item) -> Int = { _ in 0 },
        produce: @escaping @Sendable (_ emit: (Item) throws -> Void) throws -> Void,
        into handoff: Handoff<Item>
    ) {
        Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            var batchWeighs = 0
            var failure: Error?
            do {
                try produce { item in
                    batch.append(item)
                    batchWeighs += weight(item)
                    if batch.count == batchSize || batchWeighs >= batchWeight {
                        try handoff.push(batch)
                        batch.removeAll(keepingCapacity: true)
                        batchWeighs = 0
                    }
                }
            } catch is HandoffCancelled {
                return handoff.finish(failure: nil)
            } catch {
                failure = error
            }
            // The items before a failure are delivered too; `HandoffCancelled` here means nobody
            // waits any more.
            if !batch.isEmpty { try? handoff.push(batch) }
            handoff.finish(failure: failure)
        }.start()
    }
}

/// The consumer has stopped: the producer ends without delivering more.
private struct HandoffCancelled: Error {}

/// The queue between the producer thread and the consumer.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is
/// locked.
private final class Handoff<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [[Item]] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    /// Batches handed out by `take`.
    private var taken = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues a batch, waiting while the queue is full; throws `HandoffCancelled` once the consumer
    /// has stopped.
    func push(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw HandoffCancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    /// The producer is done: after its last batch, `next` returns nil or throws `failure`.
    func finish(failure: Error?) {
        condition.lock()
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch in order; nil at the end; the producer's error after its last batch.
    func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// What a worker takes from the queue (`take`).
    enum Taken {
        /// The next batch, numbered from 0 in the order pushed.
        case batch(Int, [Item])
        /// The producer finished after `batches` batches, with `failure` if it failed.
        case end(batches: Int, failure: Error?)
        case cancelled
    }

    /// The next batch for one of several workers, numbered so that their results can be put
    /// back in order.
    func take() -> Taken {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished && !cancelled { condition.wait() }
        if cancelled { return .cancelled }
        if !batches.isEmpty {
            condition.broadcast()
            taken += 1
            return .batch(taken - 1, batches.removeFirst())
        }
        return .end(batches: taken, failure: failure)
    }

    /// Stops the producer (if it is still running) and waits until it has finished.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}

/// The workers' results on their way back to the consumer, put back in the order their
/// batches were produced.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is
/// locked.
private final class OrderedResults<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// A worker waits while its batch is this many or more ahead of the consumer; the batch the
    /// consumer waits for is never held up, so the queue cannot deadlock.
    private let window: Int
    private var waiting: [Int: (outputs: [Output], failure: Error?)] = [:]
    /// The number of the batch the consumer takes next.
    private var nextBatch = 0
    private var batches: Int?
    private var failure: Error?
    private var cancelled = false
    private var liveWorkers: Int

    init(window: Int, workers: Int) {
        self.window = window
        liveWorkers = workers
    }

    /// Puts back batch `number`'s results (those before `failure`, if it failed). False once
    /// the consumer has stopped.
    func put(_ number: Int, _ outputs: [Output], failure: Error?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while number >= nextBatch + window && !cancelled { condition.wait() }
        if cancelled { return false }
        waiting[number] = (outputs, failure)
        condition.broadcast()
        return true
    }

    /// The producer made `batches` batches in all and then stopped, with `failure` if it failed.
    func end(batches: Int, failure: Error?) {
        condition.lock()
        if self.batches == nil {
            self.batches = batches
            self.failure = failure
        }
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch's results in order and the error that cut it short, if any; nil after
    /// the last; the producer's error after its last batch.
    func next() throws -> (outputs: [Output], failure: Error?)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let batch = waiting.removeValue(forKey: nextBatch) {
                nextBatch += 1
                condition.broadcast()
                return batch
            }
            if let batches, nextBatch >= batches {
                if let failure { throw failure }
                return nil
            }
            condition.wait()
        }
    }

    func workerExited() {
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the workers and waits until every one has exited.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
        condition.unlock()
    }
}
