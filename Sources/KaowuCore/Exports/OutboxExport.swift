import Foundation

/// A roster the daemon keeps current in an institution's outbox. Exports are derived state:
/// rewritten whole from the store whenever they may be stale (after a job that changed their
/// data commits, again when recovery finishes such a job, and for every institution when the
/// daemon starts), never edited in place, and always replaced by a rename so no one opens
/// half a file.
public enum OutboxExport: String, Sendable, CaseIterable {
    /// `考生信息/考生信息.xlsx`: every candidate of a school (`CandidateExport`).
    case candidates

    /// The role whose institutions have this export.
    public var role: InstitutionRole {
        switch self {
        case .candidates: return .school
        }
    }

    /// Rewrites this export for `institution` from the store's committed state.
    ///
    /// - Throws: `KaowuError` when a kind it needs is missing from the catalog or the file
    ///   cannot be written; any earlier copy of the export is then left as it was.
    public func refresh(
        institution: String, root: KaowuRoot, store: KaowuStore, catalog: KindCatalog,
        generatedAt: String
    ) throws {
        switch self {
        case .candidates:
            guard let kind = catalog.kind(id: CandidateExport.templateKind) else {
                throw KaowuError.schemaInvalid(
                    kind: CandidateExport.templateKind, detail: "考生信息导出需要这个类型")
            }
            let folder = root.outbox(institution) + "/" + CandidateExport.folder
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
            let temp = folder + "/.~kaowu-export-" + UUID().uuidString + ".xlsx.tmp"
            do {
                try CandidateExport.write(
                    school: institution, schema: kind.schema, store: store,
                    generatedAt: generatedAt, to: temp)
                guard rename(temp, folder + "/" + CandidateExport.fileName) == 0 else {
                    throw KaowuError.io(
                        "无法写入考生信息导出：\(String(cString: strerror(errno)))")
                }
            } catch {
                try? FileManager.default.removeItem(atPath: temp)
                throw error
            }
        }
    }

    /// Rewrites every export of every registered institution (at daemon start: whatever a
    /// previous version or a crash left is replaced).
    public static func refreshAll(
        root: KaowuRoot, store: KaowuStore, catalog: KindCatalog, generatedAt: String
    ) throws {
        for institution in try store.institutions() {
            for export in allCases where export.role == institution.role {
                try export.refresh(
                    institution: institution.code, root: root, store: store, catalog: catalog,
                    generatedAt: generatedAt)
            }
        }
    }
}
