import Foundation
import XCTest

/// What openpyxl (an independent reader) sees in an .xlsx file: sheets, cells with their
/// formatting and comments, merges, panes, filters, dropdowns, widths, print setup, images.
struct WorkbookDump: Decodable {
    var sheets: [String]
    var hidden: [String]
    var detail: [String: Sheet]

    struct Sheet: Decodable {
        var cells: [String: Cell]
        var merged: [String]
        var freeze: String?
        var filter: String?
        var validations: [Validation]
        var widths: [String: Double]
        var heights: [String: Double]
        var images: Int
        var orientation: String?
        var paperSize: String?
        var fitToWidth: Int?
        var printTitleRows: String?
        var gridlines: Bool
    }

    struct Cell: Decodable {
        var value: Value?
        /// openpyxl's data type: s (string), n (number), b (bool), d (date).
        var type: String
        var numberFormat: String
        var fill: String?
        var bold: Bool
        var fontColor: String?
        var wrap: Bool
        var comment: String?
        var author: String?
    }

    struct Validation: Decodable {
        var range: String
        var type: String?
        var formula: String?
        var error: String?
    }

    enum Value: Decodable, Equatable {
        case text(String)
        case number(Double)
        case bool(Bool)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    subscript(sheet: String) -> Sheet {
        guard let found = detail[sheet] else {
            XCTFail("no sheet \(sheet) in \(sheets)")
            return Sheet(
                cells: [:], merged: [], validations: [], widths: [:], heights: [:],
                images: 0, gridlines: true)
        }
        return found
    }

    /// Runs openpyxl on `path` and decodes what it reports.
    static func read(_ path: String) throws -> WorkbookDump {
        try JSONDecoder().decode(WorkbookDump.self, from: runPython(script, path))
    }

    private static let script = #"""
        import json, re, sys, zipfile, datetime
        import openpyxl
        path = sys.argv[1]
        wb = openpyxl.load_workbook(path)
        def color(c):
            if c is None or c.type != 'rgb' or c.rgb in (None, '00000000'):
                return None
            return str(c.rgb)[-6:]
        out = {'sheets': wb.sheetnames, 'hidden': [], 'detail': {}}
        for i, ws in enumerate(wb.worksheets):
            if ws.sheet_state != 'visible':
                out['hidden'].append(ws.title)
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    if isinstance(v, (datetime.datetime, datetime.date)):
                        v = v.isoformat()
                    fill = None
                    if c.fill is not None and c.fill.fill_type == 'solid':
                        fill = color(c.fill.fgColor)
                    info = {'value': v, 'type': c.data_type, 'numberFormat': c.number_format,
                            'fill': fill, 'bold': bool(c.font and c.font.b),
                            'fontColor': color(c.font.color) if c.font else None,
                            'wrap': bool(c.alignment and c.alignment.wrap_text),
                            'comment': c.comment.text if c.comment else None,
                            'author': c.comment.author if c.comment else None}
                    if v is None and fill is None and info['comment'] is None and c.number_format == 'General':
                        continue
                    cells[c.coordinate] = info
            vals = [{'range': str(dv.sqref), 'type': dv.type, 'formula': dv.formula1,
                     'error': dv.error} for dv in ws.data_validations.dataValidation]
            out['detail'][ws.title] = {
                'cells': cells,
                'merged': [str(r) for r in ws.merged_cells.ranges],
                'freeze': ws.freeze_panes,
                'filter': ws.auto_filter.ref,
                'validations': vals,
                'widths': {k: d.width for k, d in ws.column_dimensions.items() if d.width},
                'heights': {str(k): d.height for k, d in ws.row_dimensions.items() if d.height},
                'images': 0,
                'orientation': ws.page_setup.orientation,
                'paperSize': None if ws.page_setup.paperSize is None else str(ws.page_setup.paperSize),
                # fitToWidth left out of the XML means its default, 1 page.
                'fitToWidth': (ws.page_setup.fitToWidth or 1) if ws.sheet_properties.pageSetUpPr
                    and ws.sheet_properties.pageSetUpPr.fitToPage else None,
                'printTitleRows': ws.print_title_rows,
                'gridlines': ws.sheet_view.showGridLines is not False,
            }
        # images per sheet: pictures in the drawing the sheet's relationships point to
        with zipfile.ZipFile(path) as z:
            for i, ws in enumerate(wb.worksheets):
                rels = 'xl/worksheets/_rels/sheet%d.xml.rels' % (i + 1)
                if rels not in z.namelist():
                    continue
                for target in re.findall(r'Target="../drawings/(drawing\d+\.xml)"', z.read(rels).decode()):
                    drawing = z.read('xl/drawings/' + target).decode()
                    out['detail'][ws.title]['images'] += drawing.count('<xdr:pic>')
        print(json.dumps(out, ensure_ascii=False))
        """#
}
