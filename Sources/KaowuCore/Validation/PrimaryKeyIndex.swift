/// The first row of every primary key seen in one file, for the `unique` check.
///
/// Why not a `[String: Int]` of joined keys: a million-row roster would hold a million heap
/// Strings, about 110 bytes a key with the table, and every look-up would hash Chinese text.
/// A key whose parts are enum values (stored as their position in the enum) and short ASCII text
/// is packed into 24 bytes instead, such as 居民身份证 + an 18-character ID; other keys keep their
/// Strings. Packing is exact: each part is tagged and length-prefixed, so two keys pack alike
/// only when their parts are equal, and only ASCII text is packed, whose bytes compare as its
/// String does.
struct PrimaryKeyIndex {
    private struct Packed: Hashable {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0
    }

    private static let enumTag: UInt8 = 1
    private static let textTag: UInt8 = 2

    /// For each key part, the positions of its field's enum values, if it has an enum.
    private let enumPositions: [[String: UInt8]?]
    private var packed: [Packed: Int] = [:]
    private var unpacked: [[String]: Int] = [:]

    /// `enums`: for each part of the key, its field's allowed values (nil without an enum).
    init(enums: [[String]?]) {
        enumPositions = enums.map { values in
            guard let values, values.count < 256 else { return nil }
            var positions: [String: UInt8] = [:]
            for (i, value) in values.enumerated() { positions[value] = UInt8(i) }
            return positions
        }
    }

    /// The row where `parts` were first seen; nil, and `row` is remembered, when they are new.
    mutating func firstRow(of parts: [String], row: Int) -> Int? {
        if let key = pack(parts) {
            if let first = packed[key] { return first }
            packed[key] = row
            return nil
        }
        if let first = unpacked[parts] { return first }
        unpacked[parts] = row
        return nil
    }

    private func pack(_ parts: [String]) -> Packed? {
        guard parts.count == enumPositions.count else { return nil }
        var key = Packed()
        let fits = withUnsafeMutableBytes(of: &key) { bytes -> Bool in
            var at = 0
            for (part, positions) in zip(parts, enumPositions) {
                if let position = positions?[part] {
                    guard at + 2 <= bytes.count else { return false }
                    bytes[at] = Self.enumTag
                    bytes[at + 1] = position
                    at += 2
                    continue
                }
                let utf8 = part.utf8
                guard at + 2 + utf8.count <= bytes.count, utf8.allSatisfy({ $0 < 0x80 }) else {
                    return false
                }
                bytes[at] = Self.textTag
                bytes[at + 1] = UInt8(utf8.count)
                at += 2
                for byte in utf8 {
                    bytes[at] = byte
                    at += 1
                }
            }
            return true
        }
        return fits ? key : nil
    }
}
