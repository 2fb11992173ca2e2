import Foundation

/// The encodings a CSV from Excel or WPS arrives in, and how to tell them apart.
enum CSVTextEncoding: Sendable {
    case utf8
    /// Excel's "Unicode text": UTF-16 with a byte order mark (the BOM says which endianness).
    case utf16
    /// GB18030, the superset of GBK/GB2312 that Chinese Windows writes as "ANSI".
    case gb18030

    static let gb18030Foundation = String.Encoding(rawValue: 0x8000_0632)

    /// Decides the encoding from the BOM, else by validating the whole file as strict UTF-8
    /// (streaming, so memory stays at one chunk). Returns the BOM length to skip.
    static func detect(_ file: FileHandle, chunkSize: Int) throws -> (
        CSVTextEncoding, bomLength: Int
    ) {
        let head = try file.read(upToCount: chunkSize) ?? Data()
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return (.utf16, 0)
        }
        var carry: [UInt8] = []
        var chunk = head
        while !chunk.isEmpty {
            var bytes = carry + chunk
            // Hold back the last (possibly cut) character for the next round.
            var cut = bytes.count - 1
            while cut > 0, cut > bytes.count - 4, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            carry = Array(bytes[cut...])
            bytes.removeLast(bytes.count - cut)
            guard String(validating: bytes, as: UTF8.self) != nil else { return (.gb18030, 0) }
            chunk = try file.read(upToCount: chunkSize) ?? Data()
        }
        return (String(validating: carry, as: UTF8.self) != nil ? .utf8 : .gb18030, 0)
    }

    /// The text of one field. Throws `.unreadableText` if the bytes are not valid here.
    func decode(_ bytes: [UInt8]) throws -> String {
        if self == .utf8 || bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let text = String(bytes: bytes, encoding: Self.gb18030Foundation) else {
            throw SpreadsheetReadError.unreadableText(detail: "bytes are neither UTF-8 nor GB18030")
        }
        return text
    }
}
