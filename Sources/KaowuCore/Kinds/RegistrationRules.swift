/// What the three registration kinds share: whose registration, under which plan and
/// certificate, and whether the plan's registration window is open now. Another school's
/// candidate and an unknown one get the same words, so nothing leaks between schools.
struct RegistrationRules {
    let scope: JobScope

    /// The row's candidate and plan, once every shared rule holds.
    struct Target {
        var candidate: RegistrableCandidate
        var plan: ExamPlan
    }

    /// Resolves the row's 证件号码, 考试计划代码 and 证书代码 and checks the registration window;
    /// with `complete`, also that the candidate's record holds what registration needs.
    /// Returns the target, or every failure found (never both).
    func target(_ row: ValidatedRow, complete: Bool) throws -> (Target?, [FieldFailure]) {
        let number = row.text("documentNumber") ?? ""
        let planCode = row.text("plan") ?? ""
        let certificate = row.text("certificate") ?? ""
        var failures: [FieldFailure] = []
        var plan: ExamPlan?
        if try scope.records.examCatalog.planOwner(code: planCode) == nil {
            failures.append(unknown("plan", "没有代码为 \(planCode) 的考试计划；请核对发件箱“考试计划”文件夹里的计划代码"))
        } else if let found = try scope.records.examCatalog.plan(
            code: planCode, certificate: certificate)
        {
            plan = found
            if let refusal = found.refusal(outside: .registration, now: scope.context.now) {
                failures.append(FieldFailure(field: "plan", failure: refusal))
            }
        } else {
            failures.append(
                unknown("certificate", "考试计划 \(planCode) 不包含代码为 \(certificate) 的证书"))
        }
        let candidate = try scope.records.registrations.candidate(documentNumber: number)
        if candidate == nil {
            failures.append(
                unknown("documentNumber", "本校没有证件号码为 \(number) 的考生；请先通过考生导入添加该考生"))
        }
        if complete, let candidate, !candidate.missingForRegistration.isEmpty {
            failures.append(
                FieldFailure(
                    field: "documentNumber",
                    failure: CheckFailure(
                        .registrationCandidateIncomplete,
                        "考生\(candidate.candidate.name)的信息不完整，报考前需补全：\(candidate.missingForRegistration.joined(separator: "、"))；请用“批量修改考生信息”补全后再报考"
                    )))
        }
        guard failures.isEmpty, let candidate, let plan else { return (nil, failures) }
        return (Target(candidate: candidate, plan: plan), [])
    }

    /// Registers `subjects`; a subject the candidate already holds in the plan is an error
    /// (the whole file is then rolled back, so nothing is half-registered). A candidate without
    /// a photo is registered with a warning: the photo can follow before tickets are printed.
    func register(_ subjects: [ExamSubject], target: Target, row: ValidatedRow) throws
        -> [FieldFailure]
    {
        var held: [String] = []
        for subject in subjects {
            let added = try scope.records.registrations.register(
                candidate: target.candidate.id, plan: target.plan.code,
                certificate: target.plan.certificate, subject: subject.code, job: scope.job,
                row: row.number)
            if !added { held.append("\(subject.code) \(subject.name)") }
        }
        guard !held.isEmpty else {
            guard !target.candidate.hasPhoto else { return [] }
            return [
                FieldFailure(
                    field: "documentNumber",
                    failure: CheckFailure(
                        .registrationNoPhoto,
                        "考生\(target.candidate.candidate.name)还没有照片；已报考，请在打印准考证前用“考生照片导入”上传"
                    ), isWarning: true)
            ]
        }
        return [
            FieldFailure(
                field: "documentNumber",
                failure: CheckFailure(
                    .registrationDuplicate,
                    "考生\(target.candidate.candidate.name)在考试计划 \(target.plan.code) 中已报考过科目 \(held.joined(separator: "、"))，不能重复报考"
                ))
        ]
    }

    func unknown(_ field: String, _ message: String) -> FieldFailure {
        FieldFailure(field: field, failure: CheckFailure(.referenceUnknown, message))
    }
}
