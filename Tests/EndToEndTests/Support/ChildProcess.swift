import Foundation

/// What a finished command left: its exit status and everything it printed.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs other programs (kaowu, python3, sqlite3, soffice) the way a shell would.
///
/// Output goes to temporary files rather than pipes, so a chatty child can never block on a
/// full pipe while the test waits for it.
enum ChildProcess {
    /// Runs `executable` to completion. Throws only when it cannot be started; a non-zero exit
    /// is the caller's to judge.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) throws -> CommandResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaowu-e2e-cmd-" + UUID().uuidString)
        let outPath = scratch.path + ".out"
        let errPath = scratch.path + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = try start(
            executable, arguments, environment: environment, stdout: outPath, stderr: errPath)
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Starts `executable` in the background with its output appended to the two files.
    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String]?,
        stdout: String, stderr: String
    ) throws -> Process {
        let fm = FileManager.default
        for path in [stdout, stderr] where !fm.fileExists(atPath: path) {
            guard fm.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        out.seekToEndOfFile()
        err.seekToEndOfFile()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return process
    }

    /// Runs a command that must succeed; a failure names the command and shows its stderr.
    @discardableResult
    static func check(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) throws -> CommandResult {
        let result = try run(executable, arguments, environment: environment)
        guard result.status == 0 else {
            throw EndToEndError(
                "\((executable as NSString).lastPathComponent) \(arguments.joined(separator: " "))"
                    + " exited \(result.status):\n\(result.stderr)\(result.stdout)")
        }
        return result
    }
}

/// A test setup step that failed; the message says which and why.
struct EndToEndError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 100 ms until it holds; throws after `timeout` seconds. Timeouts are
/// generous on purpose: the machine is shared, and no test asserts how fast anything is.
func waitUntil(
    _ what: @autoclosure () -> String, timeout: TimeInterval = 20,
    _ condition: () throws -> Bool
) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try condition() { return }
        if Date() > deadline {
            throw EndToEndError("等待超时（\(Int(timeout)) 秒）：\(what())")
        }
        Thread.sleep(forTimeInterval: 0.1)
    }
}
