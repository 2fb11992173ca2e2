import Foundation
import Glibc
import Logging
import Synchronization

/// A file in the inbox that has stopped changing and is ready to be claimed.
public struct DroppedFile: Sendable, Hashable {
    /// The file's path: the watcher's inbox root, then the path below it.
    public var path: String
    /// The first folder below the inbox, if the file sits in one.
    public var institution: String?
    /// The second folder below the inbox, if the file sits in one.
    public var kindFolder: String?
    /// Size in bytes when the file settled.
    public var size: Int64
    /// Modification time when the file settled.
    public var modified: Date
    /// True unless the file sits exactly at `<inbox>/<institution>/<kind folder>/<file>`; the
    /// processor answers such a file with 请把文件放入对应的类型文件夹 instead of reading it.
    public var misplaced: Bool

    public init(
        path: String, institution: String?, kindFolder: String?, size: Int64, modified: Date,
        misplaced: Bool
    ) {
        self.path = path
        self.institution = institution
        self.kindFolder = kindFolder
        self.size = size
        self.modified = modified
        self.misplaced = misplaced
    }
}

/// Watches `ROOT/inbox` and reports each dropped file once it has finished arriving.
///
/// Guarantees, for every regular file below the inbox whose path has no ignored component
/// (see ``DropFileFilter/isIgnored(fileName:)``; symlinks are never followed or reported):
/// - it is reported once its size, mtime and inode have stayed the same for `settle` and no
///   process has it open for writing any more (`WriterProbe`);
/// - it is reported once per appearance: again only after it left the inbox and came back, or
///   was replaced by different content (a new inode, size or mtime);
/// - it is found by inotify when written locally (close after writing, or renamed in), including
///   in folders created after the start, and otherwise by a full rescan every `rescanEvery`
///   (inotify does not see what another machine writes to a network share).
///
/// Each ``arrivals()`` stream owns its own inotify instance and thread, so several watchers
/// (or streams) run side by side in one process without seeing each other's events.
public final class InboxWatcher: Sendable {
    public let inboxRoot: String
    public let settle: Duration
    public let rescanEvery: Duration
    let logger: Logger

    public init(
        inboxRoot: String, settle: Duration = .milliseconds(500),
        rescanEvery: Duration = .seconds(5), logger: Logger
    ) {
        self.inboxRoot = Self.normalised(inboxRoot)
        self.settle = settle
        self.rescanEvery = rescanEvery
        self.logger = logger
    }

    /// Starts watching and yields each arrived file once (files already in the inbox first, after
    /// they settle). Never finishes by itself: the stream ends when the consuming task is
    /// cancelled or the stream is dropped, and the watching thread then closes its inotify
    /// instance within a fraction of a second. If inotify is unavailable, the stream still works
    /// from the periodic rescans alone, and the reason is logged as an error.
    public func arrivals() -> AsyncStream<DroppedFile> {
        let (stream, output) = AsyncStream.makeStream(of: DroppedFile.self)
        let stop = StopFlag()
        output.onTermination = { _ in stop.raise() }
        // A dedicated thread, because reading inotify blocks (briefly, in poll) and a Swift
        // concurrency cooperative thread must never block.
        let thread = Thread { [self] in
            InboxWatchLoop(watcher: self, output: output, stop: stop).run()
        }
        thread.name = "kaowu.inbox-watch"
        thread.start()
        return stream
    }

    /// Every file in the inbox now, once settled, sorted by path; for `kaowu run-once`.
    /// Waits for files that are still changing until they settle (or vanish); if the calling task
    /// is cancelled, returns the files settled so far. A name that is not UTF-8 is logged (as
    /// `serve` logs it) and left in the inbox.
    public static func scanOnce(inboxRoot: String, settle: Duration, logger: Logger) async
        -> [DroppedFile]
    {
        let root = normalised(inboxRoot)
        let clock = ContinuousClock()
        var tracker = SettleTracker(settle: settle)
        let files = InboxTree.files(
            under: root, visitingDirectories: { _ in },
            undecodable: { InboxWatchLoop.logUndecodable($0, logger: logger) })
        for (path, stamp) in files {
            tracker.observe(path, stamp, at: clock.now)
        }
        var settled: [DroppedFile] = []
        while let due = tracker.nextDue, !Task.isCancelled {
            try? await Task.sleep(until: due, clock: clock)
            settled += tracker.takeSettled(at: clock.now).map {
                DroppedFile(path: $0.path, stamp: $0.stamp, inboxRoot: root)
            }
        }
        return settled.sorted { $0.path < $1.path }
    }

    private static func normalised(_ root: String) -> String {
        root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }
}

extension DroppedFile {
    init(path: String, stamp: FileStamp, inboxRoot: String) {
        let below = path.dropFirst(inboxRoot.count + 1).split(separator: "/")
        let place = DropFileFilter.placement(of: below)
        self.init(
            path: path, institution: place.institution, kindFolder: place.kindFolder,
            size: stamp.size, modified: stamp.modified, misplaced: place.misplaced)
    }
}

/// The watching itself: confined to one thread, so its state needs no locks.
private final class InboxWatchLoop {
    /// Upper bound on one wait, so a raised stop flag is seen promptly.
    private static let maxWait = Duration.milliseconds(200)

    private let root: String
    private let rescanEvery: Duration
    private let logger: Logger
    private let output: AsyncStream<DroppedFile>.Continuation
    private let stop: StopFlag
    private let clock = ContinuousClock()
    private var inotify: InotifyWatch?
    private var tracker: SettleTracker
    /// What was reported per path, so each appearance is reported once.
    private var reported: [String: FileStamp] = [:]
    private var nextRescan: ContinuousClock.Instant
    private var warnedAboutWatchLimit = false
    private var warnedUndecodable: Set<String> = []

    init(watcher: InboxWatcher, output: AsyncStream<DroppedFile>.Continuation, stop: StopFlag) {
        root = watcher.inboxRoot
        rescanEvery = watcher.rescanEvery
        logger = watcher.logger
        self.output = output
        self.stop = stop
        tracker = SettleTracker(settle: watcher.settle)
        nextRescan = clock.now
    }

    func run() {
        do {
            inotify = try InotifyWatch()
        } catch {
            logger.error(
                "inotify unavailable, relying on periodic rescans only",
                metadata: ["error": "\(error)", "rescanEvery": "\(rescanEvery)"])
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory)
            || !isDirectory.boolValue
        {
            logger.warning("inbox folder missing, waiting for it", metadata: ["inbox": "\(root)"])
        }
        while !stop.isRaised {
            let now = clock.now
            if now >= nextRescan {
                scan(under: root)
                nextRescan = now + rescanEvery
            }
            let wake = min(nextRescan, tracker.nextDue ?? nextRescan, now + Self.maxWait)
            let wait = max(.zero, wake - clock.now)
            if let inotify {
                inotify.events(waitingAtMost: wait).forEach(handle)
            } else {
                Thread.sleep(
                    forTimeInterval: Double(wait.components.seconds)
                        + Double(wait.components.attoseconds) / 1e18)
            }
            for (path, stamp) in tracker.takeSettled(at: clock.now) {
                report(path, stamp)
            }
        }
        inotify = nil
        output.finish()
    }

    private func handle(_ event: InotifyWatch.Event) {
        switch event {
        case .fileWritten(let path):
            if let stamp = FileStamp.regularFile(at: path) { consider(path, stamp) }
        case .fileRemoved(let path):
            forget { $0 == path }
        case .directoryAdded(let path):
            scan(under: path)
        case .directoryRemoved(let path):
            forget { InboxTree.isInside($0, path) }
        case .overflow:
            logger.warning("inotify queue overflowed, rescanning the inbox")
            nextRescan = clock.now
        }
    }

    /// Watches every directory below `directory` before listing it (so a file landing meanwhile
    /// is seen either way), makes every new or changed file a candidate, and forgets reported
    /// files below `directory` that are gone.
    private func scan(under directory: String) {
        guard
            directory == root
                || !DropFileFilter.isIgnored(fileName: InboxTree.name(of: directory))
        else { return }
        let files = InboxTree.files(
            under: directory, visitingDirectories: watch, undecodable: warnUndecodable)
        let present = Set(files.map(\.path))
        forget { InboxTree.isInside($0, directory) && !present.contains($0) }
        for (path, stamp) in files { consider(path, stamp) }
    }

    private func consider(_ path: String, _ stamp: FileStamp) {
        guard !DropFileFilter.isIgnored(fileName: InboxTree.name(of: path)),
            reported[path] != stamp
        else { return }
        tracker.observe(path, stamp, at: clock.now)
    }

    private func forget(where isGone: (String) -> Bool) {
        for path in reported.keys where isGone(path) { reported[path] = nil }
        tracker.forget(where: isGone)
    }

    /// Only files that passed `consider` become candidates, so each appearance arrives here once.
    private func report(_ path: String, _ stamp: FileStamp) {
        reported[path] = stamp
        let file = DroppedFile(path: path, stamp: stamp, inboxRoot: root)
        logger.debug(
            "file arrived", metadata: ["path": "\(Redact.fileName(path))", "size": "\(stamp.size)"])
        output.yield(file)
    }

    /// Logs each undecodable name once, so the operator can rename it; it is never claimed.
    private func warnUndecodable(_ path: String) {
        guard warnedUndecodable.insert(path).inserted else { return }
        Self.logUndecodable(path, logger: logger)
    }

    /// The one log line for a name that is not UTF-8 (`path` as Foundation decoded it).
    fileprivate static func logUndecodable(_ path: String, logger: Logger) {
        logger.error(
            "file name is not valid UTF-8, file left in the inbox; rename it",
            metadata: ["path": "\(Redact.fileName(path))"])
    }

    private func watch(_ directory: String) {
        guard let inotify, !inotify.isWatching(directory) else { return }
        do {
            // Only the inbox root may be a symlink (e.g. to a mounted share).
            try inotify.watch(directory: directory, followingSymlink: directory == root)
        } catch  where error.isVanished {
            return
        } catch  where error.isWatchLimit {
            guard !warnedAboutWatchLimit else { return }
            warnedAboutWatchLimit = true
            logger.error(
                "inotify watch limit reached; new folders are found by rescans only",
                metadata: [
                    "limit": "\(InotifyWatch.maxUserWatches.map(String.init) ?? "unknown")",
                    "hint": "raise fs.inotify.max_user_watches",
                ])
        } catch {
            logger.warning(
                "cannot watch folder", metadata: ["folder": "\(directory)", "error": "\(error)"])
        }
    }
}

/// Files waiting to settle: each must keep the same stamp for `settle` before it is taken.
struct SettleTracker {
    let settle: Duration
    private var candidates: [String: (stamp: FileStamp, since: ContinuousClock.Instant)] = [:]

    init(settle: Duration) { self.settle = settle }

    /// When the next candidate is due for its re-check; nil when there are none.
    var nextDue: ContinuousClock.Instant? {
        candidates.values.map(\.since).min().map { $0 + settle }
    }

    /// Makes `path` a candidate, restarting its settle time only if its stamp differs from the
    /// one already recorded (so duplicate events for one write change nothing).
    mutating func observe(_ path: String, _ stamp: FileStamp, at now: ContinuousClock.Instant) {
        if candidates[path]?.stamp != stamp { candidates[path] = (stamp, now) }
    }

    mutating func forget(where isGone: (String) -> Bool) {
        for path in candidates.keys where isGone(path) { candidates[path] = nil }
    }

    /// Re-checks the candidates that are due: returns (and drops) those unchanged since observed
    /// and no longer open for writing (`WriterProbe`), drops those that vanished, and restarts
    /// the settle time of the others.
    mutating func takeSettled(
        at now: ContinuousClock.Instant
    ) -> [(path: String, stamp: FileStamp)] {
        var settled: [(path: String, stamp: FileStamp)] = []
        for (path, candidate) in candidates where now - candidate.since >= settle {
            let current = FileStamp.regularFile(at: path)
            if current == candidate.stamp, WriterProbe.isOpenForWriting(path) != true {
                settled.append((path, candidate.stamp))
                candidates[path] = nil
            } else {
                candidates[path] = current.map { ($0, now) }
            }
        }
        return settled
    }
}

/// Identity and content markers of a regular file, from `lstat`.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
    }

    var modified: Date {
        Date(timeIntervalSince1970: Double(modifiedSeconds) + Double(modifiedNanoseconds) / 1e9)
    }

    /// The stamp of the regular file at `path`; nil if it is missing, a symlink or not a file.
    static func regularFile(at path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStamp(info)
    }
}

/// Walking the inbox without following symlinks or entering ignored folders.
enum InboxTree {
    /// Every regular file below `top` with its stamp; calls `visit` for `top` and each directory
    /// below it before listing that directory. A missing `top` yields no files.
    ///
    /// A name that is not valid UTF-8 (a share mounted with the wrong character set) cannot be
    /// spelled as a `String`, so such a file cannot be claimed: it is left where it is and passed
    /// to `undecodable` (the decoded, lossy path) for a log line.
    static func files(
        under top: String, visitingDirectories visit: (String) -> Void,
        undecodable: (String) -> Void = { _ in }
    ) -> [(path: String, stamp: FileStamp)] {
        var files: [(path: String, stamp: FileStamp)] = []
        var pending = [top]
        while let directory = pending.popLast() {
            visit(directory)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory)
            else { continue }
            for name in names where !DropFileFilter.isIgnored(fileName: name) {
                let path = directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    // Foundation decodes an undecodable name with U+FFFD, a path that no
                    // longer exists.
                    if errno == ENOENT && name.unicodeScalars.contains("\u{FFFD}") {
                        undecodable(path)
                    }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFREG: files.append((path, FileStamp(info)))
                default: continue
                }
            }
        }
        return files
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Whether `path` is `directory` or lies below it.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory + "/")
    }
}

/// Set once by the stream's termination handler, read by the watching thread.
private final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
