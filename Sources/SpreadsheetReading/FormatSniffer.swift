import Foundation

/// Decides by a file's first bytes which reader gets it.
enum FormatSniffer {
    enum Container {
        case zip, ole2, text
    }

    /// The container kind of the file at `path`. The extension is consulted only for text
    /// (.csv/.txt become csv, other text is unknown). Throws `.empty`, `.unrecognizedFormat`,
    /// or `.corrupt` when the file cannot be opened.
    static func sniff(path: String) throws -> Container {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw SpreadsheetReadError.corrupt(detail: "cannot open \(path)")
        }
        defer { try? file.close() }
        let head = [UInt8](try file.read(upToCount: 8) ?? Data())
        guard !head.isEmpty else { throw SpreadsheetReadError.empty }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        if let detected = binaryKind(head) {
            throw SpreadsheetReadError.unrecognizedFormat(detected: detected)
        }
        let pathExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard pathExtension == "csv" || pathExtension == "txt" else {
            throw SpreadsheetReadError.unrecognizedFormat(detected: nil)
        }
        return .text
    }

    private static func binaryKind(_ head: [UInt8]) -> String? {
        if head.starts(with: Array("%PDF".utf8)) { return "pdf" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpeg" }
        if head.starts(with: Array("GIF8".utf8)) { return "gif" }
        // An empty zip archive or a spanned one: a zip, but certainly no workbook.
        if head.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || head.starts(with: [0x50, 0x4B, 0x07, 0x08])
        {
            return "zip"
        }
        return nil
    }
}
