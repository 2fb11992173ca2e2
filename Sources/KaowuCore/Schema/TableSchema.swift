import Foundation

/// A kind's template, as written in `schemas/<kind>.json`: Frictionless Table Schema
/// (`fields`, `type`, `constraints`) plus kaowu's documented extensions (`aliases`, `check`,
/// `enumAliases`, `example`, and the `kaowu` block). See `schemas/README.md`.
public struct TableSchema: Codable, Sendable {
    /// The kind id, e.g. `school-candidates`.
    public var name: String
    /// The kind's Chinese name, e.g. 院校考生导入.
    public var title: String
    public var description: String?
    public var fields: [SchemaField]
    /// Fields whose values together must be unique within one file (Frictionless `primaryKey`).
    public var primaryKey: [String]?
    public var kaowu: KindSettings
}

/// kaowu's extension block: where the kind lives and who may drop it.
public struct KindSettings: Codable, Sendable {
    /// The kind's folder under `inbox/<institution>/` and `outbox/<institution>/`.
    public var folder: String
    /// Which role's institutions may drop this kind.
    public var role: InstitutionRole
    /// Position in the workflow: lower runs first when several files of one institution wait.
    public var order: Int
    /// How files of this kind are read; absent means `sheet`.
    public var input: KindInput?
    /// The blank template's file name (without extension) in `outbox/<institution>/模板/`;
    /// required for sheet kinds, absent for kinds that have no template (photo ZIPs).
    public var templateName: String?
    /// Lines printed above the header row of the blank template.
    public var instructions: [String]
    /// The photo rules of a `zip-entries` kind of photos.
    public var photo: PhotoSettings?
    /// For kinds where a blank cell means "leave unchanged": the text that means "clear this
    /// field" instead (e.g. `（清空）`). A cell holding it is validated as blank and reported
    /// to the kind by `ValidatedRow.isCleared(_:)`. Nil: no cell is special.
    public var clearMarker: String?

    /// `input`, defaulting to `sheet`.
    public var inputKind: KindInput { input ?? .sheet }
}

/// What a dropped file of a kind is.
public enum KindInput: String, Codable, Sendable {
    /// A spreadsheet (.xlsx, .xls, .csv) filled in from the kind's template; `fields` are its
    /// columns.
    case sheet
    /// A ZIP whose entries are judged one by one (photos); `fields` are empty.
    case zipEntries = "zip-entries"
}

public enum InstitutionRole: String, Codable, Sendable, CaseIterable {
    case school
    case org
    /// The deployment's operator: kinds of this role have no inbox folder and are run by the
    /// CLI on an institution's behalf (e.g. `kaowu import-legacy`). No institution has it.
    case `operator`

    public var chineseName: String {
        switch self {
        case .school: return "试点院校"
        case .org: return "培训评价组织"
        case .operator: return "系统管理员"
        }
    }
}

public enum FieldType: String, Codable, Sendable {
    case string
    case integer
    case number
    case year
    case date
    case datetime
    case boolean
}

public struct FieldConstraints: Codable, Sendable {
    public var required: Bool?
    public var unique: Bool?
    public var `enum`: [String]?
    public var pattern: String?
    public var minimum: Double?
    public var maximum: Double?
    public var minLength: Int?
    public var maxLength: Int?
}

public struct SchemaField: Codable, Sendable {
    /// Stable English key used in code and JSON.
    public var name: String
    /// The header a clerk sees in the template (Chinese).
    public var title: String
    public var type: FieldType
    public var description: String?
    public var constraints: FieldConstraints?
    /// Other headers accepted for this column (考生姓名, name, ...).
    public var aliases: [String]?
    /// A named shared check (`cn-mobile`, `person-name`, ...); see `FieldCheck`.
    public var check: String?
    /// Value used when the cell is blank.
    public var `default`: String?
    /// Accepted spellings that normalise to an enum value (大专 → 高职专科).
    public var enumAliases: [String: String]?
    /// A sample value shown in the template's instructions.
    public var example: String?

    public var isRequired: Bool { constraints?.required ?? false }
}
