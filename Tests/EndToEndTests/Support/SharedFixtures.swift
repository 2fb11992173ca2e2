import Foundation

/// Files that are slow to make (LibreOffice starts in seconds, not milliseconds), made once per
/// test run and shared: tests only read them and drop copies.
enum SharedFixtures {
    /// The roster every producer writes in `ProducerTests`: three candidates.
    static func producerRoster(ids: [String]) -> SchoolRoster {
        SchoolRoster(candidates: [
            SchoolRoster.row(name: "张三", id: ids[0], mobile: "13800138000", year: .number(2024)),
            SchoolRoster.row(
                name: "单田芳", pinyin: "Shan Tianfang", id: ids[1], mobile: "13912345678",
                major: "护理", level: "中职", year: "2023级"),
            SchoolRoster.row(
                name: "阿卜杜·热合曼", pinyin: "Abudu Rehemen", id: ids[2], mobile: "15012345678",
                major: "数控技术", level: "职业本科", year: .number(2025)),
        ])
    }

    static let producerIDs = once { try Producers.residentIDs(count: 3, start: 5000) }

    struct LibreOfficeFiles: Sendable {
        /// The openpyxl original, opened and saved again as .xlsx by LibreOffice.
        var xlsx: String
        /// The same saved as Excel 97-2003 .xls.
        var xls: String
    }

    /// The producer roster through LibreOffice, as .xlsx and as .xls (two soffice runs).
    static let libreOffice = once {
        let dir = directory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: SharedFixtures.directory) }
        let source = dir + "/roster.xlsx"
        try Producers.write(producerRoster(ids: producerIDs.get()), with: .openpyxl, to: source)
        let xls = try Producers.libreOffice(convert: [source], to: "xls", outDir: dir + "/xls")
        let xlsx = try Producers.libreOffice(convert: [source], to: "xlsx", outDir: dir + "/xlsx")
        return LibreOfficeFiles(xlsx: xlsx[0], xls: xls[0])
    }

    /// This test process's shared files (and LibreOffice's profile), removed when it exits.
    static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("kaowu-e2e-shared-\(getpid())").path

    /// Runs `make` (once, as a static's initialiser) and keeps its result or its error.
    private static func once<T>(_ make: () throws -> T) -> Result<T, EndToEndError> {
        do { return .success(try make()) } catch {
            return .failure(error as? EndToEndError ?? EndToEndError("\(error)"))
        }
    }
}
