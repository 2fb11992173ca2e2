import GRDB

/// The store's schema history. Append-only: a migration that has shipped is never edited;
/// a change is a new migration below the others (GRDB `DatabaseMigrator`).
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: institutions, job ledger, candidates") { db in
            try db.execute(
                sql: """
                    CREATE TABLE institution (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('school', 'org')),
                        createdAt TEXT NOT NULL
                    );
                    CREATE TABLE job (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        institution TEXT NOT NULL,
                        kind TEXT,
                        kindFolder TEXT NOT NULL,
                        fileName TEXT NOT NULL,
                        workPath TEXT NOT NULL UNIQUE,
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        receivedAt TEXT NOT NULL,
                        -- claimed → decided (applied|rejected|duplicate) → reported → archived
                        stage TEXT NOT NULL,
                        outcome TEXT,
                        duplicateOf INTEGER REFERENCES job(id),
                        reportJSON TEXT,
                        reportName TEXT,
                        archivePath TEXT,
                        finishedAt TEXT
                    );
                    CREATE INDEX job_content ON job(institution, kind, sha256, outcome);
                    CREATE INDEX job_stage ON job(stage);
                    CREATE TABLE candidate (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        school TEXT NOT NULL REFERENCES institution(code),
                        population TEXT NOT NULL CHECK (population IN ('school', 'social')),
                        name TEXT NOT NULL,
                        namePinyin TEXT,
                        documentType TEXT NOT NULL,
                        documentNumber TEXT NOT NULL,
                        mobile TEXT,
                        major TEXT,
                        majorLevel TEXT,
                        enrollmentYear INTEGER,
                        employer TEXT,
                        education TEXT,
                        createdJob INTEGER NOT NULL REFERENCES job(id),
                        createdRow INTEGER NOT NULL,
                        updatedJob INTEGER REFERENCES job(id),
                        UNIQUE (school, documentType, documentNumber)
                    );
                    """)
        }
        return migrator
    }
}
