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
            try admit(row) { candidate in
                try scope.records.candidates.add(candidate, job: scope.job, row: row.number)
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
            return try admit(row) { candidate in
                try !lookUp
                    || !candidates.contains(
                        documentType: candidate.documentType,
                        documentNumber: candidate.documentNumber)
            }
        }

        /// The row's candidate, handed to `add` (which says whether it was new), or the
        /// failures that keep it out.
        private func admit(_ row: ValidatedRow, add: (Candidate) throws -> Bool) throws
            -> [FieldFailure]
        {
            let population =
                population
                ?? row.text("population").flatMap(CandidatePopulation.init(chineseName:))
                ?? .school
            let failures = CandidateRules.otherPopulationsFields(
                row, population: population, schema: schema)
            guard failures.isEmpty else { return failures }
            var candidate = Candidate(
                population: population, name: row.text("name") ?? "", namePinyin: nil,
                documentType: row.text("documentType").flatMap(DocumentType.init(rawValue:))
                    ?? .residentIDCard,
                documentNumber: row.text("documentNumber") ?? "", mobile: nil)
            for field in population.fields { candidate.set(field, to: row[field]) }
            if try add(candidate) { return [] }
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
