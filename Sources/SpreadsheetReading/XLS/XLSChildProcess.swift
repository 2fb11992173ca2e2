import Foundation

/// One run of the .xls reader child: its stdout on a pipe this process reads, everything else
/// shut off. `finish` must be called exactly once; it always leaves the child reaped.
final class XLSChildProcess {
    /// How the child ended.
    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)
        /// Still running after the wait budget ran out; it was killed.
        case timedOut

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signaled(let signal): "killed by signal \(signal)"
            case .timedOut: "timed out"
            }
        }
    }

    /// The wait budget ran out while waiting for output.
    struct TimedOut: Error, CustomStringConvertible {
        var description: String { "no output within the wait limit" }
    }

    /// No child could be started (no such program, no memory, no process slot). Deliberately
    /// not a `SpreadsheetReadError`: the file is not to blame, so it must not be rejected.
    struct CannotStart: Error, CustomStringConvertible {
        var description: String
    }

    private let pid: pid_t
    private var readEnd: Int32
    private var budget: Duration

    /// Starts `arguments[0]` with `arguments`; throws `CannotStart`. Stdin and stderr are /dev/null (a crash message
    /// could hold cell text, which must not reach the log); no other descriptor is inherited;
    /// SIGTERM, SIGINT and SIGHUP are blocked, so stopping the daemon (systemd signals the
    /// whole cgroup) never kills the child mid-file and makes a good file look damaged.
    init(arguments: [String], waitLimit: Duration) throws {
        guard let closeFrom = Self.addCloseFrom else {
            throw CannotStart(description: "posix_spawn_file_actions_addclosefrom_np missing")
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw Self.errnoError("pipe") }
        // pipe2(O_CLOEXEC) is not imported; the daemon starts children from one thread only.
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = closeFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&blocked, signal) }
        posix_spawnattr_setsigmask(&attributes, &blocked)
        // A closed pipe must end the child, whatever this process does with SIGPIPE.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // Swift's crash backtracer would spend seconds symbolicating a crash nobody reads.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        close(pipeEnds[1])
        guard status == 0 else {
            close(pipeEnds[0])
            throw Self.errnoError("posix_spawn \(arguments[0])", code: status)
        }
        self.pid = pid
        readEnd = pipeEnds[0]
        budget = waitLimit
    }

    /// Reads what the child wrote into `buffer`: 0 at its end. Throws `TimedOut` when the
    /// budget runs out first (the child is left running for `finish` to kill).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let started = ContinuousClock.now
            let ready = poll(&poller, 1, Self.milliseconds(budget))
            budget -= ContinuousClock.now - started
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { throw TimedOut() }
            let count = Glibc.read(readEnd, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return max(count, 0)
        }
    }

    /// Closes the pipe, kills the child when `kill` is set (or when it does not exit within
    /// what is left of the wait budget), and reaps it.
    func finish(kill: Bool) -> Termination {
        close(readEnd)
        readEnd = -1
        var timedOut = false
        if kill {
            Glibc.kill(pid, SIGKILL)
        } else {
            // The child has closed its output; it should be gone in a moment.
            let deadline = ContinuousClock.now + max(budget, .zero)
            var status: Int32 = 0
            while ContinuousClock.now < deadline {
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid { return Self.termination(status) }
                if reaped < 0 && errno != EINTR { return .exited(-1) }
                usleep(1000)
            }
            timedOut = true
            Glibc.kill(pid, SIGKILL)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return timedOut ? .timedOut : Self.termination(status)
    }

    private typealias AddCloseFrom =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
        ) -> Int32

    /// glibc ≥ 2.34 has it, but only under _GNU_SOURCE, which Swift's Glibc module lacks.
    private static let addCloseFrom: AddCloseFrom? = dlsym(
        nil, "posix_spawn_file_actions_addclosefrom_np"
    ).map { unsafeBitCast($0, to: AddCloseFrom.self) }

    private static func termination(_ status: Int32) -> Termination {
        // WIFEXITED / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: total)
    }

    private static func errnoError(_ what: String, code: Int32 = errno) -> CannotStart {
        CannotStart(description: "\(what): \(String(cString: strerror(code)))")
    }
}
