import CFreeXL
import Foundation

/// Tells why an OLE2 compound file that freexl refused is not a readable .xls.
enum OLE2Inspector {
    /// `.encrypted` when the file has an `EncryptionInfo` stream (a password-protected xlsx
    /// or xls), `.unrecognizedFormat` for a Word document or another OLE2 file without a
    /// workbook, otherwise `.corrupt` with freexl's status.
    static func whyNotReadable(path: String, freexlStatus: Int32) -> SpreadsheetReadError {
        // Directory entry names are UTF-16LE; finding them in the raw bytes is enough here.
        if fileContains(path, utf16Name: "EncryptionInfo") { return .encrypted }
        if fileContains(path, utf16Name: "WordDocument") {
            return .unrecognizedFormat(detected: "doc")
        }
        if freexlStatus == FREEXL_BIFF_WORKBOOK_NOT_FOUND {
            return .unrecognizedFormat(detected: "ole2-not-xls")
        }
        return .corrupt(detail: "freexl error \(freexlStatus)")
    }

    private static func fileContains(_ path: String, utf16Name: String) -> Bool {
        let needle = utf16Name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            let window = carry + chunk
            let found = window.withUnsafeBytes { bytes in
                needle.withUnsafeBytes { pattern in
                    ByteSearch.firstOffset(of: pattern, in: bytes.baseAddress!, count: bytes.count)
                } != nil
            }
            if found { return true }
            carry = Array(window.suffix(needle.count - 1))
        }
        return false
    }
}
