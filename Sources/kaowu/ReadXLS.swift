import ArgumentParser
import SpreadsheetReading

/// The .xls reader child: the daemon starts this very binary (`/proc/self/exe read-xls ...`)
/// for every .xls it reads, so a crash inside libfreexl ends a child, not the daemon. Hidden:
/// only `XLSChildWorkbook` calls it, with arguments `XLSChildMain` defines.
struct ReadXLS: ParsableCommand {
    static let commandName = "read-xls"
    static let configuration = CommandConfiguration(
        commandName: commandName, abstract: "Read one .xls for the daemon (internal).",
        shouldDisplay: false)

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        let status = XLSChildMain.run(arguments: arguments)
        if status != 0 { throw ExitCode(status) }
    }
}
