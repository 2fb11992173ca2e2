import Foundation
import SpreadsheetReading

/// What the validation stage needs to know besides the file: the moment it runs.
public struct ValidationContext: Sendable {
    public var now: Date
    public var timeZone: TimeZone

    public init(now: Date, timeZone: TimeZone) {
        self.now = now
        self.timeZone = timeZone
    }

    public var today: DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day], from: now)
    }
}

/// The problems found in one row.
struct RowProblems: Sendable {
    var errors: [Problem] = []
    var warnings: [Problem] = []
}

/// One row with its fields checked, before the file-wide primary-key check
/// (`RowValidator.settle`).
struct CheckedFields: Sendable {
    var number: Int
    var values: [FieldValue?]
    var blank: [Bool]
    var cleared: [Bool]
    var problems: RowProblems
    /// The row's primary key, when the schema has one and every key field passed.
    var key: [String]?
}

/// The schema engine: turns one submitted row into typed field values, applying the schema's
/// types, constraints, named checks and primary key. Kinds see only rows that passed.
///
/// In two steps, so that rows can be checked on several threads at once: `checkFields` needs
/// only the row; `settle` adds the primary-key check, which needs the rows before, in order.
struct RowValidator: @unchecked Sendable {
    // `@unchecked`: every stored property is immutable once built (FieldRule is a class of
    // `let`s; NSRegularExpression is documented as safe to use from several threads).
    let schema: TableSchema
    let columns: ColumnMap
    let checks: FieldChecks
    let fieldIndex: FieldIndex
    private let rules: [FieldRule]
    private let keyFields: [Int]
    private let clearMarker: String?

    init(schema: TableSchema, columns: ColumnMap, context: ValidationContext) {
        self.schema = schema
        self.columns = columns
        self.checks = FieldChecks(context: context)
        self.fieldIndex = FieldIndex(names: schema.fields.map(\.name))
        self.rules = schema.fields.map(FieldRule.init)
        self.keyFields = (schema.primaryKey ?? []).compactMap { name in
            schema.fields.firstIndex { $0.name == name }
        }
        self.clearMarker = schema.kaowu.clearMarker.map(TextNormalizer.clean)
    }

    /// The index of primary keys `settle` keeps for one file.
    func makeKeyIndex() -> PrimaryKeyIndex {
        PrimaryKeyIndex(enums: keyFields.map { schema.fields[$0].constraints?.enum })
    }

    /// Both steps for one row: for callers that validate a file's rows one by one, in order.
    func validate(_ row: SheetRow, keys: inout PrimaryKeyIndex) -> (ValidatedRow?, RowProblems) {
        settle(checkFields(row), keys: &keys)
    }

    /// Checks one row's fields: everything but the primary key. Safe on any thread.
    ///
    /// - Parameter fillingIn: whether to work out values only ever stored, such as a blank
    ///   pinyin's reading of the name; false once the file cannot commit (a required field is
    ///   filled in anyway, since its blank would be an error).
    func checkFields(_ row: SheetRow, fillingIn: Bool = true) -> CheckedFields {
        var problems = RowProblems()
        var values = [FieldValue?](repeating: nil, count: schema.fields.count)
        var failed = [Bool](repeating: false, count: schema.fields.count)
        var blank = [Bool](repeating: true, count: schema.fields.count)
        var cleared = [Bool](repeating: false, count: schema.fields.count)
        for (i, rule) in rules.enumerated() {
            let column = columns.columns[i]
            let cell = column.flatMap { $0 < row.cells.count ? row.cells[$0] : nil } ?? .empty
            blank[i] = Self.isBlank(cell)
            var checked = cell
            if let clearMarker, case .text(let s) = cell, TextNormalizer.clean(s) == clearMarker {
                // Validated as blank: whether this field may be cleared is the kind's rule.
                cleared[i] = true
                checked = .empty
            }
            // Not a closure: one would be allocated, with a copy of the field, for every cell.
            func report(_ failure: CheckFailure) -> Problem {
                Problem(
                    row: row.number,
                    column: column.flatMap { columns.headers[$0] } ?? rule.field.title,
                    columnIndex: column,
                    value: cell.displayText, code: failure.code, message: failure.message)
            }
            // A temporary, not a local: one alive below would make `values[i] =` copy the array.
            switch check(
                rule, cell: checked, row: row.number,
                sofar: (values, blank, cleared), fillingIn: fillingIn)
            {
            case .success(let outcome):
                values[i] = outcome.value
                if let warning = outcome.warning { problems.warnings.append(report(warning)) }
            case .failure(let failure):
                failed[i] = true
                problems.errors.append(report(failure))
            }
        }
        // The key is checked whenever its own fields are fine, so one round of corrections
        // finds duplicates in rows that have other errors too.
        var key: [String]?
        if !keyFields.isEmpty, keyFields.allSatisfy({ !failed[$0] }) {
            let parts = keyFields.map { values[$0].map(describe) ?? "" }
            if !parts.contains("") { key = parts }
        }
        return CheckedFields(
            number: row.number, values: values, blank: blank, cleared: cleared,
            problems: problems, key: key)
    }

    /// Finishes a row `checkFields` checked: the primary key against the file's earlier rows
    /// (`keys`, which this remembers the row's key in), then the typed row when it has no
    /// error. Rows must come in file order.
    func settle(_ row: CheckedFields, keys: inout PrimaryKeyIndex) -> (ValidatedRow?, RowProblems) {
        var problems = row.problems
        if let key = row.key, let first = keys.firstRow(of: key, row: row.number) {
            let names = keyFields.map { schema.fields[$0].title }.joined(separator: "和")
            let column = keyFields[0]
            problems.errors.append(
                Problem(
                    row: row.number,
                    column: columns.columns[column].flatMap { columns.headers[$0] }
                        ?? schema.fields[column].title,
                    columnIndex: columns.columns[column],
                    value: key[0], code: ProblemCode.unique.rawValue,
                    message: "与本文件第 \(first) 行的\(names)相同：同一条记录只能出现一次，请删除重复的一行"))
        }
        guard problems.errors.isEmpty else { return (nil, problems) }
        let valid = ValidatedRow(
            number: row.number, values: row.values, blank: row.blank, cleared: row.cleared,
            fieldIndex: fieldIndex)
        return (valid, problems)
    }

    /// A cell with nothing a clerk can see: empty, or only spaces and invisible characters.
    static func isBlank(_ cell: CellValue) -> Bool {
        switch cell {
        case .empty: return true
        case .text(let s): return TextNormalizer.clean(s).isEmpty
        default: return false
        }
    }

    /// `sofar` is the row's fields checked so far, for named checks that read another field.
    private func check(
        _ rule: FieldRule, cell: CellValue, row: Int,
        sofar: (values: [FieldValue?], blank: [Bool], cleared: [Bool]), fillingIn: Bool
    ) -> Result<CheckOutcome, CheckFailure> {
        // `rule.field.…`, never a local copy of the field: copying it retains a dozen strings,
        // and this runs for every cell.
        if case .error(let e) = cell {
            return .failure(
                CheckFailure(
                    code: ProblemCode.cellError.rawValue,
                    message: "单元格是 Excel 错误值 \(e)（多为公式出错）；请改为直接填写内容"))
        }
        let named = rule.check
        var value: FieldValue?
        switch typed(field: rule.field, cell: cell, check: named) {
        case .failure(let failure): return .failure(failure)
        case .success(let v): value = v
        }
        if value == nil, let fallback = rule.field.default { value = .text(fallback) }
        if let v = value {
            switch constrain(v, rule) {
            case .failure(let failure): return .failure(failure)
            case .success(let allowed): value = allowed
            }
        }
        if let named {
            // Built here, not per field in `validate`: see the call there.
            let partial = ValidatedRow(
                number: row, values: sofar.values, blank: sofar.blank, cleared: sofar.cleared,
                fieldIndex: fieldIndex)
            let outcome = checks.run(
                named, value: value, cell: cell, row: partial,
                fillingIn: fillingIn || rule.field.isRequired)
            guard case .success(let checked) = outcome else { return outcome }
            if checked.value == nil && rule.field.isRequired {
                return .failure(required(rule.field))
            }
            return .success(checked)
        }
        if value == nil && rule.field.isRequired { return .failure(required(rule.field)) }
        return .success(CheckOutcome(value: value))
    }

    /// The cell converted to the field's type, or nil when blank.
    private func typed(field: SchemaField, cell: CellValue, check: FieldCheck?)
        -> Result<FieldValue?, CheckFailure>
    {
        if case .empty = cell { return .success(nil) }
        if case .number(let d) = cell, check == .documentNumber,
            let damage = IdentityDocument.excelNumberDamage(d)
        {
            return .failure(damage)
        }
        let text = TextNormalizer.clean(cell.displayText)
        if text.isEmpty { return .success(nil) }
        switch field.type {
        case .string:
            return .success(.text(text))
        case .integer, .year:
            if case .date(let d) = cell, field.type == .year { return .success(.integer(d.year)) }
            if case .number(let d) = cell, d.rounded() == d, abs(d) < 1e15 {
                return .success(.integer(Int(d)))
            }
            if let i = Int(text) { return .success(.integer(i)) }
            // A year such as "2024级" is left for the field's named check to read.
            if field.type == .year && check != nil { return .success(.text(text)) }
            return .failure(typeFailure(field, "整数"))
        case .number:
            if case .number(let d) = cell { return .success(.number(d)) }
            if let d = Double(text.replacingOccurrences(of: ",", with: "")) {
                return .success(.number(d))
            }
            return .failure(typeFailure(field, "数字"))
        case .date, .datetime:
            if case .date(let d) = cell { return .success(.date(d)) }
            if let d = SheetDateParser.parse(text, withTime: field.type == .datetime) {
                return .success(.date(d))
            }
            return .failure(
                typeFailure(
                    field, field.type == .date ? "日期（如 2024-09-01）" : "日期时间（如 2024-09-01 09:00）"))
        case .boolean:
            if case .bool(let b) = cell { return .success(.bool(b)) }
            switch text.lowercased() {
            case "是", "true", "y", "yes", "1", "对": return .success(.bool(true))
            case "否", "false", "n", "no", "0", "不": return .success(.bool(false))
            default: return .failure(typeFailure(field, "“是”或“否”"))
            }
        }
    }

    /// The value if the field's constraints allow it, an enum's as the schema spells it (one
    /// look-up: lowercasing and hashing Chinese text is much of a roster's checking).
    private func constrain(_ value: FieldValue, _ rule: FieldRule)
        -> Result<FieldValue, CheckFailure>
    {
        guard let c = rule.field.constraints else { return .success(value) }
        var allowed = value
        if case .text(let s) = value {
            if let lookup = rule.enumLookup {
                guard let spelled = lookup[s.lowercased()] else {
                    return .failure(
                        CheckFailure(
                            code: ProblemCode.enum.rawValue,
                            message:
                                "“\(s)”不是\(rule.field.title)的可选值；可选：\(c.enum!.joined(separator: "、"))"
                        ))
                }
                allowed = .text(spelled)
            }
            // Characters are never more than scalars: count them only when that could matter.
            if let max = c.maxLength, s.unicodeScalars.count > max, s.count > max {
                return .failure(
                    CheckFailure(
                        code: ProblemCode.length.rawValue,
                        message: "\(rule.field.title)最多 \(max) 个字符，这里有 \(s.count) 个"))
            }
            if let min = c.minLength, s.count < min {
                return .failure(
                    CheckFailure(
                        code: ProblemCode.length.rawValue,
                        message: "\(rule.field.title)至少 \(min) 个字符，这里只有 \(s.count) 个"))
            }
            if let regex = rule.pattern,
                regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil
            {
                return .failure(
                    CheckFailure(
                        code: ProblemCode.pattern.rawValue,
                        message: "\(rule.field.title)的格式不对"
                            + (rule.field.example.map { "，例如 \($0)" } ?? "")))
            }
        }
        let number: Double? = {
            switch value {
            case .integer(let i): return Double(i)
            case .number(let d): return d
            default: return nil
            }
        }()
        if let number {
            if let min = c.minimum, number < min {
                return .failure(
                    CheckFailure(
                        code: ProblemCode.minimum.rawValue,
                        message: "\(rule.field.title)不能小于 \(Self.format(min))"))
            }
            if let max = c.maximum, number > max {
                return .failure(
                    CheckFailure(
                        code: ProblemCode.maximum.rawValue,
                        message: "\(rule.field.title)不能大于 \(Self.format(max))"))
            }
        }
        return .success(allowed)
    }

    private func describe(_ value: FieldValue) -> String {
        switch value {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return Self.format(d)
        case .date(let d): return CellValue.date(d).displayText
        case .bool(let b): return b ? "是" : "否"
        }
    }

    private func required(_ field: SchemaField) -> CheckFailure {
        CheckFailure(code: ProblemCode.required.rawValue, message: "\(field.title)必填，这一行是空的")
    }

    private func typeFailure(_ field: SchemaField, _ expected: String) -> CheckFailure {
        CheckFailure(code: "type.\(field.type.rawValue)", message: "\(field.title)应填\(expected)")
    }

    private static func format(_ d: Double) -> String {
        d.rounded() == d ? String(Int(d)) : String(d)
    }
}

/// What validating one field needs, worked out once per file: a class, so that the loop over a
/// row's fields does not copy every field's schema for every cell.
private final class FieldRule {
    let field: SchemaField
    let check: FieldCheck?
    /// The allowed values and their aliases, keyed the way cells are cleaned and lowercased:
    /// （职业） and (职业) are one spelling.
    let enumLookup: [String: String]?
    let pattern: NSRegularExpression?

    init(_ field: SchemaField) {
        self.field = field
        check = field.check.flatMap(FieldCheck.init(rawValue:))
        enumLookup = field.constraints?.enum.map { values in
            var lookup: [String: String] = [:]
            for v in values { lookup[TextNormalizer.clean(v).lowercased()] = v }
            for (alias, v) in field.enumAliases ?? [:] {
                lookup[TextNormalizer.clean(alias).lowercased()] = v
            }
            return lookup
        }
        pattern = field.constraints?.pattern.flatMap {
            try? NSRegularExpression(pattern: "^(?:" + $0 + ")$")
        }
    }
}
