/// Builds the shared strings table: rich text runs concatenated, phonetic runs (`<rPh>`) dropped.
struct SharedStringsPartHandler: XMLEventHandler {
    let limit: Int
    private(set) var strings: [String] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var buffer: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
    }

    mutating func startElement(
        _ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes, selfClosing: Bool
    ) throws {
        if XMLText.equals(name, "si") {
            buffer.removeAll(keepingCapacity: true)
            inItem = true
            if selfClosing { try endItem() }
        } else if XMLText.equals(name, "t") {
            inText = inItem && phoneticDepth == 0 && !selfClosing
        } else if XMLText.equals(name, "rPh") {
            if !selfClosing { phoneticDepth += 1 }
        } else if XMLText.equals(name, "sst") {
            // The declared count only sizes the table; it is not trusted beyond the limit.
            if let declared = attributes.raw("uniqueCount").flatMap(XMLText.parseInt) {
                strings.reserveCapacity(min(declared, limit))
            }
        }
    }

    mutating func endElement(_ name: UnsafeBufferPointer<UInt8>) throws {
        if XMLText.equals(name, "t") {
            inText = false
        } else if XMLText.equals(name, "rPh") {
            phoneticDepth = max(0, phoneticDepth - 1)
        } else if XMLText.equals(name, "si") {
            try endItem()
        }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {
        guard inText else { return }
        try XMLText.appendCharacterData(raw, isCDATA: isCDATA, to: &buffer)
    }

    private mutating func endItem() throws {
        inItem = false
        guard strings.count < limit else {
            throw SpreadsheetReadError.tooManySharedStrings(limit: limit)
        }
        strings.append(XMLText.ooxmlString(buffer))
    }
}
