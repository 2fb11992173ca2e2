import Foundation

/// A report's workbook being written to a temporary file in the report's folder, on a thread
/// of its own: it takes shape while the decision is encoded and recorded, which are another
/// core's work. Publishing takes the file (`take`); a workbook nobody takes (the decision
/// failed) is waited for and removed.
final class WorkbookInFlight: @unchecked Sendable {
    /// `@unchecked Sendable`: `failure` and `taken` are written by one thread at a time, the
    /// writing thread before it signals `finished` and the owner after waiting for it.
    private let temporaryPath: String
    private let finished = DispatchSemaphore(value: 0)
    private var failure: (any Error)?
    private var taken = false

    /// Starts writing: `write` gets the temporary path to write the workbook to.
    init(folder: String, write: @escaping @Sendable (String) throws -> Void) {
        temporaryPath = ReportFiles.temporaryPath(in: folder, extension: "xlsx")
        let path = temporaryPath
        Thread { [self] in
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true)
                try write(path)
            } catch {
                failure = error
            }
            finished.signal()
        }.start()
    }

    /// Waits for the workbook and hands its temporary file over; throws what writing threw
    /// (the temporary file is removed then).
    func take() throws -> String {
        finished.wait()
        taken = true
        if let failure {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw failure
        }
        return temporaryPath
    }

    deinit {
        guard !taken else { return }
        finished.wait()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
