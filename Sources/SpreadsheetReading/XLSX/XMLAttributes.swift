import Foundation

/// The attribute region of one start tag, looked up lazily by local name.
///
/// Why lazy: a `<c>` tag is asked for two or three attributes; scanning ~20 bytes per lookup
/// is cheaper than building a table for every cell. Valid only during the event call.
struct XMLAttributes {
    let region: UnsafeBufferPointer<UInt8>

    /// The raw (entity-encoded) value of the attribute whose local name is `name`, or nil.
    func raw(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        var found: UnsafeBufferPointer<UInt8>?
        forEach { localName, value in
            guard XMLText.equals(localName, name) else { return true }
            found = value
            return false
        }
        return found
    }

    /// Calls `body` with each attribute's local name and raw value, in order, until it
    /// returns false. One pass for tags whose several attributes are all wanted.
    func forEach(
        _ body: (_ localName: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) ->
            Bool
    ) {
        guard let base = region.baseAddress else { return }
        let count = region.count
        var index = 0
        while index < count {
            while index < count, XMLStreamScanner.isSpace(base[index]) { index += 1 }
            var localStart = index
            while index < count, base[index] != UInt8(ascii: "="),
                !XMLStreamScanner.isSpace(base[index])
            {
                if base[index] == UInt8(ascii: ":") { localStart = index + 1 }
                index += 1
            }
            let nameEnd = index
            while index < count, base[index] != UInt8(ascii: "\""), base[index] != UInt8(ascii: "'")
            {
                index += 1
            }
            guard index < count, nameEnd > localStart else { return }
            let quote = base[index]
            let valueStart = index + 1
            index = valueStart
            while index < count, base[index] != quote { index += 1 }
            let value = UnsafeBufferPointer(start: base + valueStart, count: index - valueStart)
            index += 1
            let localName = UnsafeBufferPointer(
                start: base + localStart, count: nameEnd - localStart)
            guard body(localName, value) else { return }
        }
    }

    /// The entity-decoded value of attribute `name`, or nil when absent.
    func string(_ name: StaticString) throws -> String? {
        guard let value = raw(name) else { return nil }
        var decoded: [UInt8] = []
        try XMLText.appendDecoded(value, to: &decoded)
        return String(decoding: decoded, as: UTF8.self)
    }
}
