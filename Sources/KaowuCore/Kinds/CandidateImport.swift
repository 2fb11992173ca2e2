/// 院校考生导入 and 社会考生导入 (one population each, every field the template requires), and
/// the operator's one-time 历史考生导入 (population per row, only name and ID required).
/// Import never overwrites: a candidate the school already has is an error row that points
/// to batch modify.
struct CandidateImport: SheetKind {
    let schema: TableSchema
    /// The population every row adds to; nil: each row's 考生类别 says.
    let population: CandidatePopulation?

    var staleExports: [OutboxExport] { [.candidates] }

    func makeApplier(scope: JobScope) -> any RowApplier {
        Applier(population: population, scope: scope, schema: schema)
    }

    struct Applier: RowApplier {
        let population: CandidatePopulation?
        let scope: JobScope
        let schema: TableSchema
        /// Whether the school had candidates before this job, asked once `judge` is first
        /// called: a school without any (its first roster) needs no lookup per row.
        private var hadCandidates: Bool?

        init(population: CandidatePopulation?, scope: JobScope, schema: TableSchema) {
            self.population = population
            self.scope = scope
            self.schema = schema
        }

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            try admit(row) { population in
                try scope.records.candidates.add(
                    candidate(row, population), job: scope.job, row: row.number)
            }
        }

        /// Exact without writing: a row can only collide with an earlier row of its own file
        /// through the schema's primary key (document type and number), which validation
        /// already rejects; so `add` would refuse it only for a candidate the school had.
        mutating func judge(_ row: ValidatedRow) throws -> [FieldFailure] {
            let candidates = scope.records.candidates
            if hadCandidates == nil {
                hadCandidates = try candidates.hasCandidates(notAddedBy: scope.job)
            }
            let lookUp = hadCandidates == true
            return try admit(row) { _ in
                let (type, number) = row.document
                return try !lookUp
                    || !candidates.contains(documentType: type, documentNumber: number)
            }
        }

        /// The failures that keep the row's candidate out: its population's rules, or `isNew`
        /// (which adds or looks the candidate up) saying the school already has it.
        private func admit(
            _ row: ValidatedRow, isNew: (CandidatePopulation) throws -> Bool
        ) throws -> [FieldFailure] {
            let population =
                population
                ?? row.text("population").flatMap(CandidatePopulation.init(chineseName:))
                ?? .school
            let failures = CandidateRules.otherPopulationsFields(
                row, population: population, schema: schema)
            guard failures.isEmpty else { return failures }
            if try isNew(population) { return [] }
            return [
                FieldFailure(
                    field: "documentNumber",
                    failure: CheckFailure(
                        code: ProblemCode.candidateExists.rawValue,
                        message: "本校已有该证件号码的考生；导入不会覆盖已有考生，如需修改信息请使用“批量修改考生信息”"))
            ]
        }

        private func candidate(_ row: ValidatedRow, _ population: CandidatePopulation)
            -> Candidate
        {
            let (type, number) = row.document
            var candidate = Candidate(
                population: population, name: row.text("name") ?? "", namePinyin: nil,
                documentType: type, documentNumber: number, mobile: nil)
            for field in population.fields { candidate.set(field, to: row[field]) }
            return candidate
        }
    }
}
