import KaowuCore
import XCTest

/// DOMAIN.md steps 1 and 6 through the real CLI and folders: the org's certificates, subjects
/// and plan, then the school's registrations inside (and outside) the plan's windows.
final class PlanRegistrationTests: XCTestCase {
    private var site: PlanSite!

    /// Inside the registration window of plan K202603010001 (2026-03-01 09:00:00 to
    /// 2026-03-15 17:00:00, Asia/Shanghai).
    private let open = "2026-03-05T10:00:00+08:00"
    private let plan = "K202603010001"
    private var alice = ""
    private var bob = ""
    private var carol = ""
    private var dave = ""
    private var erin = ""
    private var stranger = ""

    override func setUpWithError() throws {
        site = try PlanSite()
        let ids = try Producers.residentIDs(count: 6, start: 500)
        (alice, bob, carol, dave, erin, stranger) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5])
        try publishCatalog()
        try importCandidates()
    }

    override func tearDown() {
        site.root.close(keep: false)
    }

    // MARK: Step 1: the org's catalog

    func testPlanViewShowsPlansSubjectsAndWindowsToEverySchool() throws {
        for school in ["S001", "S002"] {
            let plans = try site.viewRows("\(school)/考试计划/考试计划.xlsx", sheet: "考试计划")
            XCTAssertEqual(plans.map { $0["证书代码"] }, ["C0001", "C0002"])
            XCTAssertEqual(plans[0]["报考时间"], "2026-03-01 09:00:00 至 2026-03-15 17:00:00")
            XCTAssertEqual(plans[0]["缴费时间"], "未设置")
            XCTAssertEqual(plans[0]["合格规则"], "各科及格")
            XCTAssertEqual(plans[1]["合格规则"], "加权总分≥60，单科≥40")
            let subjects = try site.viewRows("\(school)/考试计划/考试计划.xlsx", sheet: "考试科目")
            // Typed as the number 1001 in the org's file: the leading zeros come back.
            XCTAssertEqual(subjects.map { $0["科目代码"] }, ["001001", "001002", "002001", "002002"])
            XCTAssertEqual(subjects.map { $0["参考对象"] }, ["所有考生", "所有考生", "所有考生", "院校考生"])
        }
    }

    func testReSubmittingACodeUpdatesIt() throws {
        let report = try dropCertificates(
            "证书改名", [["证书代码": "C0001", "证书名称": "Web前端开发V2", "证书等级": "高级"]])
        XCTAssertEqual(report.status, .applied, "\(report.errors)")
        let plans = try site.viewRows("S001/考试计划/考试计划.xlsx", sheet: "考试计划")
        XCTAssertEqual(plans[0]["证书名称"], "Web前端开发V2")
        XCTAssertEqual(plans[0]["证书等级"], "高级")
    }

    func testAnOrgTouchesOnlyItsOwnCodes() throws {
        let certificates = try site.drop(
            "O002", template: "证书模板", folder: "证书", name: "抢代码",
            rows: [["证书代码": "C0001", "证书名称": "冒名", "证书等级": "初级"]], at: open)
        XCTAssertEqual(certificates.errors.map(\.code), ["owner.foreign"])
        let subjects = try site.drop(
            "O002", template: "考试科目模板", folder: "考试科目", name: "借证书",
            rows: [subjectRow("009001", certificate: "C0001")], at: open)
        XCTAssertEqual(subjects.errors.map(\.code), ["reference.unknown"])
    }

    func testWindowsMustBeCompleteAndInOrder() throws {
        var reversed = planRow("C0001")
        reversed["缴费开始时间"] = "2026-03-20 09:00:00"
        reversed["缴费结束时间"] = "2026-03-19 17:00:00"
        var half = planRow("C0002")
        half["考试开始时间"] = "2026-04-01 09:00:00"
        half["合格规则"] = "加权总分"
        let report = try dropPlans("坏窗口", [reversed, half])
        XCTAssertEqual(report.status, .rejected)
        XCTAssertEqual(
            report.errors.map(\.code),
            ["window.reversed", "window.incomplete", "pass-rule.incomplete"])
        XCTAssertEqual(report.errors[0].column, "缴费结束时间")
        XCTAssertTrue(report.errors[0].message.contains("2026-03-19 17:00:00"))
    }

    func testChangesThatBreakRegistrationsAreRefused() throws {
        XCTAssertEqual(try registerByCertificate("报考", [alice], "C0001").status, .applied)
        // 001001 now holds a 院校考生: narrowing it to 社会考生 would strand her.
        let narrowed = try dropSubjects(
            "改参考对象", [subjectRow("001001", certificate: "C0001", audience: "社会考生")])
        XCTAssertEqual(narrowed.errors.map(\.code), ["plan.breaks-registrations"])
        XCTAssertTrue(narrowed.errors[0].message.contains("院校考生"))
        var removal = planRow("C0001")
        removal["移除"] = "是"
        let removed = try dropPlans("移除证书", [removal])
        XCTAssertEqual(removed.errors.map(\.code), ["plan.breaks-registrations"])
        // What breaks nothing is allowed: a later registration end, C0002 with no registrations.
        var longer = planRow("C0001")
        longer["报考结束时间"] = "2026-03-20 17:00:00"
        var dropC0002 = planRow("C0002")
        dropC0002["移除"] = "是"
        XCTAssertEqual(try dropPlans("延长并移除", [longer, dropC0002]).status, .applied)
        let plans = try site.viewRows("S002/考试计划/考试计划.xlsx", sheet: "考试计划")
        XCTAssertEqual(plans.map { $0["证书代码"] }, ["C0001"])
        XCTAssertEqual(plans[0]["报考时间"], "2026-03-01 09:00:00 至 2026-03-20 17:00:00")
    }

    // MARK: Step 6: registration

    func testRegistrationByCertificateFillsTheRoster() throws {
        let report = try registerByCertificate("按证书", [alice, bob], "C0001")
        XCTAssertEqual(report.status, .applied, "\(report.errors)")
        XCTAssertEqual(report.rows.applied, 2)
        let roster = try site.viewRows("S001/报考名单/\(plan).xlsx")
        XCTAssertEqual(
            roster.map { [$0["证件号码"]!, $0["科目代码"]!, $0["缴费状态"]!] },
            [
                [alice, "001001", "未缴费"], [alice, "001002", "未缴费"], [bob, "001001", "未缴费"],
                [bob, "001002", "未缴费"],
            ].sorted { $0[0] + $0[1] < $1[0] + $1[1] })
        XCTAssertFalse(site.exists("S002/报考名单/\(plan).xlsx"))
    }

    /// Admission tickets need photos, but a photo may follow the registration: a warning.
    func testACandidateWithoutAPhotoIsRegisteredWithAWarning() throws {
        let photos = site.root.inbox("S001", "考生照片导入") + "/照片.zip"
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import io, sys, zipfile
                sys.path.insert(0, sys.argv[1])
                from make_photos import portrait, RED
                out = io.BytesIO(); portrait(RED).save(out, "JPEG", quality=90)
                with zipfile.ZipFile(sys.argv[2], "w") as z:
                    z.writestr(sys.argv[3] + ".jpg", out.getvalue())
                """, KaowuExecutable.packageRoot + "/Tests/Fixtures", photos, alice,
            ])
        try site.root.runOnce()
        XCTAssertEqual(try site.report("S001", folder: "考生照片导入", stem: "照片").status, .applied)

        let report = try registerByCertificate("有无照片", [alice, bob], "C0001")
        XCTAssertEqual(report.status, .applied, "\(report.errors)")
        XCTAssertEqual(report.warnings.map(\.code), ["registration.no-photo"])
        XCTAssertEqual(report.warnings.first?.row, 5, "bob's row, not alice's")
        XCTAssertEqual(report.rows.warning, 1)
    }

    func testCertificateWhoseSubjectsDifferByAudienceNeedsTheBySubjectTemplate() throws {
        let report = try registerByCertificate("混合", [alice], "C0002")
        XCTAssertEqual(report.errors.map(\.code), ["registration.use-by-subject"])
        XCTAssertTrue(report.errors[0].message.contains("按科目批量导入报考"))
    }

    func testRegistrationBySubjectChecksTheAudience() throws {
        let ok = try registerBySubject(
            "按科目",
            [
                [alice, "C0002", "002002", "院校考生"], [alice, "C0002", "2001", ""],
            ])
        XCTAssertEqual(ok.status, .applied, "\(ok.errors)")
        let bad = try registerBySubject(
            "参考对象不符",
            [
                [bob, "C0002", "002002", ""],  // not written
                [carol, "C0002", "002002", "院校考生"],  // a 社会考生
            ])
        XCTAssertEqual(bad.errors.map(\.code), ["registration.audience", "registration.audience"])
        XCTAssertEqual(bad.errors.map(\.row), [4, 5])
        XCTAssertTrue(bad.errors[1].message.contains("社会考生"))
    }

    func testRegisteringTwiceIsAnError() throws {
        XCTAssertEqual(try registerByCertificate("第一次", [alice], "C0001").status, .applied)
        let again = try registerBySubject("第二次", [[alice, "C0001", "001002", ""]])
        XCTAssertEqual(again.errors.map(\.code), ["registration.duplicate"])
        XCTAssertTrue(again.errors[0].message.contains("001002"))
    }

    func testUnknownReferencesAndOtherSchoolsCandidatesReadTheSame() throws {
        let report = try registerBySubject(
            "未知",
            [
                [stranger, "C0001", "001001", ""],
                [dave, "C0001", "001001", ""],  // S002's candidate
                [alice, "C0001", "009999", ""],
            ])
        XCTAssertEqual(report.errors.map(\.code), Array(repeating: "reference.unknown", count: 3))
        XCTAssertEqual(
            report.errors[0].message.replacingOccurrences(of: stranger, with: "#"),
            report.errors[1].message.replacingOccurrences(of: dave, with: "#"))
        let wrongPlan = try site.drop(
            "S001", template: "按证书批量导入报考模板", folder: "按证书批量导入报考", name: "错计划",
            rows: [["证件号码": alice, "考试计划代码": "K209912310001", "证书代码": "C0001"]], at: open)
        XCTAssertEqual(wrongPlan.errors.map(\.code), ["reference.unknown"])
        XCTAssertEqual(wrongPlan.errors[0].column, "考试计划代码*")
    }

    func testIncompleteCandidateRecordCannotRegister() throws {
        // Last year's records, taken over by the operator, hold only a name and an ID.
        let legacy = site.root.scratchFile("往年考生.xlsx")
        try Producers.write(
            SheetSpec(rows: [(1, ["考生类别", "姓名", "证件号码"]), (2, ["院校考生", "赵五", .text(erin)])]),
            with: .openpyxl, to: legacy)
        try site.root.kaowuChecked(["import-legacy", legacy, "--institution", "S001"])
        let report = try registerByCertificate("不完整", [erin], "C0001")
        XCTAssertEqual(report.errors.map(\.code), ["registration.candidate-incomplete"])
        XCTAssertTrue(report.errors[0].message.contains("手机号、就读专业、专业层次、入学年份"))
    }

    func testDeletionRemovesOneSubjectOrAllAndKeepsPaidOnes() throws {
        XCTAssertEqual(try registerByCertificate("报考", [alice, bob], "C0001").status, .applied)
        let one = try deleteRegistrations("删一科", [[alice, "C0001", "001002"]])
        XCTAssertEqual(one.status, .applied, "\(one.errors)")
        var roster = try site.viewRows("S001/报考名单/\(plan).xlsx")
        XCTAssertEqual(roster.filter { $0["证件号码"] == alice }.map { $0["科目代码"] }, ["001001"])
        let missing = try deleteRegistrations("删不存在", [[alice, "C0001", "001002"]])
        XCTAssertEqual(missing.errors.map(\.code), ["registration.not-found"])
        // Payment confirmation (step 7) has no file kind yet; it sets this flag.
        try site.sql("UPDATE registration SET paid = 1 WHERE subject = '001001';")
        let paid = try deleteRegistrations("删已缴费", [[bob, "C0001", ""]])
        XCTAssertEqual(paid.errors.map(\.code), ["registration.paid"])
        let rest = try deleteRegistrations("删未缴费", [[bob, "C0001", "001002"]])
        XCTAssertEqual(rest.status, .applied, "\(rest.errors)")
        roster = try site.viewRows("S001/报考名单/\(plan).xlsx")
        XCTAssertEqual(roster.map { $0["缴费状态"] }, ["已缴费", "已缴费"])
    }

    // MARK: Time: the window's edges, to the second

    func testRegistrationWindowEdges() throws {
        let before = try registerByCertificate(
            "开窗前一秒", [alice], "C0001", at: "2026-03-01T08:59:59+08:00")
        XCTAssertEqual(before.status, .rejected)
        XCTAssertEqual(before.errors.map(\.code), ["window.closed"])
        let message = before.errors[0].message
        XCTAssertTrue(message.contains("报考时间为 2026-03-01 09:00:00 至 2026-03-15 17:00:00"), message)
        XCTAssertTrue(message.contains("现在是 2026-03-01 08:59:59"), message)
        XCTAssertEqual(
            try registerByCertificate("开窗第一秒", [alice], "C0001", at: "2026-03-01T09:00:00+08:00")
                .status, .applied)
        XCTAssertEqual(
            try deleteRegistrations(
                "最后一秒删除", [[alice, "C0001", ""]], at: "2026-03-15T17:00:00+08:00"
            ).status, .applied)
        let after = try registerByCertificate(
            "关窗后一秒", [alice], "C0001", at: "2026-03-15T17:00:01+08:00")
        XCTAssertEqual(after.errors.map(\.code), ["window.closed"])
        XCTAssertTrue(after.errors[0].message.contains("现在是 2026-03-15 17:00:01"))
        let lateDelete = try deleteRegistrations(
            "关窗后删除", [[bob, "C0001", ""]], at: "2026-03-15T17:00:01+08:00")
        XCTAssertTrue(lateDelete.errors.map(\.code).contains("window.closed"))
    }

    // MARK: Making the files

    private func publishCatalog() throws {
        let certificates = try dropCertificates(
            "证书",
            [
                ["证书代码": "C0001", "证书名称": "Web前端开发", "证书等级": "中级"],
                ["证书代码": "C0002", "证书名称": "数据分析", "证书等级": "初级"],
            ])
        XCTAssertEqual(certificates.status, .applied, "\(certificates.errors)")
        let subjects = try dropSubjects(
            "科目",
            [
                subjectRow("num:1001", certificate: "C0001"),
                subjectRow("001002", certificate: "C0001", type: "实操"),
                subjectRow("002001", certificate: "C0002"),
                subjectRow("002002", certificate: "C0002", audience: "院校考生"),
            ])
        XCTAssertEqual(subjects.status, .applied, "\(subjects.errors)")
        var weighted = planRow("C0002")
        weighted["合格规则"] = "加权总分"
        weighted["加权总分线"] = "60"
        weighted["单科最低分"] = "40"
        let plans = try dropPlans("计划", [planRow("C0001"), weighted])
        XCTAssertEqual(plans.status, .applied, "\(plans.errors)")
    }

    private func importCandidates() throws {
        let school = { (name: String, id: String) in
            [
                "姓名": name, "证件号码": id, "手机号": "13812345678", "就读专业": "计算机应用技术",
                "专业层次": "高职专科", "入学年份": "2024",
            ]
        }
        let own = try site.drop(
            "S001", template: "院校考生导入模板", folder: "院校考生导入", name: "考生",
            rows: [school("张三", alice), school("李四", bob)], at: open)
        XCTAssertEqual(own.status, .applied, "\(own.errors)")
        let social = try site.drop(
            "S001", template: "社会考生导入模板", folder: "社会考生导入", name: "社会考生",
            rows: [["姓名": "王五", "证件号码": carol, "手机号": "13912345678"]], at: open)
        XCTAssertEqual(social.status, .applied, "\(social.errors)")
        let other = try site.drop(
            "S002", template: "院校考生导入模板", folder: "院校考生导入", name: "考生",
            rows: [school("钱六", dave)], at: open)
        XCTAssertEqual(other.status, .applied, "\(other.errors)")
    }

    private func subjectRow(
        _ code: String, certificate: String, type: String = "机考", audience: String = ""
    ) -> [String: String] {
        [
            "科目代码": code, "科目名称": "科目" + code, "证书代码": certificate, "考试方式": type,
            "考试时长（分钟）": "90", "满分": "100", "及格分": "60", "权重（%）": "50",
            "收费标准（元）": "200", "参考对象": audience,
        ]
    }

    private func planRow(_ certificate: String) -> [String: String] {
        [
            "考试计划代码": plan, "考试计划名称": "2026年上半年考核", "证书代码": certificate,
            "报考开始时间": "2026-03-01 09:00:00", "报考结束时间": "2026-03-15 17:00:00",
        ]
    }

    private func dropCertificates(_ name: String, _ rows: [[String: String]]) throws -> JobReport {
        try site.drop("O001", template: "证书模板", folder: "证书", name: name, rows: rows, at: open)
    }

    private func dropSubjects(_ name: String, _ rows: [[String: String]]) throws -> JobReport {
        try site.drop(
            "O001", template: "考试科目模板", folder: "考试科目", name: name, rows: rows, at: open)
    }

    private func dropPlans(_ name: String, _ rows: [[String: String]]) throws -> JobReport {
        try site.drop(
            "O001", template: "考试计划模板", folder: "考试计划", name: name, rows: rows, at: open)
    }

    private func registerByCertificate(
        _ name: String, _ ids: [String], _ certificate: String, at now: String? = nil
    ) throws -> JobReport {
        try site.drop(
            "S001", template: "按证书批量导入报考模板", folder: "按证书批量导入报考", name: name,
            rows: ids.map { ["证件号码": $0, "考试计划代码": plan, "证书代码": certificate] },
            at: now ?? open)
    }

    /// Rows of 证件号码, 证书代码, 科目代码, 参考对象.
    private func registerBySubject(_ name: String, _ rows: [[String]]) throws -> JobReport {
        try site.drop(
            "S001", template: "按科目批量导入报考模板", folder: "按科目批量导入报考", name: name,
            rows: rows.map {
                ["证件号码": $0[0], "考试计划代码": plan, "证书代码": $0[1], "科目代码": $0[2], "参考对象": $0[3]]
            }, at: open)
    }

    /// Rows of 证件号码, 证书代码, 科目代码 (blank = all).
    private func deleteRegistrations(
        _ name: String, _ rows: [[String]], at now: String? = nil
    ) throws -> JobReport {
        try site.drop(
            "S001", template: "批量删除报考数据模板", folder: "批量删除报考数据", name: name,
            rows: rows.map { ["证件号码": $0[0], "考试计划代码": plan, "证书代码": $0[1], "科目代码": $0[2]] },
            at: now ?? open)
    }
}
