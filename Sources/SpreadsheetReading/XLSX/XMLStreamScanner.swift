import Foundation

/// A small push-style XML tokenizer for the parts of an xlsx package.
///
/// It is fed the bytes of a part chunk by chunk as they are inflated and reports elements and
/// text to a handler; a token cut by a chunk boundary is kept and completed by the next chunk,
/// so memory stays at one chunk plus one token. It is not a validating parser: it trusts
/// element nesting to the handler and only knows what OOXML parts use. Any `<!DOCTYPE`,
/// `<!ENTITY` or other markup declaration throws `.forbiddenXML` (no entity is ever expanded).
struct XMLStreamScanner {
    /// Why: a token this long cannot come from a spreadsheet (cells hold ≤ 32,767 characters).
    private static let maxTokenBytes = 16 << 20

    private var pending: [UInt8] = []

    /// Scans `chunk` (after any incomplete token left by the previous call).
    mutating func feed<H: XMLEventHandler>(
        _ chunk: UnsafeRawBufferPointer, into handler: inout H
    ) throws {
        pending.append(contentsOf: chunk)
        let consumed = try pending.withUnsafeBufferPointer { try Self.scan($0, into: &handler) }
        pending.removeFirst(consumed)
        if pending.count > Self.maxTokenBytes {
            throw SpreadsheetReadError.corrupt(detail: "XML token longer than 16 MiB")
        }
    }

    /// Ends the document; throws `.corrupt` if a tag was left unfinished.
    func finish() throws {
        let unfinished = pending.contains { $0 == UInt8(ascii: "<") }
        if unfinished {
            throw SpreadsheetReadError.corrupt(detail: "XML ends inside a tag")
        }
    }

    /// Reports every complete token of `buffer`; returns how many bytes were consumed.
    private static func scan<H: XMLEventHandler>(
        _ buffer: UnsafeBufferPointer<UInt8>, into handler: inout H
    ) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let count = buffer.count
        var index = 0
        while index < count {
            if base[index] != UInt8(ascii: "<") {
                // Text runs to the next '<'; without one it may continue in the next chunk.
                guard let lt = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else {
                    return index
                }
                let end = base.distance(to: lt.assumingMemoryBound(to: UInt8.self))
                try handler.text(
                    UnsafeBufferPointer(start: base + index, count: end - index),
                    isCDATA: false)
                index = end
                continue
            }
            guard index + 1 < count else { return index }
            let next: Int?
            switch base[index + 1] {
            case UInt8(ascii: "/"):
                next = try scanEndTag(base, index, count, &handler)
            case UInt8(ascii: "?"):
                next = find("?>", base, from: index + 2, count).map { $0 + 2 }
            case UInt8(ascii: "!"):
                next = try scanMarkup(base, index, count, &handler)
            default:
                next = try scanStartTag(base, index, count, &handler)
            }
            guard let resume = next else { return index }
            index = resume
        }
        return index
    }

    private static func scanEndTag<H: XMLEventHandler>(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int, _ handler: inout H
    ) throws -> Int? {
        guard let gt = memchr(base + start + 2, Int32(UInt8(ascii: ">")), count - start - 2) else {
            return nil
        }
        let end = base.distance(to: gt.assumingMemoryBound(to: UInt8.self))
        var nameEnd = end
        while nameEnd > start + 2, isSpace(base[nameEnd - 1]) { nameEnd -= 1 }
        try handler.endElement(localName(base, start + 2, nameEnd))
        return end + 1
    }

    private static func scanStartTag<H: XMLEventHandler>(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int, _ handler: inout H
    ) throws -> Int? {
        // Find the closing '>', which may legally appear inside a quoted attribute value.
        var end = start + 1
        var quote: UInt8 = 0
        while end < count {
            let byte = base[end]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            end += 1
        }
        guard end < count else { return nil }
        let selfClosing = base[end - 1] == UInt8(ascii: "/")
        let tagEnd = selfClosing ? end - 1 : end
        var nameEnd = start + 1
        while nameEnd < tagEnd, !isSpace(base[nameEnd]) { nameEnd += 1 }
        let attributes = XMLAttributes(
            region: UnsafeBufferPointer(start: base + nameEnd, count: tagEnd - nameEnd))
        try handler.startElement(
            localName(base, start + 1, nameEnd), attributes: attributes,
            selfClosing: selfClosing)
        return end + 1
    }

    /// `<!--` comments are skipped, `<![CDATA[` becomes literal text, anything else is refused.
    private static func scanMarkup<H: XMLEventHandler>(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int, _ handler: inout H
    ) throws -> Int? {
        let available = count - start
        if available >= 4, startsWith("<!--", base + start) {
            return find("-->", base, from: start + 4, count).map { $0 + 3 }
        }
        if available >= 9, startsWith("<![CDATA[", base + start) {
            guard let close = find("]]>", base, from: start + 9, count) else { return nil }
            try handler.text(
                UnsafeBufferPointer(start: base + start + 9, count: close - start - 9),
                isCDATA: true)
            return close + 3
        }
        // Too few bytes yet to tell a comment or CDATA from a declaration: wait for more.
        if (available < 4 && startsWith("<!--", base + start, prefixOnly: available))
            || (available < 9 && startsWith("<![CDATA[", base + start, prefixOnly: available))
        {
            return nil
        }
        throw forbidden(base, start, available)
    }

    private static func forbidden(_ base: UnsafePointer<UInt8>, _ start: Int, _ available: Int)
        -> SpreadsheetReadError
    {
        let shown = String(
            decoding: UnsafeBufferPointer(
                start: base + start,
                count: min(available, 20)), as: UTF8.self)
        return .forbiddenXML(detail: "markup declaration \(shown)…")
    }

    /// The bytes after the last ':' of `base[start..<end]`.
    private static func localName(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> UnsafeBufferPointer<UInt8>
    {
        var colon = end
        while colon > start, base[colon - 1] != UInt8(ascii: ":") { colon -= 1 }
        return UnsafeBufferPointer(start: base + colon, count: end - colon)
    }

    /// Index of the first occurrence of `needle` at or after `from`, or nil.
    private static func find(
        _ needle: StaticString, _ base: UnsafePointer<UInt8>, from: Int,
        _ count: Int
    ) -> Int? {
        let pattern = UnsafeRawBufferPointer(
            start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        return ByteSearch.firstOffset(of: pattern, in: base + from, count: count - from)
            .map { $0 + from }
    }

    /// Whether `pointer` starts with `literal` (only its first `prefixOnly` bytes, if given).
    private static func startsWith(
        _ literal: StaticString, _ pointer: UnsafePointer<UInt8>,
        prefixOnly: Int? = nil
    ) -> Bool {
        let length = min(literal.utf8CodeUnitCount, prefixOnly ?? Int.max)
        return memcmp(pointer, literal.utf8Start, length) == 0
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
