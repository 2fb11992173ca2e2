import SpreadsheetReading
import XCTest

@testable import KaowuCore

/// The schema engine against the repository's real schemas: header matching, typing,
/// constraints, named checks and the primary key.
final class SchemaEngineTests: XCTestCase {
    static let schemasDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas").path

    private var catalog: KindCatalog!
    private var schema: TableSchema { catalog.kind(id: "school-candidates")!.schema }

    override func setUpWithError() throws {
        catalog = try KindCatalog.load(schemasDirectory: Self.schemasDirectory)
    }

    private func row(_ number: Int, _ texts: [String?]) -> SheetRow {
        SheetRow(number: number, cells: texts.map { $0.map(CellValue.text) ?? .empty })
    }

    private var context: ValidationContext {
        ValidationContext(
            now: KaowuClock.parseISO8601("2025-06-15T10:00:00+08:00", timeZone: .current)!,
            timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    }

    func testCatalogLoadsEveryBuiltInKindInWorkflowOrder() {
        XCTAssertEqual(
            catalog.kinds.map(\.id),
            [
                "certificates", "subjects", "exam-plans", "legacy-candidates", "school-candidates",
                "social-candidates", "candidate-updates", "photos", "registration-deletions",
                "registrations-by-certificate", "registrations-by-subject",
            ])
        XCTAssertEqual(catalog.kind(folder: "院校考生导入")?.id, "school-candidates")
        XCTAssertEqual(
            catalog.kinds(for: .org).map(\.id), ["certificates", "subjects", "exam-plans"])
    }

    func testHeaderRowIsFoundBelowTitlesWithClerksMarksIgnored() throws {
        let matcher = HeaderMatcher(schema: schema)
        let rows = [
            row(1, ["院校考生导入模板"]),
            row(2, ["带 * 的列必填"]),
            row(3, ["考生姓名（必填）", " 证件号码* ", "手机号码", "专业", "层次", "入学年份", "备注"]),
        ]
        let map = try XCTUnwrap(matcher.match(candidates: rows))
        XCTAssertEqual(map.headerRow, 3)
        XCTAssertEqual(map.columns[0], 0)  // name
        XCTAssertEqual(map.columns[3], 1)  // documentNumber
        XCTAssertNil(map.columns[1])  // namePinyin absent
        XCTAssertEqual(map.unknownColumns.map(\.header), ["备注"])
    }

    func testNoHeaderInAnUnrelatedTable() {
        let matcher = HeaderMatcher(schema: schema)
        XCTAssertNil(matcher.match(candidates: [row(1, ["日期", "金额", "备注"])]))
    }

    func testRowIsTypedNormalisedAndChecked() throws {
        let header = [
            "姓名", "姓名拼音", "证件类型", "证件号码", "手机号", "就读专业", "专业层次", "入学年份",
        ]
        let map = try XCTUnwrap(HeaderMatcher(schema: schema).match(candidates: [row(3, header)]))
        let validator = RowValidator(schema: schema, columns: map, context: context)
        var keys = validator.makeKeyIndex()
        let (valid, problems) = validator.validate(
            row(
                4,
                [
                    "单田芳", nil, "身份证", "11010519491231002x", "+86 138-1234-5678", "会计",
                    "大专", "2023级",
                ]), keys: &keys)
        XCTAssertEqual(problems.errors, [])
        let typed = try XCTUnwrap(valid)
        XCTAssertEqual(typed.text("namePinyin"), "Shan Tianfang")
        XCTAssertEqual(typed.text("documentType"), "居民身份证")
        XCTAssertEqual(typed.text("documentNumber"), "11010519491231002X")
        XCTAssertEqual(typed.text("mobile"), "13812345678")
        XCTAssertEqual(typed.text("majorLevel"), "高职专科")
        XCTAssertEqual(typed["enrollmentYear"], .integer(2023))
    }

    func testEveryProblemOfARowIsReportedWithItsCodeAndColumn() throws {
        let header = ["姓名*", "证件号码*", "手机号*", "就读专业*", "专业层次*", "入学年份*"]
        let map = try XCTUnwrap(HeaderMatcher(schema: schema).match(candidates: [row(3, header)]))
        let validator = RowValidator(schema: schema, columns: map, context: context)
        var keys = validator.makeKeyIndex()
        var cells: [CellValue] = [
            .text("张三"), .number(110_105_194_912_310_000), .text("1381234567"),
        ]
        cells += [.empty, .text("本科"), .text("2031")]
        let (valid, problems) = validator.validate(SheetRow(number: 9, cells: cells), keys: &keys)
        XCTAssertNil(valid)
        XCTAssertEqual(
            problems.errors.map(\.code),
            ["cn-id.excel-number", "cn-mobile.format", "required", "enum", "year.range"])
        XCTAssertEqual(problems.errors.map(\.column), ["证件号码*", "手机号*", "就读专业*", "专业层次*", "入学年份*"])
        XCTAssertEqual(problems.errors.first?.value, "1.1010519491231E+17")
        XCTAssertTrue(problems.errors.allSatisfy { $0.row == 9 })
    }

    func testPrimaryKeyNamesTheFirstRowEvenWhenTheDuplicateHasOtherErrors() throws {
        let header = ["姓名", "证件号码", "手机号", "就读专业", "专业层次", "入学年份"]
        let map = try XCTUnwrap(HeaderMatcher(schema: schema).match(candidates: [row(1, header)]))
        let validator = RowValidator(schema: schema, columns: map, context: context)
        var keys = validator.makeKeyIndex()
        let first = validator.validate(
            row(2, ["张三", "11010519491231002X", "13812345678", "会计", "中职", "2023"]), keys: &keys)
        XCTAssertNotNil(first.0)
        let second = validator.validate(
            row(5, ["李四", "11010519491231002X", "13812345678", "会计", "中职", "1980"]), keys: &keys)
        XCTAssertEqual(second.1.errors.map(\.code), ["year.range", "unique"])
        XCTAssertTrue(second.1.errors[1].message.contains("第 2 行"))
    }

    func testAGivenPinyinThatDisagreesIsAWarningNotAnError() throws {
        let header = ["姓名", "姓名拼音", "证件号码", "手机号", "就读专业", "专业层次", "入学年份"]
        let map = try XCTUnwrap(HeaderMatcher(schema: schema).match(candidates: [row(1, header)]))
        let validator = RowValidator(schema: schema, columns: map, context: context)
        var keys = validator.makeKeyIndex()
        let (valid, problems) = validator.validate(
            row(
                2, ["单田芳", "Dan Tianfang", "11010519491231002X", "13812345678", "会计", "中职", "2023"]),
            keys: &keys)
        XCTAssertNotNil(valid)
        XCTAssertEqual(problems.warnings.map(\.code), ["pinyin.mismatch"])
        XCTAssertEqual(valid?.text("namePinyin"), "Dan Tianfang")
    }

    /// A blank pinyin is read from the name only while the file can still be stored (the
    /// reading is stored, never reported); a warning about a given one is found either way,
    /// and a required pinyin is always filled in, since its blank would be an error.
    func testABlankPinyinIsFilledInOnlyWhenItCanBeStored() throws {
        let header = ["姓名", "姓名拼音", "证件号码", "手机号", "就读专业", "专业层次", "入学年份"]
        let map = try XCTUnwrap(HeaderMatcher(schema: schema).match(candidates: [row(1, header)]))
        let blank = row(2, ["单田芳", nil, "11010519491231002X", "13812345678", "会计", "中职", "2023"])
        let given = row(
            3, ["单田芳", "Dan Tianfang", "110105194912310038", "13812345678", "会计", "中职", "2023"])
        let pinyin = try XCTUnwrap(schema.fields.firstIndex { $0.name == "namePinyin" })
        let validator = RowValidator(schema: schema, columns: map, context: context)
        XCTAssertEqual(validator.checkFields(blank).values[pinyin], .text("Shan Tianfang"))
        XCTAssertNil(validator.checkFields(blank, fillingIn: false).values[pinyin])
        XCTAssertTrue(validator.checkFields(blank, fillingIn: false).problems.errors.isEmpty)
        XCTAssertEqual(
            validator.checkFields(given, fillingIn: false).problems.warnings.map(\.code),
            ["pinyin.mismatch"])
        var required = schema
        required.fields[pinyin].constraints?.required = true
        let strict = RowValidator(schema: required, columns: map, context: context)
        XCTAssertEqual(
            strict.checkFields(blank, fillingIn: false).values[pinyin], .text("Shan Tianfang"))
    }

    func testSchemaLintRejectsAnUnknownCheck() throws {
        var broken = schema
        broken.fields[0].check = "no-such-check"
        XCTAssertThrowsError(try SchemaLint.check(broken, expectedName: "school-candidates"))
    }

    func testTypedDatesAcceptTheWaysClerksWriteThem() {
        for text in ["2024-09-01", "2024/9/1", "2024.9.1", "2024年9月1日"] {
            XCTAssertEqual(
                SheetDateParser.parse(text, withTime: false),
                SheetDate(year: 2024, month: 9, day: 1), text)
        }
        XCTAssertNil(SheetDateParser.parse("2023-02-29", withTime: false))
        XCTAssertEqual(
            SheetDateParser.parse("2024-09-01 9:30", withTime: true),
            SheetDate(year: 2024, month: 9, day: 1, hour: 9, minute: 30))
    }
}
