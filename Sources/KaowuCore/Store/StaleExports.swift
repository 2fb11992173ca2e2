import GRDB

/// An outbox export waiting to be rewritten because a job of `institution` changed its data.
public struct StaleExport: Sendable, Equatable {
    public var institution: String
    public var export: OutboxExport
    /// Bumped by every new mark: a rewrite clears the mark only if no job marked it again
    /// while it ran.
    public var generation: Int64
}

extension KaowuStore {
    /// Marks `exports` stale for a job of `institution`, inside that job's transaction.
    func markStale(_ db: Database, institution: String, exports: [OutboxExport]) throws {
        for export in exports {
            try db.execute(
                sql: """
                    INSERT INTO stale_export (institution, export, generation) VALUES (?, ?, 1)
                    ON CONFLICT (institution, export) DO UPDATE SET generation = generation + 1
                    """, arguments: [institution, export.rawValue])
        }
    }

    /// Marks every export of every registered institution stale (at daemon start: whatever a
    /// previous version or a crash left is replaced).
    public func markEveryExportStale() throws {
        try pool.write { db in
            for institution in try Row.fetchAll(db, sql: "SELECT code, role FROM institution") {
                let role = InstitutionRole(rawValue: institution["role"])
                try markStale(
                    db, institution: institution["code"],
                    exports: OutboxExport.allCases.filter { $0.role == role })
            }
        }
    }

    public func staleExports() throws -> [StaleExport] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT institution, export, generation FROM stale_export ORDER BY rowid"
            ).compactMap { row in
                OutboxExport(rawValue: row["export"]).map {
                    StaleExport(
                        institution: row["institution"], export: $0,
                        generation: row["generation"])
                }
            }
        }
    }

    /// Clears a mark once its export is rewritten, unless a job marked it again meanwhile.
    func clearStale(_ stale: StaleExport) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    DELETE FROM stale_export
                    WHERE institution = ? AND export = ? AND generation = ?
                    """, arguments: [stale.institution, stale.export.rawValue, stale.generation])
        }
    }
}
