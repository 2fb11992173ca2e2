import Foundation
import KaowuCore
import XCTest

@testable import KaowuTestSupport

final class TemplateWorkbookTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("template-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func schema(extraFields: String = "") throws -> TableSchema {
        let json = """
            {"name": "school-candidates", "title": "院校考生导入", "fields": [
              {"name": "name", "title": "姓名", "type": "string",
               "description": "少数民族姓名可含 ·", "constraints": {"required": true, "maxLength": 30},
               "example": "阿卜杜·热合曼"},
              {"name": "idType", "title": "证件类型", "type": "string", "default": "居民身份证",
               "constraints": {"enum": ["居民身份证", "护照"]}},
              {"name": "idNumber", "title": "证件号码", "type": "string",
               "constraints": {"required": true}, "example": "11010519491231002X"},
              {"name": "year", "title": "入学年份", "type": "year",
               "constraints": {"minimum": 2000, "maximum": 2030}}\(extraFields)
            ], "kaowu": {"folder": "院校考生", "role": "school", "order": 20,
              "templateName": "院校考生导入模板",
              "instructions": ["1. 从第 4 行开始填写。", "2. 带 * 的列必须填写。"]}}
            """
        return try JSONDecoder().decode(TableSchema.self, from: Data(json.utf8))
    }

    func testTemplateLayout() throws {
        let file = directory.appendingPathComponent("template.xlsx").path
        try TemplateWorkbook.write(schema: try schema(), to: file)
        let dump = try WorkbookDump.read(file)
        XCTAssertEqual(dump.sheets, ["院校考生导入", "填写说明"])

        let form = dump["院校考生导入"]
        XCTAssertEqual(form.cells["A1"]?.value, .text("院校考生导入模板"))
        XCTAssertEqual(form.cells["A1"]?.bold, true)
        XCTAssertEqual(form.merged.sorted(), ["A1:D1", "A2:D2"])
        XCTAssertEqual(form.cells["A2"]?.value, .text("1. 从第 4 行开始填写。\n2. 带 * 的列必须填写。"))
        XCTAssertEqual(form.cells["A2"]?.wrap, true)
        XCTAssertGreaterThan(form.heights["2"] ?? 0, 30)
        XCTAssertEqual(form.cells["A3"]?.value, .text("姓名*"))
        XCTAssertEqual(form.cells["A3"]?.fontColor, "C00000")
        XCTAssertEqual(form.cells["B3"]?.value, .text("证件类型"))
        XCTAssertNil(form.cells["B3"]?.fontColor)
        XCTAssertEqual(form.cells["C3"]?.value, .text("证件号码*"))
        XCTAssertEqual(form.cells["D3"]?.value, .text("入学年份"))
        // ID columns are text from row 4 to row 1003, so Excel keeps every digit.
        for cell in ["A4", "C4", "C1003", "B500"] {
            XCTAssertEqual(form.cells[cell]?.numberFormat, "@", cell)
        }
        XCTAssertNil(form.cells["C1004"])
        XCTAssertNil(form.cells["D4"], "a year column is not text")
        XCTAssertEqual(form.freeze, "A4")
        XCTAssertEqual(form.validations.count, 1)
        XCTAssertEqual(form.validations.first?.range, "B4:B1003")
        XCTAssertEqual(form.validations.first?.formula, "\"居民身份证,护照\"")
        XCTAssertGreaterThanOrEqual(form.widths["C"] ?? 0, 18)  // fits the 18-character example

        let guide = dump["填写说明"].cells
        XCTAssertEqual(guide["A1"]?.value, .text("列名"))
        XCTAssertEqual(guide["E1"]?.value, .text("示例"))
        XCTAssertEqual(guide["A2"]?.value, .text("姓名"))
        XCTAssertEqual(guide["B2"]?.value, .text("必填"))
        XCTAssertEqual(guide["C2"]?.value, .text("文本，最多 30 个字符"))
        XCTAssertEqual(guide["D2"]?.value, .text("少数民族姓名可含 ·"))
        XCTAssertEqual(guide["E2"]?.value, .text("阿卜杜·热合曼"))
        XCTAssertEqual(guide["B3"]?.value, .text("选填"))
        XCTAssertEqual(guide["C3"]?.value, .text("从下拉列表选择：居民身份证、护照，留空时为“居民身份证”"))
        XCTAssertEqual(guide["E4"]?.value, .text("11010519491231002X"))
        XCTAssertEqual(guide["C5"]?.value, .text("年份（如 2024），范围 2000–2030"))
    }

    func testLongChoiceListsMoveToAHiddenSheet() throws {
        let majors = (1...40).map { "\"专业名称第\($0)号\"" }.joined(separator: ",")
        let extra = """
            , {"name": "major", "title": "就读专业", "type": "string",
               "constraints": {"enum": [\(majors)]}}
            """
        let file = directory.appendingPathComponent("long.xlsx").path
        try TemplateWorkbook.write(schema: try schema(extraFields: extra), to: file)
        let dump = try WorkbookDump.read(file)
        XCTAssertEqual(dump.sheets, ["院校考生导入", "填写说明", "选项"])
        XCTAssertEqual(dump.hidden, ["选项"])
        XCTAssertEqual(dump["选项"].cells["A40"]?.value, .text("专业名称第40号"))
        let dropdown = dump["院校考生导入"].validations.first { $0.range == "E4:E1003" }
        XCTAssertEqual(dropdown?.formula, "'选项'!$A$1:$A$40")
    }
}
