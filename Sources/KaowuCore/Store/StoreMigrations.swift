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
        migrator.registerMigration("v2: candidate photos") { db in
            // Photos live in the database as BLOBs, written in the job's own transaction: a
            // crash can never leave a photo without its job's decision or a decision without
            // its photos, and there are no files to sweep. ~30-100 KB each, 10,000 a school
            // is well within what SQLite stores comfortably.
            try db.execute(
                sql: """
                    CREATE TABLE candidate_photo (
                        candidate INTEGER PRIMARY KEY NOT NULL REFERENCES candidate(id),
                        format TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        bytes INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        data BLOB NOT NULL,
                        job INTEGER NOT NULL REFERENCES job(id),
                        entry TEXT NOT NULL
                    );
                    -- Photo names carry only the number: look candidates up without the type.
                    CREATE INDEX candidate_number ON candidate(school, documentNumber);
                    """)
        }
        migrator.registerMigration("v3: certificates, subjects, exam plans, registrations") {
            db in
            // Windows are local date-times ("2026-03-01 09:00:00") in the plan's own zone.
            try db.execute(
                sql: """
                    CREATE TABLE certificate (
                        code TEXT PRIMARY KEY NOT NULL,
                        org TEXT NOT NULL REFERENCES institution(code),
                        name TEXT NOT NULL,
                        level TEXT NOT NULL,
                        job INTEGER NOT NULL REFERENCES job(id)
                    );
                    CREATE TABLE subject (
                        code TEXT PRIMARY KEY NOT NULL,
                        org TEXT NOT NULL REFERENCES institution(code),
                        certificate TEXT NOT NULL REFERENCES certificate(code),
                        name TEXT NOT NULL,
                        examType TEXT NOT NULL,
                        durationMinutes INTEGER NOT NULL,
                        fullMark REAL NOT NULL,
                        passMark REAL NOT NULL,
                        weightPercent REAL NOT NULL,
                        fee REAL NOT NULL,
                        audience TEXT NOT NULL,
                        job INTEGER NOT NULL REFERENCES job(id)
                    );
                    CREATE INDEX subject_certificate ON subject(certificate);
                    CREATE TABLE exam_plan (
                        code TEXT NOT NULL,
                        certificate TEXT NOT NULL REFERENCES certificate(code),
                        org TEXT NOT NULL REFERENCES institution(code),
                        name TEXT NOT NULL,
                        timeZone TEXT NOT NULL,
                        -- {"registration": ["2026-03-01 09:00:00", "2026-03-15 17:00:00"], ...}
                        windows TEXT NOT NULL,
                        passThreshold REAL,
                        subjectMinimum REAL,
                        job INTEGER NOT NULL REFERENCES job(id),
                        PRIMARY KEY (code, certificate)
                    );
                    CREATE TABLE registration (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        school TEXT NOT NULL REFERENCES institution(code),
                        candidate INTEGER NOT NULL REFERENCES candidate(id),
                        plan TEXT NOT NULL,
                        certificate TEXT NOT NULL,
                        subject TEXT NOT NULL REFERENCES subject(code),
                        -- Set by payment confirmation (DOMAIN.md step 7); paid ones stay.
                        paid INTEGER NOT NULL DEFAULT 0,
                        createdJob INTEGER NOT NULL REFERENCES job(id),
                        createdRow INTEGER NOT NULL,
                        UNIQUE (candidate, plan, subject),
                        FOREIGN KEY (plan, certificate) REFERENCES exam_plan(code, certificate)
                    );
                    CREATE INDEX registration_school_plan ON registration(school, plan);
                    CREATE INDEX registration_subject ON registration(subject);
                    """)
        }
        migrator.registerMigration("v4: stale outbox exports") { db in
            // Marked in the transaction that made an export stale, cleared once it is
            // rewritten: a crash in between leaves the mark, and the next start rewrites it.
            try db.execute(
                sql: """
                    CREATE TABLE stale_export (
                        institution TEXT NOT NULL,
                        export TEXT NOT NULL,
                        generation INTEGER NOT NULL,
                        PRIMARY KEY (institution, export)
                    );
                    """)
        }
        migrator.registerMigration("v5: reports beside the job ledger") { db in
            // Every stage mark rewrote the whole job row, a large file's report JSON with it
            // (megabytes, three times per job); the report now lives in a table of its own.
            try db.execute(
                sql: """
                    CREATE TABLE job_report (
                        job INTEGER PRIMARY KEY REFERENCES job(id),
                        json TEXT NOT NULL
                    );
                    INSERT INTO job_report (job, json)
                        SELECT id, reportJSON FROM job WHERE reportJSON IS NOT NULL;
                    ALTER TABLE job DROP COLUMN reportJSON;
                    """)
        }
        return migrator
    }
}
