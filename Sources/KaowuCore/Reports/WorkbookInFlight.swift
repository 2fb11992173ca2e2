import Foundation

/// A report's workbook being written to a temporary file in the report's folder, on a thread
/// of its own: it takes shape while the decision is encoded and recorded, which are another
/// core's work. Publishing takes the file (`take`); a workbook nobody takes (the decision
/// failed) is waited for and removed. Nothing here can fail the decision: what goes wrong
/// while writing is thrown by `take`, when the report is published.
final class WorkbookInFlight: Sendable {
    private let writing: InFlight<TemporaryFile>

    /// Starts writing job `job`'s workbook in `folder`: `write` gets the temporary path to write
    /// it to, named for the job (its report's name may not be chosen yet).
    init(job: Int64, folder: String, write: @escaping @Sendable (String) throws -> Void) {
        writing = InFlight {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
            let file = try TemporaryFile(becoming: folder + "/job\(job).xlsx")
            try file.write(write)
            return file
        }
    }

    /// Waits for the workbook and hands over its temporary file, to be renamed into place, or
    /// throws what writing threw. Whatever is left at the temporary path is removed once this
    /// is released.
    func take() throws -> TemporaryFile {
        try writing.value()
    }

    deinit {
        // Taken or not, a temporary file still here was not placed: remove it.
        if let file = try? writing.value() {
            try? FileManager.default.removeItem(atPath: file.path)
        }
    }
}
