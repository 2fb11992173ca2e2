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

    public static func forEach<Item: Sendable>(
        batchSize: Int = rowBatchSize, queuedBatches: Int = 8,
        produce: @escaping @Sendable (_ emit: (Item) throws -> Void) throws -> Void,
        _ body: (Item) throws -> Void
    ) throws {
        let handoff = Handoff<Item>(capacity: queuedBatches)
        let producer = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            var failure: Error?
            do {
                try produce { item in
                    batch.append(item)
                    if batch.count == batchSize {
                        try handoff.push(batch)
                        batch.removeAll(keepingCapacity: true)
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
        }
        producer.start()
        defer { handoff.cancelAndWait() }
        while let batch = try handoff.next() {
            for item in batch { try body(item) }
        }
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
