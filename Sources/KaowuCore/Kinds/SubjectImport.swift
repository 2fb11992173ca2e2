/// 考试科目 (org): adds or updates the subjects of the org's certificates. A change that would
/// leave registered candidates on a subject they may not sit, or under another certificate,
/// is refused.
struct SubjectImport: SheetKind {
    let schema: TableSchema

    var staleExports: [OutboxExport] { [.examPlans, .registrationRosters] }

    func makeApplier(scope: JobScope) -> any RowApplier { Applier(scope: scope) }

    struct Applier: RowApplier {
        let scope: JobScope

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let subject = ExamSubject(
                code: row.text("code") ?? "", name: row.text("name") ?? "",
                certificate: row.text("certificate") ?? "", examType: row.text("examType") ?? "",
                durationMinutes: row["durationMinutes"]?.integer ?? 0,
                fullMark: row.number("fullMark"), passMark: row.number("passMark"),
                weightPercent: row.number("weightPercent"), fee: row.number("fee"),
                audience: ExamAudience(row.text("audience") ?? "所有考生"))
            let catalog = scope.records.examCatalog
            let org = scope.institution.code
            let existing = try catalog.subject(code: subject.code)
            var failures = [
                CatalogOwnership.refusal(
                    field: "code", what: "科目", code: subject.code, owner: existing?.org,
                    org: org),
                CatalogOwnership.unknownCertificate(
                    field: "certificate", code: subject.certificate,
                    owner: try catalog.certificate(code: subject.certificate)?.org, org: org),
            ].compactMap { $0 }
            if subject.passMark > subject.fullMark {
                failures.append(
                    FieldFailure(
                        field: "passMark",
                        failure: CheckFailure(
                            .maximum,
                            "及格分 \(PassRule.format(subject.passMark)) 高于满分 \(PassRule.format(subject.fullMark))"
                        )
                    ))
            }
            if failures.isEmpty, let old = existing?.subject {
                failures += try changeBreaks(old: old, new: subject)
            }
            guard failures.isEmpty else { return failures }
            try catalog.save(subject, job: scope.job)
            return []
        }

        /// What in the change would break registrations already made for the subject.
        private func changeBreaks(old: ExamSubject, new: ExamSubject) throws -> [FieldFailure] {
            let counts = try scope.records.examCatalog.registrationCounts(subject: old.code)
            let total = counts.values.reduce(0, +)
            guard total > 0 else { return [] }
            if old.certificate != new.certificate {
                return [
                    FieldFailure(
                        field: "certificate",
                        failure: CheckFailure(
                            .planChangeBreaksRegistrations,
                            "科目 \(old.code) 已有 \(total) 条报考记录，不能从证书 \(old.certificate) 改到证书 \(new.certificate)"
                        ))
                ]
            }
            let shut = counts.filter { !new.audience.admits($0.key) && $0.value > 0 }
            guard let (population, count) = shut.first else { return [] }
            return [
                FieldFailure(
                    field: "audience",
                    failure: CheckFailure(
                        .planChangeBreaksRegistrations,
                        "科目 \(old.code) 已有 \(count) 名\(population.chineseName)报考，参考对象不能改为“\(new.audience.text)”；请先让学校删除这些报考"
                    ))
            ]
        }
    }
}
