import Foundation

/// A value computed on a thread of its own while its owner goes on with other work; `value()`
/// waits for it. For the few pieces of a job's end that need nothing from each other (a
/// report's workbook and its JSON, the photo thumbnails and the rows beside them).
///
/// `@unchecked Sendable`: `result` is written once by the computing thread before it signals
/// `finished`, and read by the owner only after waiting for that signal. `value()` is for one
/// owner thread.
final class InFlight<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?
    private var waited = false

    init(_ compute: @escaping @Sendable () throws -> Value) {
        Thread { [self] in
            result = Result { try compute() }
            finished.signal()
        }.start()
    }

    /// Waits for the value, then returns it, or throws what computing it threw.
    func value() throws -> Value {
        if !waited {
            finished.wait()
            waited = true
        }
        return try result!.get()
    }
}
