import XCTest

@testable import SpreadsheetReading

/// The sheet scanner must give the same rows however the inflated bytes are cut into chunks.
final class StreamingScannerTests: XCTestCase {
    private func rows(of xml: [UInt8], chunkSize: Int) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        let collect = { (row: SheetRow) in rows.append(row) }
        try withoutActuallyEscaping(collect) { emit in
            var handler = SheetPartHandler(
                sharedStrings: [], dateStyles: [false, true],
                date1904: false, limits: ReadLimits(), emit: emit)
            var scanner = XMLStreamScanner()
            var offset = 0
            while offset < xml.count {
                let end = min(offset + chunkSize, xml.count)
                try xml[offset..<end].withUnsafeBytes { try scanner.feed($0, into: &handler) }
                offset = end
            }
            try scanner.finish()
        }
        return rows
    }

    func testEveryChunkBoundaryGivesTheSameRows() throws {
        // A sheet as openpyxl writes it (inline strings), extracted by the fixture script.
        let xml = [UInt8](
            try Data(
                contentsOf: URL(
                    fileURLWithPath:
                        try Fixtures.path("sheet1-openpyxl.xml"))))
        let whole = try rows(of: xml, chunkSize: xml.count)
        XCTAssertEqual(whole.map(\.number), [1, 2, 3, 4, 5, 7])
        for chunkSize in 1...9 {
            XCTAssertEqual(
                try rows(of: xml, chunkSize: chunkSize), whole, "chunk size \(chunkSize)")
        }
    }

    func testEntitiesCDATACommentsAndEscapes() throws {
        let xml = Array(
            """
            <?xml version="1.0"?><worksheet><sheetData><!-- note -->\
            <row r="2"><c r="B2" t="inlineStr"><is><t>a&amp;b&lt;&#x4E2D;&#25991;</t></is></c>\
            <c t="inlineStr"><is><r><t><![CDATA[<x>]]></t></r>\
            <r><t xml:space="preserve"> y_x000D_</t></r>\
            <rPh><t>ignored</t></rPh></is></c><c s="1"><v>45000.5</v></c></row></sheetData></worksheet>
            """.utf8)
        XCTAssertEqual(
            try rows(of: xml, chunkSize: 3),
            [
                SheetRow(
                    number: 2,
                    cells: [
                        .empty, .text("a&b<中文"), .text("<x> y\r"),
                        .date(SheetDate(year: 2023, month: 3, day: 15, hour: 12)),
                    ])
            ])
    }

    func testEntityDeclarationIsRefusedEvenWhenSplit() {
        let xml = Array("<?xml version=\"1.0\"?><!ENTITY x \"y\"><worksheet/>".utf8)
        XCTAssertThrowsError(try rows(of: xml, chunkSize: 2)) { error in
            guard case .forbiddenXML? = error as? SpreadsheetReadError else {
                return XCTFail("got \(error)")
            }
        }
    }
}
