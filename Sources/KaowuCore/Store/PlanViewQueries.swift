import GRDB

/// Everything the plan view shows: the public catalog of plans, certificates and subjects.
struct PlanCatalogSnapshot {
    var plans: [ExamPlan]
    var certificates: [String: Certificate]
    var subjects: [ExamSubject]
}

/// One registered subject on a school's roster.
struct RosterLine {
    var documentNumber: String
    var name: String
    var population: String
    var certificate: String
    var certificateName: String
    var subject: String
    var subjectName: String
    var examType: String
    var paid: Bool
}

extension KaowuStore {
    /// The committed catalog, plans by code and certificate, subjects by certificate and code.
    func planCatalogSnapshot() throws -> PlanCatalogSnapshot {
        try pool.read { db in
            let plans = try Row.fetchAll(
                db, sql: "SELECT * FROM exam_plan ORDER BY code, certificate"
            ).map(SQLiteExamCatalogRepository.plan)
            var certificates: [String: Certificate] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, name, level FROM certificate") {
                certificates[row["code"]] = Certificate(
                    code: row["code"], name: row["name"], level: row["level"])
            }
            let subjects = try Row.fetchAll(
                db, sql: "SELECT * FROM subject ORDER BY certificate, code"
            ).map(SQLiteExamCatalogRepository.subject)
            return PlanCatalogSnapshot(
                plans: plans, certificates: certificates, subjects: subjects)
        }
    }

    /// A school's committed registrations, by plan code, in roster order.
    func registrationRosters(school: String) throws -> [String: [RosterLine]] {
        try pool.read { db in
            var rosters: [String: [RosterLine]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT r.plan, c.documentNumber, c.name, c.population, r.certificate,
                           ce.name AS certificateName, r.subject, s.name AS subjectName,
                           s.examType, r.paid
                    FROM registration r
                    JOIN candidate c ON c.id = r.candidate
                    JOIN subject s ON s.code = r.subject
                    JOIN certificate ce ON ce.code = r.certificate
                    WHERE r.school = ?
                    ORDER BY r.plan, r.certificate, c.documentNumber, r.subject
                    """, arguments: [school])
            {
                let population = CandidatePopulation(rawValue: row["population"])
                rosters[row["plan"], default: []].append(
                    RosterLine(
                        documentNumber: row["documentNumber"], name: row["name"],
                        population: population?.chineseName ?? "", certificate: row["certificate"],
                        certificateName: row["certificateName"], subject: row["subject"],
                        subjectName: row["subjectName"], examType: row["examType"],
                        paid: row["paid"]))
            }
            return rosters
        }
    }
}
