import Foundation

/// 考试计划 (org): one row per plan and certificate, with the windows and the pass rule.
/// Re-submitting a row updates it; 移除 = 是 takes the certificate out of the plan, which is
/// refused while schools hold registrations for it.
struct ExamPlanImport: SheetKind {
    let schema: TableSchema

    var staleExports: [OutboxExport] { [.examPlans, .registrationRosters] }

    func makeApplier(scope: JobScope) -> any RowApplier { Applier(scope: scope) }

    struct Applier: RowApplier {
        let scope: JobScope

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let code = row.text("planCode") ?? ""
            let certificate = row.text("certificate") ?? ""
            let catalog = scope.records.examCatalog
            let org = scope.institution.code
            var failures = [
                CatalogOwnership.refusal(
                    field: "planCode", what: "考试计划", code: code,
                    owner: try catalog.planOwner(code: code), org: org),
                CatalogOwnership.unknownCertificate(
                    field: "certificate", code: certificate,
                    owner: try catalog.certificate(code: certificate)?.org, org: org),
            ].compactMap { $0 }
            if row["remove"] == .bool(true) {
                guard failures.isEmpty else { return failures }
                return try remove(plan: code, certificate: certificate)
            }
            let (windows, windowFailures) = Self.windows(row, timeZone: scope.context.timeZone)
            failures += windowFailures
            let (rule, ruleFailure) = Self.passRule(row)
            failures += [ruleFailure].compactMap { $0 }
            guard failures.isEmpty, let passRule = rule else { return failures }
            try catalog.save(
                ExamPlan(
                    code: code, name: row.text("planName") ?? "", certificate: certificate,
                    windows: windows, passRule: passRule),
                timeZone: scope.context.timeZone, job: scope.job)
            return []
        }

        private func remove(plan: String, certificate: String) throws -> [FieldFailure] {
            let catalog = scope.records.examCatalog
            guard try catalog.plan(code: plan, certificate: certificate) != nil else {
                return [
                    FieldFailure(
                        field: "certificate",
                        failure: CheckFailure(
                            .referenceUnknown, "考试计划 \(plan) 不包含证书 \(certificate)，无需移除"))
                ]
            }
            let count = try catalog.registrationCount(plan: plan, certificate: certificate)
            guard count == 0 else {
                return [
                    FieldFailure(
                        field: "remove",
                        failure: CheckFailure(
                            .planChangeBreaksRegistrations,
                            "考试计划 \(plan) 中证书 \(certificate) 已有 \(count) 条报考记录，不能移除该证书；请先让学校删除这些报考"
                        ))
                ]
            }
            try catalog.removePlan(code: plan, certificate: certificate)
            return []
        }

        /// The row's windows: both ends or neither, the end not before the start.
        static func windows(_ row: ValidatedRow, timeZone: TimeZone) -> (
            [PlanWindow: TimeWindow], [FieldFailure]
        ) {
            var windows: [PlanWindow: TimeWindow] = [:]
            var failures: [FieldFailure] = []
            for window in PlanWindow.allCases {
                let startField = window.rawValue + "Start"
                let endField = window.rawValue + "End"
                switch (row.date(startField), row.date(endField)) {
                case (nil, nil):
                    continue
                case (let start?, let end?):
                    let span = TimeWindow.typed(start: start, end: end, timeZone: timeZone)
                    if span.isReversed {
                        failures.append(
                            FieldFailure(
                                field: endField,
                                failure: CheckFailure(
                                    .windowReversed,
                                    "\(window.chineseName)时间的结束（\(TimeWindow.text(span.end))）早于开始（\(TimeWindow.text(span.start))）"
                                )))
                    } else {
                        windows[window] = span
                    }
                case (nil, _):
                    failures.append(incomplete(window, missing: "开始", field: startField))
                case (_, nil):
                    failures.append(incomplete(window, missing: "结束", field: endField))
                }
            }
            return (windows, failures)
        }

        private static func incomplete(_ window: PlanWindow, missing: String, field: String)
            -> FieldFailure
        {
            FieldFailure(
                field: field,
                failure: CheckFailure(
                    .windowIncomplete,
                    "\(window.chineseName)时间只填了一端；请把\(missing)时间也填上，或两端都留空"))
        }

        /// 各科及格 takes no threshold; 加权总分 needs one, and may add a per-subject minimum.
        /// Returns the rule, or why it cannot be read (never both).
        static func passRule(_ row: ValidatedRow) -> (PassRule?, FieldFailure?) {
            let threshold = row["passThreshold"].map { _ in row.number("passThreshold") }
            let minimum = row["subjectMinimum"].map { _ in row.number("subjectMinimum") }
            if row.text("passRule") == "加权总分" {
                guard let threshold else {
                    return (
                        nil,
                        FieldFailure(
                            field: "passThreshold",
                            failure: CheckFailure(
                                .passRuleIncomplete, "合格规则为“加权总分”时，请填写加权总分线（如 60）"))
                    )
                }
                return (.weightedTotal(threshold: threshold, subjectMinimum: minimum), nil)
            }
            if threshold != nil || minimum != nil {
                return (
                    nil,
                    FieldFailure(
                        field: threshold != nil ? "passThreshold" : "subjectMinimum",
                        failure: CheckFailure(
                            .passRuleIncomplete,
                            "合格规则为“各科及格”时按各科自己的及格分判定，加权总分线和单科最低分请留空；要按总分判定请把合格规则改为“加权总分”"
                        ))
                )
            }
            return (.everySubject, nil)
        }
    }
}
