import Foundation

/// Byte-level helpers for XML character data: entity decoding, OOXML `_xHHHH_` escapes,
/// name comparison and number parsing, without creating intermediate Strings.
enum XMLText {
    /// Appends character data as an XML parser delivers it: line ends normalised (CR LF and a
    /// lone CR become LF) and, unless it is CDATA, entities and character references decoded.
    static func appendCharacterData(
        _ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool, to out: inout [UInt8]
    ) throws {
        guard let base = raw.baseAddress, memchr(base, 0x0D, raw.count) != nil else {
            if isCDATA { out.append(contentsOf: raw) } else { try appendDecoded(raw, to: &out) }
            return
        }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(raw.count)
        for (offset, byte) in raw.enumerated() {
            if byte == 0x0D {
                if offset + 1 < raw.count, raw[offset + 1] == 0x0A { continue }
                normalized.append(0x0A)
            } else {
                normalized.append(byte)
            }
        }
        try normalized.withUnsafeBufferPointer { buffer in
            if isCDATA {
                out.append(contentsOf: buffer)
            } else {
                try appendDecoded(buffer, to: &out)
            }
        }
    }

    /// Appends `raw` to `out` with the five predefined entities and `&#…;` references decoded.
    /// Throws `.corrupt` for any other entity (no DTD means no other entity can be defined).
    static func appendDecoded(_ raw: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) throws {
        guard let base = raw.baseAddress else { return }
        var index = 0
        let count = raw.count
        while index < count {
            guard let amp = memchr(base + index, Int32(UInt8(ascii: "&")), count - index) else {
                out.append(
                    contentsOf: UnsafeBufferPointer(start: base + index, count: count - index))
                return
            }
            let ampIndex = base.distance(to: amp.assumingMemoryBound(to: UInt8.self))
            out.append(
                contentsOf: UnsafeBufferPointer(start: base + index, count: ampIndex - index))
            var semi = ampIndex + 1
            while semi < count, semi - ampIndex <= 12, base[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < count, base[semi] == UInt8(ascii: ";") else {
                throw SpreadsheetReadError.corrupt(detail: "unterminated XML entity")
            }
            let entity = UnsafeBufferPointer(start: base + ampIndex + 1, count: semi - ampIndex - 1)
            try appendEntity(entity, to: &out)
            index = semi + 1
        }
    }

    private static func appendEntity(
        _ entity: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]
    ) throws {
        if equals(entity, "lt") {
            out.append(UInt8(ascii: "<"))
            return
        }
        if equals(entity, "gt") {
            out.append(UInt8(ascii: ">"))
            return
        }
        if equals(entity, "amp") {
            out.append(UInt8(ascii: "&"))
            return
        }
        if equals(entity, "quot") {
            out.append(UInt8(ascii: "\""))
            return
        }
        if equals(entity, "apos") {
            out.append(UInt8(ascii: "'"))
            return
        }
        guard entity.count >= 2, entity[0] == UInt8(ascii: "#") else {
            let name = String(decoding: entity, as: UTF8.self)
            throw SpreadsheetReadError.corrupt(detail: "undefined XML entity &\(name);")
        }
        let hex = entity[1] == UInt8(ascii: "x") || entity[1] == UInt8(ascii: "X")
        var scalar: UInt32 = 0
        for byte in entity.dropFirst(hex ? 2 : 1) {
            guard let digit = digitValue(byte, hex: hex), scalar < 0x11_0000 else {
                throw SpreadsheetReadError.corrupt(detail: "bad XML character reference")
            }
            scalar = scalar * (hex ? 16 : 10) + digit
        }
        guard let value = Unicode.Scalar(scalar) else {
            throw SpreadsheetReadError.corrupt(detail: "bad XML character reference")
        }
        out.append(contentsOf: UTF8.encode(value)!)
    }

    /// A String from entity-decoded bytes, with OOXML `_xHHHH_` escapes (e.g. `_x000D_`) decoded.
    static func ooxmlString(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingHigh: UInt32?
        var index = 0
        while index < bytes.count {
            if let unit = escapedUnit(bytes, at: index) {
                index += 7
                if (0xD800..<0xDC00).contains(unit) {
                    appendScalar(pendingHigh.map { _ in 0xFFFD }, to: &out)
                    pendingHigh = unit
                    continue
                }
                if (0xDC00..<0xE000).contains(unit), let high = pendingHigh {
                    pendingHigh = nil
                    appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &out)
                    continue
                }
                appendScalar(pendingHigh.map { _ in 0xFFFD }, to: &out)
                pendingHigh = nil
                appendScalar((0xD800..<0xE000).contains(unit) ? 0xFFFD : unit, to: &out)
                continue
            }
            appendScalar(pendingHigh.map { _ in 0xFFFD }, to: &out)
            pendingHigh = nil
            out.append(bytes[index])
            index += 1
        }
        appendScalar(pendingHigh.map { _ in 0xFFFD }, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The code unit of an `_xHHHH_` escape starting at `index`, or nil.
    private static func escapedUnit(_ bytes: [UInt8], at index: Int) -> UInt32? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"),
            bytes[index + 1] == UInt8(ascii: "x"), bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var unit: UInt32 = 0
        for offset in 2..<6 {
            guard let digit = digitValue(bytes[index + offset], hex: true) else { return nil }
            unit = unit << 4 | digit
        }
        return unit
    }

    private static func appendScalar(_ scalar: UInt32?, to out: inout [UInt8]) {
        guard let scalar, let value = Unicode.Scalar(scalar) else { return }
        out.append(contentsOf: UTF8.encode(value)!)
    }

    static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex:
            return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex:
            return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Whether `bytes` are exactly `literal`.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount
            && (bytes.count == 0 || memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0)
    }

    /// Parses an XML number (`<v>` content). Nil if it is not one.
    ///
    /// Why the fast path: nearly every cell holds a short decimal like `85.5` or `13800138000`.
    /// With at most 15 significant digits and 22 fraction digits, mantissa and power of ten are
    /// both exact doubles, so one IEEE division is correctly rounded (Clinger's fast path).
    static func parseDouble(_ bytes: [UInt8]) -> Double? {
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        for (offset, byte) in bytes.enumerated() {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 15 {
                mantissa = mantissa * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if offset == 0, byte == UInt8(ascii: "-") {
                negative = true
            } else {
                return Double(
                    String(decoding: bytes, as: UTF8.self)
                        .trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        guard digits > 0, fractionDigits < powersOfTen.count else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Parses a non-negative decimal integer; nil if any byte is not a digit or it overflows.
    static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
