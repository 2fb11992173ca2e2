import Foundation

/// What the .xls reader child writes on its stdout, and how the parent reads it back.
///
/// Little-endian binary frames, each a one-byte tag and its payload:
/// `N` sheet names (u32 count, strings); `R` one row (u32 number, u32 cell count, cells);
/// `E` a `SpreadsheetReadError` as JSON (u32 length, bytes); `D` done. A stream ends with
/// exactly one `E` or `D`. A string is a u32 byte count and UTF-8; a cell is a kind byte
/// (0 empty, 1 text, 2 number as IEEE bits, 3 bool, 4 date as six i32, 5 error text).
enum XLSFrame: Equatable {
    case sheetNames([String])
    case row(SheetRow)
    case failure(SpreadsheetReadError)
    case done

    /// Appends the frame's bytes to `out`.
    func encode(into out: inout [UInt8]) {
        switch self {
        case .sheetNames(let names):
            out.append(UInt8(ascii: "N"))
            Self.put(UInt32(names.count), &out)
            for name in names { Self.put(name, &out) }
        case .row(let row):
            out.append(UInt8(ascii: "R"))
            Self.put(UInt32(row.number), &out)
            Self.put(UInt32(row.cells.count), &out)
            for cell in row.cells { Self.put(cell, &out) }
        case .failure(let error):
            out.append(UInt8(ascii: "E"))
            // Encoding a plain enum of strings and numbers cannot fail.
            let json = (try? JSONEncoder().encode(error)) ?? Data()
            Self.put(UInt32(json.count), &out)
            out.append(contentsOf: json)
        case .done:
            out.append(UInt8(ascii: "D"))
        }
    }

    /// Reads the next frame from `input`. Throws `Malformed` for anything that is not a frame
    /// this file writes, or whatever `input` throws (its end, its cap).
    static func decode(from input: XLSFrameReader) throws -> XLSFrame {
        switch try input.byte() {
        case UInt8(ascii: "N"):
            let count = try input.uint32()
            var names: [String] = []
            for _ in 0..<count { names.append(try string(input)) }
            return .sheetNames(names)
        case UInt8(ascii: "R"):
            let number = Int(try input.uint32())
            let count = Int(try input.uint32())
            var cells: [CellValue] = []
            cells.reserveCapacity(min(count, 256))
            for _ in 0..<count { cells.append(try cell(input)) }
            return .row(SheetRow(number: number, cells: cells))
        case UInt8(ascii: "E"):
            let bytes = try input.bytes(Int(try input.uint32()))
            guard
                let error = try? JSONDecoder().decode(SpreadsheetReadError.self, from: Data(bytes))
            else { throw Malformed("error frame is no SpreadsheetReadError") }
            return .failure(error)
        case UInt8(ascii: "D"):
            return .done
        case let tag:
            throw Malformed("unknown frame tag \(tag)")
        }
    }

    /// Output that does not follow the format above.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private static func cell(_ input: XLSFrameReader) throws -> CellValue {
        switch try input.byte() {
        case 0: return .empty
        case 1: return .text(try string(input))
        case 2:
            let low = UInt64(try input.uint32())
            let high = UInt64(try input.uint32())
            return .number(Double(bitPattern: high << 32 | low))
        case 3: return .bool(try input.byte() != 0)
        case 4:
            var fields: [Int] = []
            for _ in 0..<6 { fields.append(Int(Int32(bitPattern: try input.uint32()))) }
            return .date(
                SheetDate(
                    year: fields[0], month: fields[1], day: fields[2], hour: fields[3],
                    minute: fields[4], second: fields[5]))
        case 5: return .error(try string(input))
        case let kind: throw Malformed("unknown cell kind \(kind)")
        }
    }

    private static func string(_ input: XLSFrameReader) throws -> String {
        let bytes = try input.bytes(Int(try input.uint32()))
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Malformed("text is not UTF-8")
        }
        return text
    }

    private static func put(_ value: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func put(_ text: String, _ out: inout [UInt8]) {
        let utf8 = Array(text.utf8)
        put(UInt32(utf8.count), &out)
        out.append(contentsOf: utf8)
    }

    private static func put(_ cell: CellValue, _ out: inout [UInt8]) {
        switch cell {
        case .empty: out.append(0)
        case .text(let text):
            out.append(1)
            put(text, &out)
        case .number(let number):
            out.append(2)
            put(UInt32(truncatingIfNeeded: number.bitPattern), &out)
            put(UInt32(truncatingIfNeeded: number.bitPattern >> 32), &out)
        case .bool(let flag):
            out.append(3)
            out.append(flag ? 1 : 0)
        case .date(let d):
            out.append(4)
            for field in [d.year, d.month, d.day, d.hour, d.minute, d.second] {
                put(UInt32(bitPattern: Int32(truncatingIfNeeded: field)), &out)
            }
        case .error(let text):
            out.append(5)
            put(text, &out)
        }
    }
}
