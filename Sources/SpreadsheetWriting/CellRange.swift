/// A rectangle of cells, 0-based and inclusive: row 0 column 0 is A1.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// Rows `rows` of columns `columns`.
    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(
            firstRow: rows.lowerBound, firstColumn: columns.lowerBound,
            lastRow: rows.upperBound, lastColumn: columns.upperBound)
    }

    /// Excel's name for it, e.g. `A4:C1003` (or `B3` for one cell).
    public var description: String {
        let first = Self.name(row: firstRow, column: firstColumn)
        if firstRow == lastRow && firstColumn == lastColumn { return first }
        return first + ":" + Self.name(row: lastRow, column: lastColumn)
    }

    /// Excel's name for one cell, e.g. `B3` for row 2 column 1.
    public static func name(row: Int, column: Int) -> String {
        columnName(column) + String(row + 1)
    }

    /// Excel's letters for a 0-based column: 0 → A, 25 → Z, 26 → AA.
    public static func columnName(_ column: Int) -> String {
        var letters = ""
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }
}
