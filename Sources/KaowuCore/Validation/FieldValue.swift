import SpreadsheetReading

/// A cell after its field's checks: typed, normalised, ready for a kind's domain rules.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    case date(SheetDate)
    case bool(Bool)

    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    public var integer: Int? {
        if case .integer(let i) = self { return i }
        return nil
    }
}

/// One row that passed every field check, values in schema field order (nil = blank).
public struct ValidatedRow: Sendable {
    /// The row number Excel shows.
    public var number: Int
    public var values: [FieldValue?]
    /// Per field: the submitted cell was blank (its value may still come from a default or a
    /// check that fills blanks, such as pinyin).
    let blank: [Bool]
    /// Per field: the submitted cell held the schema's `clearMarker`.
    let cleared: [Bool]
    let fieldIndex: FieldIndex

    /// The value of the schema field named `name` (nil when blank).
    public subscript(_ name: String) -> FieldValue? {
        guard let i = fieldIndex.position(of: name) else { return nil }
        return values[i]
    }

    public func text(_ name: String) -> String? { self[name]?.text }

    /// Whether the clerk left the cell of field `name` blank (or the column is missing).
    public func isBlank(_ name: String) -> Bool {
        fieldIndex.position(of: name).map { blank[$0] } ?? true
    }

    /// Whether the cell of field `name` asked for the field to be cleared.
    public func isCleared(_ name: String) -> Bool {
        fieldIndex.position(of: name).map { cleared[$0] } ?? false
    }
}

/// Field name → position, shared by every row of a file.
final class FieldIndex: Sendable {
    let names: [String]

    init(names: [String]) {
        self.names = names
    }

    func position(of name: String) -> Int? { names.firstIndex(of: name) }
}

extension CellValue {
    /// The cell as a clerk would read it back in a report's 原值 column.
    public var displayText: String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .number(let d):
            // String(Int) rather than String(format:): same digits, without Foundation's
            // formatter on every number cell of every row.
            if d.rounded() == d && abs(d) < 1e15 { return String(Int(d)) }
            return String(format: "%.15G", d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d):
            let day = String(format: "%04d-%02d-%02d", d.year, d.month, d.day)
            if d.hour == 0 && d.minute == 0 && d.second == 0 { return day }
            return day + String(format: " %02d:%02d:%02d", d.hour, d.minute, d.second)
        case .error(let e): return e
        }
    }
}
