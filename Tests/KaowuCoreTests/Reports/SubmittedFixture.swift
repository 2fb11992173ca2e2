import Foundation
import KaowuCore
import SpreadsheetReading
import XCTest

@testable import KaowuTestSupport

/// A submitted roster made by openpyxl (title rows, a blank row, an ID Excel turned into a
/// number, a date, a bool, an error value), and its rows as openpyxl reads them back.
enum SubmittedFixture {
    static let headerRowNumber = 3

    /// Writes the roster to `path` and returns its sheet, streamed from openpyxl's reading.
    static func make(at path: String) throws -> SubmittedSheet {
        let output = try runPython(script, path)
        let rows = try JSONDecoder().decode([JSONRow].self, from: output).map {
            SheetRow(number: $0.number, cells: $0.cells.map(\.cellValue))
        }
        return SubmittedSheet(name: "院校考生", headerRowNumber: headerRowNumber) { body in
            for row in rows { try body(row) }
        }
    }

    private struct JSONRow: Decodable {
        var number: Int
        var cells: [JSONCell]
    }

    /// One cell as the script encodes it: openpyxl's data type (d for dates) and the value.
    private struct JSONCell: Decodable {
        enum Value: Decodable {
            case text(String)
            case number(Double)
            case bool(Bool)
            case none

            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if container.decodeNil() {
                    self = .none
                } else if let flag = try? container.decode(Bool.self) {
                    self = .bool(flag)
                } else if let number = try? container.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }

        var t: String
        var v: Value

        var cellValue: CellValue {
            switch (t, v) {
            case ("s", .text(let text)): return .text(text)
            case ("e", .text(let text)): return .error(text)
            case ("n", .number(let number)): return .number(number)
            case ("b", .bool(let flag)): return .bool(flag)
            case ("d", .text(let iso)):
                let parts = iso.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
                return .date(
                    SheetDate(
                        year: parts[0], month: parts[1], day: parts[2],
                        hour: parts[3], minute: parts[4], second: parts[5]))
            default: return .empty
            }
        }
    }

    private static let script = #"""
        import datetime, json, sys
        import openpyxl
        path = sys.argv[1]
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = '院校考生'
        ws.append(['院校考生导入模板'])
        ws.merge_cells('A1:G1')
        ws.append(['请按表头填写；带 * 的列必须填写。'])
        ws.append(['姓名*', '证件类型', '证件号码*', '手机号', '入学日期', '在籍', '备注'])
        ws.append(['张三', '居民身份证', '11010519491231002X', '13800138000',
                   datetime.datetime(2023, 9, 1), True, '=不是公式'])
        ws.append(['李四', '居民身份证', 110105200001011234, '1380013800',
                   datetime.datetime(2023, 9, 1, 8, 30), False, None])
        ws['G4'].data_type = 's'  # text that looks like a formula, as a clerk may type it
        ws.append([None])
        ws.append(['阿卜杜·热合曼', '护照', 'E12345678', None, None, None, '#N/A'])
        ws['G7'].value = '#N/A'
        ws['G7'].data_type = 'e'
        for r in range(8, 38):
            ws.append(['考生%d' % r, '居民身份证', '1101052000010112%02d' % (r % 100), '139%08d' % r])
        wb.save(path)
        rows = []
        for row in openpyxl.load_workbook(path).active.iter_rows():
            if all(c.value is None for c in row):
                continue
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime):
                    v = v.isoformat()
                t = 'd' if isinstance(c.value, datetime.datetime) else c.data_type
                cells.append({'t': t, 'v': v})
            while cells and cells[-1]['v'] is None:
                cells.pop()
            rows.append({'number': row[0].row, 'cells': cells})
        print(json.dumps(rows, ensure_ascii=False))
        """#
}
