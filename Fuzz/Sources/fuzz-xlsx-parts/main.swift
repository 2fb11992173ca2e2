import Foundation
import FuzzSupport
import ZIPFoundation

// Each input holds the XML parts of an xlsx, separated by NUL bytes, in the order of
// `partPaths`; a part the input lacks is the minimal one below. The harness packs them into a
// valid ZIP (stored, with correct CRCs) so that every mutation reaches the XML scanner and the
// part handlers.
private let partPaths = [
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
]
private let minimalParts = [
    "<worksheet><sheetData/></worksheet>",
    "<sst/>",
    "<styleSheet/>",
    "<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    """
    <Relationships>\
    <Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://x/sharedStrings" Target="sharedStrings.xml"/>\
    <Relationship Id="rId3" Type="http://x/styles" Target="styles.xml"/>\
    </Relationships>
    """,
].map { Data($0.utf8) }
private let input = FuzzInputFile(name: "input.xlsx")

exit(
    LibFuzzer.run { data, size in
        let given = UnsafeRawBufferPointer(start: data, count: size)
            .split(separator: 0, maxSplits: partPaths.count - 1, omittingEmptySubsequences: false)
        let url = URL(fileURLWithPath: input.path)
        try? FileManager.default.removeItem(at: url)
        do {
            let archive = try Archive(url: url, accessMode: .create)
            for (i, path) in partPaths.enumerated() {
                let part = i < given.count ? Data(given[i]) : minimalParts[i]
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(part.count),
                    provider: { position, length in
                        part.subdata(in: Int(position)..<Int(position) + length)
                    })
            }
        } catch {
            fatalError("could not pack the parts: \(error)")
        }
        WorkbookReadThrough.run(path: input.path)
        return 0
    })
