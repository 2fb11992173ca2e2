import Foundation

/// A fresh kaowu root in a temporary folder (`kaowu init`, then `kaowu institution add` for each
/// school), with the paths, commands and database queries the tests need.
final class TestRoot {
    static let schoolFolder = "院校考生导入"

    let path: String
    /// Test-private files (generated inputs, daemon logs): outside the root, so never in its way.
    let scratch: String
    let binary: String
    private(set) var daemons: [KaowuDaemon] = []

    init(schools: [String: String]) throws {
        binary = try KaowuExecutable.path()
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaowu-e2e-" + UUID().uuidString).path
        path = base + "/root"
        scratch = base + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try kaowuChecked(["init"])
        for (code, name) in schools.sorted(by: { $0.key < $1.key }) {
            try kaowuChecked(["institution", "add", code, "--name", name, "--role", "school"])
        }
    }

    /// Stops every daemon still running and removes the folder (kept when `keep`, for a look).
    func close(keep: Bool) {
        for daemon in daemons { daemon.crash() }
        if !keep {
            let base = (path as NSString).deletingLastPathComponent
            try? FileManager.default.removeItem(atPath: base)
        }
    }

    // MARK: Paths

    var database: String { path + "/data/kaowu.sqlite" }
    var work: String { path + "/data/work" }

    func inbox(_ school: String = "s1", _ folder: String? = schoolFolder) -> String {
        [path, "inbox", school, folder].compactMap { $0 }.joined(separator: "/")
    }

    func outbox(_ school: String = "s1", _ folder: String? = schoolFolder) -> String {
        [path, "outbox", school, folder].compactMap { $0 }.joined(separator: "/")
    }

    func scratchFile(_ name: String) -> String { scratch + "/" + name }

    /// Regular files below `folder`, as paths relative to it, sorted.
    func files(under folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDir),
                !isDir.boolValue
            {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    // MARK: Dropping files

    /// Copies `source` into `folder` as `name` the way a file manager finishes a copy: written
    /// under a temporary name that kaowu ignores, then renamed. Returns the dropped path.
    @discardableResult
    func drop(_ source: String, into folder: String, as name: String) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temp = folder + "/.~e2e-" + UUID().uuidString + ".tmp"
        try fm.copyItem(atPath: source, toPath: temp)
        let target = folder + "/" + name
        guard rename(temp, target) == 0 else {
            throw EndToEndError("无法改名为 \(target)：\(String(cString: strerror(errno)))")
        }
        return target
    }

    /// Writes `roster` with `producer` and drops it into the school's 院校考生导入 folder.
    @discardableResult
    func drop(
        _ roster: SchoolRoster, as name: String, school: String = "s1",
        producer: Producers.Python = .openpyxl
    ) throws -> String {
        let source = scratchFile(UUID().uuidString + "-" + name)
        try Producers.write(roster, with: producer, to: source)
        return try drop(source, into: inbox(school), as: name)
    }

    // MARK: Commands

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["KAOWU_NOW"] = nil
        env["KAOWU_LOG_LEVEL"] = nil
        env["KAOWU_SCHEMAS"] = KaowuExecutable.schemas
        return env
    }

    /// Runs `kaowu <arguments> --root <root>`.
    func kaowu(_ arguments: [String], environment extra: [String: String] = [:]) throws
        -> CommandResult
    {
        try ChildProcess.run(
            binary, arguments + ["--root", path],
            environment: environment.merging(extra) { _, new in new })
    }

    @discardableResult
    func kaowuChecked(_ arguments: [String], environment extra: [String: String] = [:]) throws
        -> CommandResult
    {
        let result = try kaowu(arguments, environment: extra)
        guard result.status == 0 else {
            throw EndToEndError(
                "kaowu \(arguments.joined(separator: " ")) exited \(result.status):\n"
                    + result.stderr + result.stdout)
        }
        return result
    }

    /// `kaowu run-once`: processes everything waiting, then returns.
    @discardableResult
    func runOnce(environment extra: [String: String] = [:]) throws -> CommandResult {
        try kaowuChecked(["run-once"], environment: extra)
    }

    /// Starts `kaowu serve` (with `-v`: every stage logged, which the privacy test wants).
    func serve(environment extra: [String: String] = [:]) throws -> KaowuDaemon {
        let daemon = try KaowuDaemon(
            binary: binary, arguments: ["serve", "-v", "--root", path],
            environment: environment.merging(extra) { _, new in new },
            logPrefix: scratchFile("serve-\(daemons.count + 1)"))
        daemons.append(daemon)
        return daemon
    }

    // MARK: Reports

    /// Waits until both files of report `stem` (e.g. `考生.已导入`) are in `folder`, then decodes
    /// the JSON. The report is renamed into place whole, so seeing it means it is complete.
    func waitForReport(
        _ stem: String, in folder: String? = nil, timeout: TimeInterval = 20,
        daemon: KaowuDaemon? = nil
    ) throws -> ReportJSON {
        let base = (folder ?? outbox()) + "/" + stem
        do {
            try waitUntil("报告 \(base).xlsx 和 .json", timeout: timeout) {
                FileManager.default.fileExists(atPath: base + ".xlsx")
                    && FileManager.default.fileExists(atPath: base + ".json")
            }
        } catch {
            let present = files(under: path + "/outbox")
            throw EndToEndError(
                "\(error)\n发件箱现有：\(present)\n守护进程日志：\n\(daemon?.log.suffix(3000) ?? "")")
        }
        return try report(at: base + ".json")
    }

    func report(at jsonPath: String) throws -> ReportJSON {
        let data = try Data(contentsOf: URL(fileURLWithPath: jsonPath))
        return try JSONDecoder().decode(ReportJSON.self, from: data)
    }

    // MARK: Database

    /// Runs `sql` with the sqlite3 command-line shell; rows as column name → value.
    func query(_ sql: String) throws -> [[String: Any]] {
        let out = try ChildProcess.check("/usr/bin/sqlite3", ["-json", database, sql]).stdout
        guard !out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        return try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [[String: Any]]
    }

    /// The first column of the first row, as an integer.
    func count(_ sql: String) throws -> Int {
        guard let row = try query(sql).first, let value = row.values.first as? NSNumber else {
            throw EndToEndError("查询没有结果：\(sql)")
        }
        return value.intValue
    }

    /// A school's candidates, ordered by the row they came from.
    func candidates(school: String = "s1") throws -> [StoredCandidate] {
        try query(
            """
            SELECT name, namePinyin, documentType, documentNumber, mobile, major, majorLevel,
                   enrollmentYear, createdJob, createdRow
            FROM candidate WHERE school = '\(school)' ORDER BY createdJob, createdRow
            """
        ).map(StoredCandidate.init)
    }
}

/// One row of the candidate table, with the fields the import fills.
struct StoredCandidate: Equatable, CustomStringConvertible {
    var name: String
    var namePinyin: String?
    var documentType: String
    var documentNumber: String
    var mobile: String?
    var major: String?
    var majorLevel: String?
    var enrollmentYear: Int?
    var createdJob: Int
    var createdRow: Int

    init(
        name: String, namePinyin: String?, documentType: String = "居民身份证",
        documentNumber: String, mobile: String?, major: String? = "计算机应用技术",
        majorLevel: String? = "高职专科", enrollmentYear: Int? = 2024, createdJob: Int = 0,
        createdRow: Int = 0
    ) {
        self.name = name
        self.namePinyin = namePinyin
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.mobile = mobile
        self.major = major
        self.majorLevel = majorLevel
        self.enrollmentYear = enrollmentYear
        self.createdJob = createdJob
        self.createdRow = createdRow
    }

    init(_ row: [String: Any]) {
        name = row["name"] as? String ?? ""
        namePinyin = row["namePinyin"] as? String
        documentType = row["documentType"] as? String ?? ""
        documentNumber = row["documentNumber"] as? String ?? ""
        mobile = row["mobile"] as? String
        major = row["major"] as? String
        majorLevel = row["majorLevel"] as? String
        enrollmentYear = (row["enrollmentYear"] as? NSNumber)?.intValue
        createdJob = (row["createdJob"] as? NSNumber)?.intValue ?? 0
        createdRow = (row["createdRow"] as? NSNumber)?.intValue ?? 0
    }

    /// The same person and fields, whichever job and row stored them.
    var fields: StoredCandidate {
        var copy = self
        copy.createdJob = 0
        copy.createdRow = 0
        return copy
    }

    var description: String {
        "\(name)|\(namePinyin ?? "nil")|\(documentType)|\(documentNumber)|\(mobile ?? "nil")|"
            + "\(major ?? "nil")|\(majorLevel ?? "nil")|\(enrollmentYear.map(String.init) ?? "nil")"
    }
}
