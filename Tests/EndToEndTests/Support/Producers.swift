import Foundation

/// The real programs that write the test files: Python's openpyxl and xlsxwriter and csv module
/// (through `Support/kaowu_fixtures.py`), and LibreOffice.
enum Producers {
    enum Python: String {
        case openpyxl, xlsxwriter
        case csvUTF8BOM = "csv-utf8-bom"
        case csvGBK = "csv-gbk"
    }

    /// Valid resident ID numbers (GB 11643), the same every run; tests take distinct slices.
    static func residentIDs(count: Int, start: Int = 0) throws -> [String] {
        try python(["ids", "--count", "\(count)", "--start", "\(start)"]).stdout
            .split(separator: "\n").map(String.init)
    }

    static func write(_ spec: SheetSpec, with producer: Python, to path: String) throws {
        let specPath = path + ".spec.json"
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: specPath))
        defer { try? FileManager.default.removeItem(atPath: specPath) }
        try python(["sheet", "--producer", producer.rawValue, "--spec", specPath, "--out", path])
    }

    static func write(_ roster: SchoolRoster, with producer: Python, to path: String) throws {
        try write(roster.spec, with: producer, to: path)
    }

    /// Fills kaowu's blank template (from row 4 on) by header title, as a clerk would.
    static func fillTemplate(_ template: String, rows: [[String: String]], to path: String) throws {
        let specPath = path + ".spec.json"
        try JSONSerialization.data(withJSONObject: ["rows": rows])
            .write(to: URL(fileURLWithPath: specPath))
        defer { try? FileManager.default.removeItem(atPath: specPath) }
        try python(["fill-template", "--template", template, "--spec", specPath, "--out", path])
    }

    static func largeRoster(rows: Int, to path: String) throws {
        try python(["large", "--rows", "\(rows)", "--out", path])
    }

    static func truncatedCopy(of source: String, to path: String) throws {
        try python(["corrupt", "--source", source, "--out", path])
    }

    static func zipBomb(megabytes: Int, to path: String) throws {
        try python(["bomb", "--megabytes", "\(megabytes)", "--out", path])
    }

    /// Converts every file in `sources` to `format` (`xlsx`, `xls`) with one LibreOffice run,
    /// into `outDir`; returns the converted paths in the same order.
    static func libreOffice(convert sources: [String], to format: String, outDir: String) throws
        -> [String]
    {
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        // A private profile: another LibreOffice running on the machine cannot interfere.
        let profile = SharedFixtures.directory + "/libreoffice-profile"
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                "--convert-to", format, "--outdir", outDir,
            ] + sources)
        let converted = sources.map {
            outDir + "/" + URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent
                + "." + format
        }
        for path in converted where !FileManager.default.fileExists(atPath: path) {
            throw EndToEndError("LibreOffice 没有写出 \(path)")
        }
        return converted
    }

    @discardableResult
    private static func python(_ arguments: [String]) throws -> CommandResult {
        try ChildProcess.check(
            "/usr/bin/env", ["python3", KaowuExecutable.fixturesScript] + arguments)
    }
}
