/// Candidate rules shared by the kinds that add and change candidates.
enum CandidateRules {
    /// Errors for the cells of `row` filled in for fields `population` does not have (a
    /// 院校考生 has no 工作单位): never silently dropped.
    static func otherPopulationsFields(
        _ row: ValidatedRow, population: CandidatePopulation, schema: TableSchema
    ) -> [FieldFailure] {
        (fieldsOfOthersOnly[population] ?? [])
            .filter { !row.isBlank($0) && !row.isCleared($0) }
            .map { field in
                FieldFailure(
                    field: field,
                    failure: CheckFailure(
                        code: ProblemCode.candidateFieldNotApplicable.rawValue,
                        message:
                            "\(population.chineseName)没有“\(title(of: field, in: schema))”这一项；请把这一格留空"
                    ))
            }
    }

    /// For each population, the fields only other populations have, each once: worked out once,
    /// not per row.
    private static let fieldsOfOthersOnly: [CandidatePopulation: [String]] = Dictionary(
        uniqueKeysWithValues: CandidatePopulation.allCases.map { population in
            let own = Set(population.fields)
            let others = CandidatePopulation.allCases.flatMap(\.fields).filter { !own.contains($0) }
            return (population, others.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
        })

    /// The column title a clerk sees for `field`.
    static func title(of field: String, in schema: TableSchema) -> String {
        schema.fields.first { $0.name == field }?.title ?? field
    }
}
