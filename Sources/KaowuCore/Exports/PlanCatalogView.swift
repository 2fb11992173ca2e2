import SpreadsheetWriting

/// `outbox/<school>/考试计划/考试计划.xlsx`: every exam plan with its windows and pass rule
/// (sheet 考试计划, one line per plan and certificate) and every subject (sheet 考试科目), so a
/// school can fill in registrations without asking the org.
enum PlanCatalogView {
    static let folder = "考试计划"
    static let fileName = "考试计划.xlsx"

    static func write(_ snapshot: PlanCatalogSnapshot, updatedAt: String, to path: String) throws {
        let workbook = try XLSXWorkbook(path: path)
        let windows = PlanWindow.allCases
        try ViewSheet.write(
            workbook, name: "考试计划", title: "考试计划（更新于 \(updatedAt)；时间均含首尾两端）",
            headers: ["考试计划代码", "考试计划名称", "证书代码", "证书名称", "证书等级"]
                + windows.map { $0.chineseName + "时间" } + ["合格规则"],
            rows: snapshot.plans.map { plan in
                let certificate = snapshot.certificates[plan.certificate]
                return [
                    .text(plan.code), .text(plan.name), .text(plan.certificate),
                    .text(certificate?.name ?? ""), .text(certificate?.level ?? ""),
                ] + windows.map { .text(plan.windows[$0]?.text ?? "未设置") } + [
                    .text(plan.passRule.text)
                ]
            })
        try ViewSheet.write(
            workbook, name: "考试科目", title: "考试科目（更新于 \(updatedAt)）",
            headers: [
                "科目代码", "科目名称", "证书代码", "证书名称", "考试方式", "考试时长（分钟）", "满分", "及格分",
                "权重（%）", "收费标准（元）", "参考对象",
            ],
            rows: snapshot.subjects.map { s in
                [
                    .text(s.code), .text(s.name), .text(s.certificate),
                    .text(snapshot.certificates[s.certificate]?.name ?? ""), .text(s.examType),
                    .number(Double(s.durationMinutes)), .number(s.fullMark), .number(s.passMark),
                    .number(s.weightPercent), .number(s.fee), .text(s.audience.text),
                ]
            })
        try workbook.close()
    }
}
