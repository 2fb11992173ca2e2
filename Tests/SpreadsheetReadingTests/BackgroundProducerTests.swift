import Foundation
import SpreadsheetReading
import XCTest

/// The three-stage `BackgroundProducer.forEach(workers:...)`: whatever order the workers finish
/// in, the caller sees a plain loop over `transform`ed items.
final class BackgroundProducerTests: XCTestCase {
    private struct Stop: Error, Equatable {
        var at: Int
    }

    /// Items of uneven cost (some workers overtake others) arrive in order, each once.
    func testResultsArriveInProducedOrderWhateverTheWorkersDo() throws {
        for workers in [1, 2, 4] {
            var seen: [Int] = []
            let slowly: @Sendable (Int) -> Int = { i in
                if i % 97 == 0 { usleep(200) }
                return i * 2
            }
            try BackgroundProducer.forEach(
                batchSize: 7, queuedBatches: 2, workers: workers,
                produce: { emit in for i in 0..<5_000 { try emit(i) } }, transform: slowly,
                { seen.append($0) })
            XCTAssertEqual(seen, (0..<5_000).map { $0 * 2 }, "\(workers) workers")
        }
    }

    /// Heavy items end their batch early, so few of them are in flight however many batches
    /// may wait; light ones travel in full batches.
    func testHeavyItemsTravelInSmallerBatches() throws {
        for itemWeight in [1_000, 1] {
            let produced = Counter()
            var inFlightAtFirst = 0
            let produce: @Sendable ((Int) throws -> Void) throws -> Void = { emit in
                for i in 0..<2_000 {
                    produced.add()
                    try emit(i)
                }
            }
            try BackgroundProducer.forEach(
                batchSize: 100, batchWeight: 1_000, weight: { _ in itemWeight },
                queuedBatches: 2, workers: 1, produce: produce, transform: { $0 },
                { i in
                    guard i == 0 else { return }
                    usleep(100_000)  // the producer runs ahead as far as the queues let it
                    inFlightAtFirst = produced.value
                })
            if itemWeight == 1 {
                XCTAssertGreaterThan(inFlightAtFirst, 200, "light items: batches of 100")
            } else {
                XCTAssertLessThan(inFlightAtFirst, 20, "heavy items: batches of one")
            }
        }
    }

    func testATransformErrorComesAfterEveryResultBeforeIt() {
        var seen = 0
        XCTAssertThrowsError(
            try BackgroundProducer.forEach(
                batchSize: 16, queuedBatches: 3, workers: 3,
                produce: { emit in for i in 0..<10_000 { try emit(i) } },
                transform: { i in
                    if i == 4_321 { throw Stop(at: i) }
                    return i
                }
            ) { i in
                XCTAssertEqual(i, seen)
                seen += 1
            }
        ) { XCTAssertEqual($0 as? Stop, Stop(at: 4_321)) }
        XCTAssertEqual(seen, 4_321)
    }

    func testAProducerErrorComesAfterEveryItemItProduced() {
        var seen = 0
        XCTAssertThrowsError(
            try BackgroundProducer.forEach(
                batchSize: 10, workers: 2,
                produce: { emit in
                    for i in 0..<1_005 { try emit(i) }
                    throw Stop(at: 1_005)
                },
                transform: { $0 }
            ) { _ in seen += 1 }
        ) { XCTAssertEqual($0 as? Stop, Stop(at: 1_005)) }
        XCTAssertEqual(seen, 1_005)
    }

    /// An error of the caller's body stops the producer, which would otherwise run forever,
    /// and the call returns only once every thread has stopped.
    func testABodyErrorStopsEveryThread() {
        let calls = Counter()
        XCTAssertThrowsError(
            try BackgroundProducer.forEach(
                batchSize: 4, queuedBatches: 2, workers: 2,
                produce: { emit in
                    var i = 0
                    while true {
                        try emit(i)
                        i += 1
                    }
                },
                transform: { i in
                    calls.add()
                    return i
                }
            ) { i in if i == 100 { throw Stop(at: i) } }
        ) { XCTAssertEqual($0 as? Stop, Stop(at: 100)) }
        let after = calls.value
        usleep(50_000)
        XCTAssertEqual(calls.value, after, "no worker runs after the call returned")
        // Two queues of two batches of four, plus what the workers held: far from endless.
        XCTAssertLessThan(after, 200)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
