/// 批量修改考生信息: changes the school's existing candidates, both populations, one row each.
///
/// A row finds its candidate by 证件类型 + 证件号码 among this school's candidates only; a
/// document the school does not have is an error row, with the same words whether nobody has it
/// or another school does. A blank cell leaves the field as it is; the schema's `clearMarker`
/// (（清空）) clears an optional field; a field the candidate's population requires, the key and
/// the population itself cannot be cleared. A blank 姓名拼音 follows a changed name.
/// Every changed field is reported as a `Change`.
struct CandidateUpdate: SheetKind {
    let schema: TableSchema

    var staleExports: [OutboxExport] { [.candidates] }

    func makeApplier(scope: JobScope) -> any RowApplier {
        Applier(scope: scope, schema: schema)
    }

    struct Applier: RowApplier {
        let scope: JobScope
        let schema: TableSchema
        private(set) var changes: [Change]? = []

        init(scope: JobScope, schema: TableSchema) {
            self.scope = scope
            self.schema = schema
        }

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let (type, number) = row.document
            guard
                let stored = try scope.records.candidates.find(
                    documentType: type, documentNumber: number)
            else {
                return [
                    failure(
                        "documentNumber", .candidateUnknown,
                        "本校没有证件类型为“\(type.rawValue)”、证件号码为此号码的考生；批量修改只改本校已有的考生，新考生请用“院校考生导入”或“社会考生导入”"
                    )
                ]
            }
            var failures = fixedFieldFailures(row, stored: stored)
            failures += CandidateRules.otherPopulationsFields(
                row, population: stored.population, schema: schema)
            var updated = stored
            for field in stored.population.fields where !Self.fixed.contains(field) {
                if row.isCleared(field) {
                    if stored.population.requiredFields.contains(field) {
                        failures.append(
                            failure(
                                field, .candidateCannotClear,
                                "“\(title(field))”是\(stored.population.chineseName)的必填项，不能清空；不改请留空")
                        )
                    } else if field != "namePinyin" {
                        updated.set(field, to: nil)
                    }
                } else if !row.isBlank(field) {
                    updated.set(field, to: row[field])
                }
            }
            // Pinyin follows the name unless the clerk wrote one: cleared, or blank beside a
            // changed name, it is read from the name again.
            if row.isCleared("namePinyin")
                || (row.isBlank("namePinyin") && updated.name != stored.name)
            {
                updated.namePinyin = Pinyin.of(name: updated.name)
            }
            guard failures.isEmpty else { return failures }
            let changed = stored.population.fields.compactMap { field -> Change? in
                let (from, to) = (stored.text(of: field) ?? "", updated.text(of: field) ?? "")
                return from == to ? nil : Change(row: row.number, field: field, from: from, to: to)
            }
            if !changed.isEmpty {
                _ = try scope.records.candidates.update(updated, job: scope.job)
                changes?.append(contentsOf: changed)
            }
            return []
        }

        /// The fields that find the candidate or sort it: never changed by a row.
        private static let fixed: Set<String> = ["documentType", "documentNumber"]

        /// A cleared key or population, or a population other than the stored one.
        private func fixedFieldFailures(_ row: ValidatedRow, stored: Candidate) -> [FieldFailure] {
            var failures = ["documentType", "population"].filter(row.isCleared).map { field in
                failure(field, .candidateCannotClear, "“\(title(field))”用来找到考生，不能清空；不改请留空")
            }
            if let given = row.text("population").flatMap(CandidatePopulation.init(chineseName:)),
                given != stored.population
            {
                failures.append(
                    failure(
                        "population", .candidatePopulationMismatch,
                        "该考生登记为\(stored.population.chineseName)，批量修改不能改变考生类别；请改回“\(stored.population.chineseName)”或留空"
                    ))
            }
            return failures
        }

        private func title(_ field: String) -> String {
            CandidateRules.title(of: field, in: schema)
        }

        private func failure(_ field: String, _ code: ProblemCode, _ message: String)
            -> FieldFailure
        {
            FieldFailure(field: field, failure: CheckFailure(code: code.rawValue, message: message))
        }
    }
}
