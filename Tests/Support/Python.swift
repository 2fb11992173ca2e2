import Foundation

/// Runs a Python script with `argument` and returns what it printed; a failing script fails
/// with its stderr.
func runPython(_ script: String, _ argument: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, argument]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let problem = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw NSError(
            domain: "python", code: Int(process.terminationStatus),
            userInfo: [
                NSLocalizedDescriptionKey: String(decoding: problem, as: UTF8.self)
            ])
    }
    return data
}
