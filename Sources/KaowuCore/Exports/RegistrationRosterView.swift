import SpreadsheetWriting

/// `outbox/<school>/报考名单/<plan>.xlsx`: the school's registrations under one plan, one line
/// per candidate and subject.
enum RegistrationRosterView {
    static let folder = "报考名单"

    static func write(plan: String, lines: [RosterLine], updatedAt: String, to path: String)
        throws
    {
        let workbook = try XLSXWorkbook(path: path)
        try ViewSheet.write(
            workbook, name: "报考名单",
            title: "考试计划 \(plan) 报考名单（更新于 \(updatedAt)，共 \(lines.count) 条）",
            headers: [
                "证件号码", "姓名", "考生类别", "证书代码", "证书名称", "科目代码", "科目名称", "考试方式", "缴费状态",
            ],
            rows: lines.map { l in
                [
                    .text(l.documentNumber), .text(l.name), .text(l.population),
                    .text(l.certificate), .text(l.certificateName), .text(l.subject),
                    .text(l.subjectName), .text(l.examType), .text(l.paid ? "已缴费" : "未缴费"),
                ]
            })
        try workbook.close()
    }
}
