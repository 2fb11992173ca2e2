/// Finds which cell style indices (`<c s="…">`) format numbers as dates or times.
struct StylesPartHandler: XMLEventHandler {
    private var customFormats: [Int: Bool] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellFormats = false

    /// `result[s]` is true when style index `s` shows its number as a date or time.
    var dateStyles: [Bool] {
        cellFormatIDs.map { customFormats[$0] ?? Self.isBuiltinDateFormat($0) }
    }

    mutating func startElement(
        _ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes, selfClosing: Bool
    ) throws {
        if XMLText.equals(name, "numFmt") {
            if let id = attributes.raw("numFmtId").flatMap(XMLText.parseInt),
                let code = try attributes.string("formatCode")
            {
                customFormats[id] = Self.isDateFormat(code)
            }
        } else if XMLText.equals(name, "cellXfs") {
            inCellFormats = !selfClosing
        } else if XMLText.equals(name, "xf"), inCellFormats {
            cellFormatIDs.append(attributes.raw("numFmtId").flatMap(XMLText.parseInt) ?? 0)
        }
    }

    mutating func endElement(_ name: UnsafeBufferPointer<UInt8>) throws {
        if XMLText.equals(name, "cellXfs") { inCellFormats = false }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {}

    /// Built-in ids 14–22 and 45–47 are dates/times everywhere; 27–36 and 50–58 are the
    /// East Asian date formats (年月日, 时分秒) that Chinese Excel and WPS write without a definition.
    static func isBuiltinDateFormat(_ id: Int) -> Bool {
        (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id)
            || (50...58).contains(id)
    }

    /// True when the code has a d, m, y, h or s outside quotes, brackets and escapes.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false
        var inBracket = false
        var skipNext = false
        for byte in code.utf8 {
            if skipNext {
                skipNext = false
            } else if inQuote {
                inQuote = byte != UInt8(ascii: "\"")
            } else if inBracket {
                inBracket = byte != UInt8(ascii: "]")
            } else {
                switch byte {
                case UInt8(ascii: "\""): inQuote = true
                case UInt8(ascii: "["): inBracket = true
                // `\x` is a literal, `_x` pads by the width of x, `*x` repeats x.
                case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"): skipNext = true
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"),
                    UInt8(ascii: "s"), UInt8(ascii: "D"), UInt8(ascii: "M"), UInt8(ascii: "Y"),
                    UInt8(ascii: "H"), UInt8(ascii: "S"):
                    return true
                default: break
                }
            }
        }
        return false
    }
}
