import Foundation

/// A roster the daemon keeps current in an institution's outbox. Exports are derived state:
/// rewritten whole from the store whenever they may be stale (`ExportRefresher`: after a job
/// that changed their data commits, and for every institution when the daemon starts), never
/// edited in place, and always replaced by a rename so no one opens half a file.
public enum OutboxExport: String, Sendable, CaseIterable {
    /// `考生信息/考生信息.xlsx`: every candidate of a school (`CandidateExport`).
    case candidates
    /// `考试计划/考试计划.xlsx`: every plan, its windows and subjects (`PlanCatalogView`).
    case examPlans
    /// `报考名单/<plan>.xlsx`: a school's registrations, one file per plan
    /// (`RegistrationRosterView`).
    case registrationRosters

    /// The role whose institutions have this export.
    public var role: InstitutionRole {
        switch self {
        case .candidates, .examPlans, .registrationRosters: return .school
        }
    }

    /// Whose copies a job of `institution` makes stale: its own when it has this export, else
    /// every institution that has it (an org's plan or subject change reaches every school:
    /// plans are public, and subject names appear on every roster).
    public func institutions(afterJobOf institution: String, store: KaowuStore) throws
        -> [String]
    {
        let holders = try store.institutions().filter { $0.role == role }.map(\.code)
        return holders.contains(institution) ? [institution] : holders
    }

    /// Rewrites this export for `institution` from the store's committed state.
    ///
    /// - Throws: `KaowuError` when a kind it needs is missing from the catalog or the file
    ///   cannot be written; any earlier copy of the export is then left as it was.
    public func refresh(
        institution: String, root: KaowuRoot, store: KaowuStore, catalog: KindCatalog,
        generatedAt: String
    ) throws {
        let outbox = root.outbox(institution)
        switch self {
        case .candidates:
            guard let kind = catalog.kind(id: CandidateExport.templateKind) else {
                throw KaowuError.schemaInvalid(
                    kind: CandidateExport.templateKind, detail: "考生信息导出需要这个类型")
            }
            try Self.replace(outbox + "/" + CandidateExport.folder, CandidateExport.fileName) {
                try CandidateExport.write(
                    school: institution, schema: kind.schema, store: store,
                    generatedAt: generatedAt, to: $0)
            }
        case .examPlans:
            let snapshot = try store.planCatalogSnapshot()
            try Self.replace(outbox + "/" + PlanCatalogView.folder, PlanCatalogView.fileName) {
                try PlanCatalogView.write(snapshot, updatedAt: generatedAt, to: $0)
            }
        case .registrationRosters:
            let folder = outbox + "/" + RegistrationRosterView.folder
            var rosters = try store.registrationRosters(school: institution)
            // A plan whose last registration was deleted keeps a current (empty) roster.
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in existing where name.hasSuffix(".xlsx") && !name.hasPrefix(".") {
                rosters[String(name.dropLast(5)), default: []] += []
            }
            for (plan, lines) in rosters {
                try Self.replace(folder, plan + ".xlsx") {
                    try RegistrationRosterView.write(
                        plan: plan, lines: lines, updatedAt: generatedAt, to: $0)
                }
            }
        }
    }

    /// Writes `name` in `folder` through `write` under a temporary name, then renames it into
    /// place; on failure the earlier copy stays and the temporary file is removed.
    private static func replace(_ folder: String, _ name: String, write: (String) throws -> Void)
        throws
    {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temp = try TemporaryFile(becoming: folder + "/" + name)
        do {
            try write(temp.path)
            guard rename(temp.path, folder + "/" + name) == 0 else {
                throw KaowuError.io("无法写入 \(folder)/\(name)：\(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temp.path)
            throw error
        }
    }
}
