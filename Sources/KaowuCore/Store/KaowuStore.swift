import Foundation
import GRDB

/// The state of one installation, in `data/kaowu.sqlite`. All SQL lives in `Store/`; kinds see
/// only the repositories' domain-level calls, so another backend can take SQLite's place.
///
/// Guarantees: one write transaction at a time (GRDB serializes writes); readers such as
/// `kaowu status` see the last committed state without blocking the writer (WAL).
public final class KaowuStore: Sendable {
    let pool: DatabasePool

    private init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Opens (and, with `create`, creates) the database and brings its schema up to date.
    public static func open(root: KaowuRoot, create: Bool = false) throws -> KaowuStore {
        let fm = FileManager.default
        if !fm.fileExists(atPath: root.database) && !create {
            throw KaowuError.notInitialized(root: root.path)
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Personal data: the database is for the daemon's user only.
        let oldMask = umask(0o077)
        defer { umask(oldMask) }
        let pool = try DatabasePool(path: root.database, configuration: config)
        try StoreMigrations.migrator.migrate(pool)
        return KaowuStore(pool: pool)
    }

    /// Runs `body` in one write transaction; `body` returns whether to commit.
    /// Nothing `body` wrote survives a rollback, a thrown error or a crash before commit.
    func transaction<T>(_ body: (Database) throws -> (T, commit: Bool)) throws -> T {
        var result: T?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let (value, commit) = try body(db)
                result = value
                return commit ? .commit : .rollback
            }
        }
        return result!
    }
}
