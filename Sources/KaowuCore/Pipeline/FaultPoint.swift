import Foundation

/// Named points where the reliability tests make the process die as a power cut would
/// (SIGKILL: no cleanup, no flush). Set `KAOWU_FAULT` to a point's name, or to `apply:N` to die
/// after the N-th row of a file is applied; unset, every check is one dictionary look-up.
enum FaultPoint: String, CaseIterable {
    /// The file is in the work area, its job not yet recorded.
    case claimed = "claim"
    /// The decision is committed and the workbook written to its temporary file; nothing is in
    /// the outbox under a report's name.
    case decided = "decide"
    /// The report is written; the original is not archived.
    case reported = "report"
    /// The original is archived; the ledger does not know yet.
    case archived = "archive"

    private static let setting = ProcessInfo.processInfo.environment["KAOWU_FAULT"]

    /// Dies here if the tests asked for this point, once `settle` has finished work in flight
    /// that the crash should find done.
    static func check(_ point: FaultPoint, after settle: () -> Void = {}) {
        if setting == point.rawValue {
            settle()
            die()
        }
    }

    /// Dies after the `row`-th applied row if the tests asked for `apply:row`.
    static func checkApplied(rows: Int) {
        if let setting, setting.hasPrefix("apply:"), Int(setting.dropFirst(6)) == rows { die() }
    }

    private static func die() -> Never {
        kill(getpid(), SIGKILL)
        fatalError("unreachable: SIGKILL")
    }
}
