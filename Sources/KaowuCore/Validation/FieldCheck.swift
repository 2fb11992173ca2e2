import SpreadsheetReading

/// The named checks a schema field may ask for with `"check": "..."`. Each check's rules live
/// once, in its own type (`PersonName`, `IdentityDocument`, ...); this file only wires them to
/// fields. Checks that read another field of the row name it here.
enum FieldCheck: String, CaseIterable, Sendable {
    /// A person's name as on their document.
    case personName = "person-name"
    /// Pinyin of the row's `name` field: filled in when blank (if asked to), a warning when it
    /// disagrees.
    case pinyin
    /// A document number, checked by the type in the row's `documentType` field.
    case documentNumber = "document-number"
    /// A mainland mobile number.
    case cnMobile = "cn-mobile"
    /// A plausible year of enrollment.
    case enrollmentYear = "enrollment-year"
    /// A six-digit exam subject code, leading zeros restored.
    case subjectCode = "subject-code"
}

/// A named check's verdict on a value it accepted.
struct CheckOutcome {
    var value: FieldValue?
    var warning: CheckFailure?
}

/// Runs named checks as of one moment.
struct FieldChecks {
    let today: CivilDate

    init(context: ValidationContext) {
        today = CivilDate(context.now, timeZone: context.timeZone)
    }

    /// Runs `check` on a field's typed value (nil when blank; blank values reach only the
    /// checks that can fill them in, and are filled in only when `fillingIn`).
    func run(
        _ check: FieldCheck, value: FieldValue?, cell: CellValue, row: ValidatedRow,
        fillingIn: Bool
    ) -> Result<CheckOutcome, CheckFailure> {
        switch check {
        case .pinyin:
            return pinyin(value?.text, name: row.text("name"), fillingIn: fillingIn)
        case .personName:
            return ifPresent(value) { value in
                PersonName.validate(value.text ?? "").map { .text($0) }
            }
        case .documentNumber:
            return ifPresent(value) { value in
                let text = value.text ?? ""
                guard let type = row.text("documentType").flatMap(DocumentType.init(rawValue:))
                else {
                    // The type's own error is reported on its column.
                    return .success(.text(TextNormalizer.compact(text)))
                }
                return IdentityDocument.validate(type: type, number: text, today: today)
                    .map { .text($0) }
            }
        case .cnMobile:
            return ifPresent(value) { value in
                MobileNumber.validate(value.text ?? cell.displayText).map { .text($0) }
            }
        case .enrollmentYear:
            return ifPresent(value) { value in
                let year: Result<Int, CheckFailure>
                switch value {
                case .integer(let y): year = EnrollmentYear.validate(year: y, today: today)
                case .number(let d): year = EnrollmentYear.validate(number: d, today: today)
                default: year = EnrollmentYear.validate(text: value.text ?? "", today: today)
                }
                return year.map { .integer($0) }
            }
        case .subjectCode:
            return ifPresent(value) { SubjectCode.validate($0.text ?? "").map { .text($0) } }
        }
    }

    /// Blank values pass untouched: whether a blank is allowed is the schema's `required`.
    private func ifPresent(
        _ value: FieldValue?, _ check: (FieldValue) -> Result<FieldValue, CheckFailure>
    ) -> Result<CheckOutcome, CheckFailure> {
        guard let value else { return .success(CheckOutcome(value: nil)) }
        return check(value).map { CheckOutcome(value: $0) }
    }

    private func pinyin(_ given: String?, name: String?, fillingIn: Bool)
        -> Result<CheckOutcome, CheckFailure>
    {
        guard let name else { return .success(CheckOutcome(value: given.map(FieldValue.text))) }
        guard let given else {
            return .success(
                CheckOutcome(value: fillingIn ? Pinyin.of(name: name).map(FieldValue.text) : nil))
        }
        return .success(
            CheckOutcome(value: .text(given), warning: Pinyin.check(given: given, name: name)))
    }
}
