import CInotifyTools
import Glibc

/// One private inotify instance watching a set of directories, translated into path-level events.
///
/// Why not libinotifytools' own watching API: `inotifytools_initialize`, `inotifytools_watch_*` and
/// `inotifytools_next_event` share one process-wide inotify descriptor, one watch table and one
/// static event buffer. Two watchers in one process (the tests run several) would see each other's
/// events, and a blocked `next_event` cannot be interrupted without `inotifytools_cleanup`, which
/// tears down every other user's watches too. So this type owns its own descriptor from
/// `inotify_init1` and keeps its own watch table; from libinotifytools it takes the headers and
/// `inotifytools_get_max_user_watches`, which only reads `/proc` and is safe from any thread.
///
/// Not `Sendable`: the watch table is unsynchronised, so one instance belongs to one thread.
/// Nothing outside this file sees a C pointer or a raw event mask.
final class InotifyWatch {
    /// What happened inside a watched directory, named by the full path of the entry.
    enum Event: Equatable {
        /// A file was closed after writing, or moved/renamed into a watched directory.
        case fileWritten(String)
        /// A file was deleted or moved out of its directory.
        case fileRemoved(String)
        /// A directory was created in or moved into a watched directory (not yet watched).
        case directoryAdded(String)
        /// A watched directory's entry was deleted or moved away; its subtree is no longer watched.
        case directoryRemoved(String)
        /// The kernel queue overflowed: events were lost, so the caller must rescan.
        case overflow
    }

    /// A failed system call, with the `errno` it left.
    struct Failure: Error, CustomStringConvertible {
        var call: String
        var code: Int32

        var description: String { "\(call): \(String(cString: strerror(code)))" }
        /// The per-user watch limit is exhausted (`fs.inotify.max_user_watches`).
        var isWatchLimit: Bool { code == ENOSPC }
        /// The directory vanished (or was replaced by a non-directory) before it could be watched.
        var isVanished: Bool { code == ENOENT || code == ENOTDIR }
    }

    private static let directoryMask: UInt32 =
        UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
        | UInt32(IN_DELETE) | UInt32(IN_ONLYDIR)
    private static let bufferSize = 64 * 1024

    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var pathByWatch: [Int32: String] = [:]
    private var watchByPath: [String: Int32] = [:]

    /// Opens a new inotify instance. Throws when the per-user instance limit is reached or the
    /// kernel lacks inotify.
    init() throws(Failure) {
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw Failure(call: "inotify_init1", code: errno) }
        descriptor = fd
        buffer = .allocate(
            byteCount: Self.bufferSize, alignment: MemoryLayout<inotify_event>.alignment)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The system-wide limit on watches per user, for error messages; nil when unreadable.
    static var maxUserWatches: Int? {
        let limit = inotifytools_get_max_user_watches()
        return limit > 0 ? Int(limit) : nil
    }

    /// Whether `directory` (exactly this path) is currently watched.
    func isWatching(_ directory: String) -> Bool { watchByPath[directory] != nil }

    /// Watches `directory` (not its subdirectories); a symlink fails unless `followingSymlink`.
    /// Watching the same directory again only refreshes its path (it may have been renamed).
    func watch(directory: String, followingSymlink: Bool = false) throws(Failure) {
        let mask = Self.directoryMask | (followingSymlink ? 0 : UInt32(IN_DONT_FOLLOW))
        let wd = inotify_add_watch(descriptor, directory, mask)
        guard wd >= 0 else { throw Failure(call: "inotify_add_watch", code: errno) }
        if let old = pathByWatch[wd] { watchByPath[old] = nil }
        pathByWatch[wd] = directory
        watchByPath[directory] = wd
    }

    /// Stops watching `directory` and every watched directory below it.
    func unwatch(tree directory: String) {
        let prefix = directory + "/"
        for (path, wd) in watchByPath where path == directory || path.hasPrefix(prefix) {
            inotify_rm_watch(descriptor, wd)
            watchByPath[path] = nil
            pathByWatch[wd] = nil
        }
    }

    /// Waits until events are available or `timeout` passes, and returns what arrived (empty on
    /// timeout or interruption). Never blocks longer than `timeout`.
    func events(waitingAtMost timeout: Duration) -> [Event] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let millis =
            timeout.components.seconds * 1000
            + timeout.components.attoseconds / 1_000_000_000_000_000
        guard poll(&poller, 1, Int32(clamping: max(0, millis))) > 0 else { return [] }
        let count = read(descriptor, buffer.baseAddress, buffer.count)
        guard count > 0 else { return [] }
        return decode(byteCount: count)
    }

    /// Translates the raw records in `buffer` and keeps the watch table in step with them.
    private func decode(byteCount: Int) -> [Event] {
        let headerSize = MemoryLayout<inotify_event>.size
        var events: [Event] = []
        var offset = 0
        while offset + headerSize <= byteCount {
            let header = buffer.load(fromByteOffset: offset, as: inotify_event.self)
            let nameBytes = UnsafeRawBufferPointer(
                rebasing: buffer[(offset + headerSize)..<(offset + headerSize + Int(header.len))])
            offset += headerSize + Int(header.len)
            // The name is NUL-padded to the record length.
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            if let event = translate(wd: header.wd, mask: header.mask, name: name) {
                events.append(event)
            }
        }
        return events
    }

    private func translate(wd: Int32, mask: UInt32, name: String) -> Event? {
        func has(_ flag: Int32) -> Bool { mask & UInt32(flag) != 0 }
        if has(IN_Q_OVERFLOW) { return .overflow }
        guard let directory = pathByWatch[wd] else { return nil }
        if has(IN_IGNORED) {
            // The kernel dropped the watch (directory deleted or unmounted).
            pathByWatch[wd] = nil
            if watchByPath[directory] == wd { watchByPath[directory] = nil }
            return nil
        }
        guard !name.isEmpty else { return nil }
        let path = directory + "/" + name
        switch (has(IN_ISDIR), has(IN_CREATE) || has(IN_MOVED_TO)) {
        case (true, true):
            return .directoryAdded(path)
        case (true, false):
            unwatch(tree: path)
            return .directoryRemoved(path)
        case (false, _) where has(IN_CLOSE_WRITE) || has(IN_MOVED_TO):
            return .fileWritten(path)
        case (false, _) where has(IN_DELETE) || has(IN_MOVED_FROM):
            return .fileRemoved(path)
        default:
            return nil
        }
    }
}
