/// 按证书批量导入报考 (school): registers every subject of a certificate in a plan. Only where all
/// of the certificate's subjects are for the same candidates; otherwise the clerk must name the
/// subjects in the by-subject template.
struct RegistrationByCertificate: SheetKind {
    let schema: TableSchema

    var staleExports: [OutboxExport] { [.registrationRosters] }

    func makeApplier(scope: JobScope) -> any RowApplier { Applier(scope: scope) }

    struct Applier: RowApplier {
        let scope: JobScope

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let rules = RegistrationRules(scope: scope)
            let (resolved, failures) = try rules.target(row, complete: true)
            guard let target = resolved else { return failures }
            let certificate = target.plan.certificate
            let subjects = try scope.records.examCatalog.subjects(ofCertificate: certificate)
            let audiences = Set(subjects.map(\.audience))
            guard let audience = audiences.first else {
                return [rules.unknown("certificate", "证书 \(certificate) 还没有任何考试科目，暂时不能报考")]
            }
            if audiences.count > 1 || audience != .everyone && !Self.isPopulation(audience) {
                let listed = subjects.map { "\($0.code) \($0.name)（\($0.audience.text)）" }
                return [
                    FieldFailure(
                        field: "certificate",
                        failure: CheckFailure(
                            .registrationUseBySubject,
                            "证书 \(certificate) 的科目按参考对象区分：\(listed.joined(separator: "、"))；不能按证书报考，请改用“按科目批量导入报考”模板逐科填写"
                        ))
                ]
            }
            let population = target.candidate.candidate.population
            guard audience.admits(population) else {
                return [
                    FieldFailure(
                        field: "documentNumber",
                        failure: CheckFailure(
                            .registrationAudience,
                            "证书 \(certificate) 的科目只面向\(audience.text)，考生\(target.candidate.candidate.name)是\(population.chineseName)"
                        ))
                ]
            }
            return try rules.register(subjects, target: target, row: row)
        }

        private static func isPopulation(_ audience: ExamAudience) -> Bool {
            if case .population = audience { return true }
            return false
        }
    }
}
