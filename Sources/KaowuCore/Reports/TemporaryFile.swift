import Foundation

/// Where a file of the outbox is written before it is renamed into place: beside it, hidden
/// from clerks (a leading dot) and from kaowu's own scans, and named for what it becomes
/// (`.~kaowu-名单.已导入.json.tmp`), so the rerun after a crash overwrites a half-written one and
/// renames it away instead of leaving it behind.
///
/// The name being predictable, the file is held with an exclusive lock while this lives: a
/// second process writing the same file at the same moment (a `run-once` beside the daemon,
/// both finishing one job) is told to try again instead of writing into it too.
final class TemporaryFile: Sendable {
    let path: String
    private let lock: Int32

    init(becoming final: String) throws {
        let url = URL(fileURLWithPath: final)
        path = url.deletingLastPathComponent().path + "/.~kaowu-" + url.lastPathComponent + ".tmp"
        // The mode a writer's own creation would give it (umask applies), since writers reuse it.
        lock = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o666)
        guard lock >= 0 else {
            throw KaowuError.io("无法写入 \(final)：\(String(cString: strerror(errno)))")
        }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            close(lock)
            throw KaowuError.io("另一个 kaowu 进程正在写入 \(final)；稍后再试")
        }
    }

    /// Writes the file through `body`, which gets `path`; when that throws, nothing is left at
    /// `path`.
    func write(_ body: (String) throws -> Void) throws {
        do {
            try body(path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    deinit {
        close(lock)
    }
}
