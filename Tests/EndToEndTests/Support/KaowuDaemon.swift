import Foundation

/// `kaowu serve` running as a child process, its output captured to files in the root's
/// scratch folder. Stopped (SIGKILL) by the test case's tear-down if the test left it running.
final class KaowuDaemon {
    let process: Process
    let stdoutPath: String
    let stderrPath: String

    init(binary: String, arguments: [String], environment: [String: String], logPrefix: String)
        throws
    {
        stdoutPath = logPrefix + ".stdout"
        stderrPath = logPrefix + ".stderr"
        process = try ChildProcess.start(
            binary, arguments, environment: environment, stdout: stdoutPath, stderr: stderrPath)
    }

    var isRunning: Bool { process.isRunning }

    /// Everything the daemon has written to stderr (its log) so far.
    var log: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// SIGKILL: a crash, as far as the daemon can tell. Waits until it is gone.
    func crash() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then waits (up to `timeout` seconds) for the exit. Returns the exit status, or
    /// nil when the daemon did not exit in time (it is then killed).
    func stop(timeout: TimeInterval = 30) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            crash()
            return nil
        }
        return process.terminationStatus
    }
}
