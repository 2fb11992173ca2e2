/// 批量删除报考数据 (school): deletes a candidate's registrations of one subject, or of every
/// subject of the certificate when 科目 is blank. Paid registrations stay.
struct RegistrationDeletion: SheetKind {
    let schema: TableSchema

    var staleExports: [OutboxExport] { [.registrationRosters] }

    func makeApplier(scope: JobScope) -> any RowApplier { Applier(scope: scope) }

    struct Applier: RowApplier {
        let scope: JobScope

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let rules = RegistrationRules(scope: scope)
            let (resolved, failures) = try rules.target(row, complete: false)
            guard let target = resolved else { return failures }
            let registrations = scope.records.registrations
            let subject = row.text("subject")
            let held = try registrations.registrations(
                candidate: target.candidate.id, plan: target.plan.code,
                certificate: target.plan.certificate
            ).filter { subject == nil || $0.subject == subject }
            let name = target.candidate.candidate.name
            guard !held.isEmpty else {
                return [
                    FieldFailure(
                        field: subject == nil ? "certificate" : "subject",
                        failure: CheckFailure(
                            .registrationNotFound,
                            "考生\(name)在考试计划 \(target.plan.code) 中没有报考"
                                + (subject.map { "科目 \($0)" } ?? "证书 \(target.plan.certificate)")
                                + "，无可删除"))
                ]
            }
            let paid = held.filter(\.paid).map(\.subject)
            guard paid.isEmpty else {
                return [
                    FieldFailure(
                        field: subject == nil ? "certificate" : "subject",
                        failure: CheckFailure(
                            .registrationPaid,
                            "考生\(name)的科目 \(paid.joined(separator: "、")) 已缴费，不能删除报考"))
                ]
            }
            for registration in held {
                try registrations.deleteUnpaid(
                    candidate: target.candidate.id, plan: target.plan.code,
                    subject: registration.subject)
            }
            return []
        }
    }
}
