/// How to start the .xls reader child, and the bounds it runs in.
///
/// The program named by `command` must hand its remaining arguments to `XLSChildMain.run`
/// (`kaowu read-xls` does). Each `Workbook.open` and each `forEachRow` of an .xls starts one
/// child, which reads the file and writes `XLSFrame`s to its stdout.
public struct XLSChild: Sendable {
    /// The program and its leading arguments, e.g. `["/proc/self/exe", "read-xls"]`.
    public var command: [String]
    /// The child's address-space limit (RLIMIT_AS): freexl holds the whole file in memory.
    public var memoryLimitBytes: Int
    /// The child's CPU-time limit (RLIMIT_CPU); crossing it kills the child.
    public var cpuSeconds: Int
    /// How long this process may wait for the child's output in all (time spent by the caller
    /// on the rows it was handed does not count); then the child is killed.
    public var waitLimit: Duration

    public init(
        command: [String], memoryLimitBytes: Int = 1 << 30, cpuSeconds: Int = 60,
        waitLimit: Duration = .seconds(120)
    ) {
        self.command = command
        self.memoryLimitBytes = memoryLimitBytes
        self.cpuSeconds = cpuSeconds
        self.waitLimit = waitLimit
    }
}
