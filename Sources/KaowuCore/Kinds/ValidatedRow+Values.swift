import SpreadsheetReading

extension ValidatedRow {
    /// A date or date-time field's value, nil when blank.
    func date(_ name: String) -> SheetDate? {
        if case .date(let d) = self[name] { return d }
        return nil
    }

    /// A number field's value (integers included), 0 when blank.
    func number(_ name: String) -> Double {
        switch self[name] {
        case .number(let d): return d
        case .integer(let i): return Double(i)
        default: return 0
        }
    }

    /// The candidate's document the row names: its type (a resident ID card when the row has
    /// none) and its number.
    var document: (type: DocumentType, number: String) {
        (
            text("documentType").flatMap(DocumentType.init(rawValue:)) ?? .residentIDCard,
            text("documentNumber") ?? ""
        )
    }
}
