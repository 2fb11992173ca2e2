import SpreadsheetReading

/// Why a file could not be read, in words a clerk can act on.
enum ReadFailure {
    static func problem(for error: Error) -> Problem {
        guard let error = error as? SpreadsheetReadError else {
            return Problem(
                code: ProblemCode.fileUnreadable.rawValue,
                message: "文件无法读取（\(error)）；请用 Excel 或 WPS 另存为 .xlsx 后重新放入")
        }
        let (code, message): (ProblemCode, String)
        switch error {
        case .empty:
            (code, message) = (.fileEmpty, "文件是空的（0 字节），可能没有复制完整；请重新放入")
        case .unrecognizedFormat(let detected):
            let what = detected.map { Self.formatNames[$0] ?? $0 }.map { "看起来是\($0)，" } ?? ""
            (code, message) = (
                .fileNotSpreadsheet,
                "这不是 Excel 表格文件（\(what)不是 .xlsx、.xls 或 .csv）；请用 Excel 或 WPS 打开模板填写后另存为 .xlsx"
            )
        case .corrupt:
            (code, message) = (
                .fileCorrupt, "文件已损坏或没有复制完整，无法读取；请在 Excel 或 WPS 中打开确认后重新保存、重新放入"
            )
        case .encrypted:
            (code, message) = (.fileEncrypted, "文件设置了打开密码，无法读取；请取消密码后重新保存、重新放入")
        case .forbiddenXML:
            (code, message) = (
                .fileForbiddenContent, "文件里含有不允许的内容（XML 实体定义），出于安全原因不予读取；请用 Excel 或 WPS 另存为新文件"
            )
        case .tooManyRows(let limit):
            (code, message) = (.fileTooManyRows, "文件超过 \(limit) 行数据；请拆成几个文件分别放入")
        case .tooManyColumns(let limit):
            (code, message) = (
                .fileTooManyColumns, "文件的列数超过 \(limit) 列（可能某个很靠右的单元格里有内容）；请删除多余的列后重新保存"
            )
        case .tooManySharedStrings(let limit):
            (code, message) = (.fileTooLarge, "文件里的不同文字超过 \(limit) 条，超出处理上限；请拆分文件")
        case .tooLarge(let limit):
            (code, message) = (
                .fileTooLarge,
                "文件解压后超过 \(limit >> 20) MB 或压缩比异常，超出处理上限；请确认文件内容，必要时拆分后重新放入"
            )
        case .unreadableText:
            (code, message) = (
                .fileUnreadable, "CSV 文件的文字编码无法识别；请用 Excel 另存为 .xlsx 或 UTF-8 编码的 CSV"
            )
        case .noSheets:
            (code, message) = (.fileNoHeader, "文件里没有工作表")
        }
        return Problem(code: code.rawValue, message: message)
    }

    private static let formatNames = [
        "pdf": " PDF 文件", "zip": "普通 ZIP 压缩包", "docx": " Word 文档", "png": " PNG 图片",
        "jpeg": " JPEG 图片", "gif": " GIF 图片", "doc": " Word 文档",
    ]
}
