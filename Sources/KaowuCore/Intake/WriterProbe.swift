import Foundation

/// Asks the kernel whether anyone still has a file open for writing, so that a copy that
/// pauses longer than the settle time (a slow share, a stalled client) is not claimed half
/// written.
///
/// Linux grants a read lease (`F_SETLEASE`, `F_RDLCK`) only while no process has the file open
/// for writing; the lease is dropped at once. It needs the daemon to own the file or to hold
/// CAP_LEASE: the example Samba share writes as the daemon's user (`force user`), so it does.
/// Where the kernel will not say (another owner, a file system without leases), the settle time
/// alone decides, as before.
enum WriterProbe {
    // Linux's values (fcntl.h); Glibc's Swift module leaves out these GNU-only names.
    private static let setLease: Int32 = 1024
    private static let readLease: Int32 = 0  // F_RDLCK
    private static let noLease: Int32 = 2  // F_UNLCK

    /// Whether a process has `path` open for writing; nil when the kernel will not say.
    static func isOpenForWriting(_ path: String) -> Bool? {
        _ = ignoreLeaseBreaks
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if fcntl(fd, setLease, readLease) == 0 {
            _ = fcntl(fd, setLease, noLease)
            return false
        }
        return errno == EAGAIN ? true : nil
    }

    /// A writer that opens the file during the microseconds the lease is held makes the kernel
    /// signal the lease holder with SIGIO, whose default action ends the process; the daemon
    /// uses no signal-driven I/O, so SIGIO is ignored (once, before the first lease).
    private static let ignoreLeaseBreaks: Void = {
        signal(SIGIO, SIG_IGN)
    }()
}
