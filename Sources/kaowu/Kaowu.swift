import ArgumentParser

@main
struct Kaowu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "考务文件处理守护进程：校验收件箱里的表格，入库一次且仅一次，并在发件箱写出结果报告。",
        discussion: """
            Exit codes: 0 done (a rejected file is normal work and also exits 0); 1 unexpected
            failure; 2 setup problem (not initialised, unknown institution or kind, bad config);
            3 I/O failure; 64 bad command line.
            Every command honours KAOWU_NOW (ISO 8601) as the current time.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, InstitutionCommand.self, Serve.self, RunOnce.self, Check.self,
            Status.self, Kinds.self, ImportLegacy.self, Export.self, ReadXLS.self,
        ])
}
