/// 按科目批量导入报考 (school): registers one named subject. A subject that is not for 所有考生
/// needs its 参考对象 written in the row, and it must fit the candidate.
struct RegistrationBySubject: SheetKind {
    let schema: TableSchema

    var staleExports: [OutboxExport] { [.registrationRosters] }

    func makeApplier(scope: JobScope) -> any RowApplier { Applier(scope: scope) }

    struct Applier: RowApplier {
        let scope: JobScope

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let rules = RegistrationRules(scope: scope)
            let code = row.text("subject") ?? ""
            let certificate = row.text("certificate") ?? ""
            let subject = try scope.records.examCatalog.subject(code: code)?.subject
            var failures: [FieldFailure] = []
            if subject?.certificate != certificate {
                failures.append(rules.unknown("subject", "证书 \(certificate) 没有代码为 \(code) 的科目"))
            }
            let (target, found) = try rules.target(row, complete: true)
            failures += found
            guard failures.isEmpty, let target, let subject else { return failures }
            if let mismatch = audienceMismatch(subject, row: row, candidate: target.candidate) {
                return [mismatch]
            }
            return try rules.register([subject], target: target, row: row)
        }

        private func audienceMismatch(
            _ subject: ExamSubject, row: ValidatedRow, candidate: RegistrableCandidate
        ) -> FieldFailure? {
            let given = row.text("audience").map(ExamAudience.init) ?? .everyone
            func failure(_ message: String) -> FieldFailure {
                FieldFailure(
                    field: "audience", failure: CheckFailure(.registrationAudience, message))
            }
            if given != subject.audience {
                return failure(
                    "科目 \(subject.code) \(subject.name)的参考对象是“\(subject.audience.text)”，这里"
                        + (row.text("audience") == nil ? "没有填写" : "填的是“\(given.text)”")
                        + "；请照发件箱“考试计划”里的参考对象填写")
            }
            let population = candidate.candidate.population
            guard subject.audience.admits(population) else {
                return failure(
                    "科目 \(subject.code) \(subject.name)只面向\(subject.audience.text)，考生\(candidate.candidate.name)是\(population.chineseName)"
                )
            }
            return nil
        }
    }
}
