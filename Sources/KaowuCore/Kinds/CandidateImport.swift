/// 院校考生导入 and 社会考生导入: adds new candidates to the school's roster.
/// Import never overwrites: a candidate the school already has is an error row that points
/// to batch modify.
struct CandidateImport: SheetKind {
    let schema: TableSchema
    let population: CandidatePopulation

    func makeApplier(scope: JobScope) -> any RowApplier {
        Applier(population: population, scope: scope)
    }

    struct Applier: RowApplier {
        let population: CandidatePopulation
        let scope: JobScope

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let candidate = Candidate(
                population: population, name: row.text("name") ?? "",
                namePinyin: row.text("namePinyin"),
                documentType: row.text("documentType").flatMap(DocumentType.init(rawValue:))
                    ?? .residentIDCard,
                documentNumber: row.text("documentNumber") ?? "", mobile: row.text("mobile"),
                major: row.text("major"), majorLevel: row.text("majorLevel"),
                enrollmentYear: row["enrollmentYear"]?.integer, employer: row.text("employer"),
                education: row.text("education"))
            if try scope.records.candidates.add(candidate, job: scope.job, row: row.number) {
                return []
            }
            return [
                FieldFailure(
                    field: "documentNumber",
                    failure: CheckFailure(
                        code: ProblemCode.candidateExists.rawValue,
                        message: "本校已有该证件号码的考生；导入不会覆盖已有考生，如需修改信息请使用“批量修改考生信息”"))
            ]
        }
    }
}
