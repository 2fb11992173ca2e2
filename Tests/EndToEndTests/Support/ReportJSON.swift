/// The JSON twin of a result report, decoded by its documented key names (not through
/// KaowuCore's own type, so a renamed key fails here as it would for any other consumer).
struct ReportJSON: Decodable {
    struct Problem: Decodable {
        var row: Int?
        var entry: String?
        var column: String?
        var columnIndex: Int?
        var value: String?
        var code: String
        var message: String
    }

    struct Rows: Decodable, Equatable {
        var total: Int
        var applied: Int
        var error: Int
        var warning: Int
    }

    var status: String
    var kind: String
    var kindTitle: String
    var institution: String
    var institutionName: String
    var job: Int64
    var file: String
    var sha256: String
    var receivedAt: String
    var finishedAt: String
    var duplicateOf: Int64?
    var dryRun: Bool
    var rows: Rows
    var errors: [Problem]
    var warnings: [Problem]

    /// (row, code) of every error, for comparing with what a test put into a file.
    var errorCodesByRow: [RowCode] { errors.map { RowCode(row: $0.row, code: $0.code) } }

    struct RowCode: Hashable, CustomStringConvertible {
        var row: Int?
        var code: String
        var description: String { "\(row.map(String.init) ?? "-"):\(code)" }
    }
}
