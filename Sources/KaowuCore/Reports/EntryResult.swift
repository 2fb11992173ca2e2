import PhotoDecoding

/// One ZIP entry's line in a report: what the entry is, what was found in it, and what became
/// of it. Part of the JSON report (`entries`), so fields are only ever added.
public struct EntryResult: Codable, Sendable, Equatable {
    /// What became of an entry.
    public enum Outcome: String, Codable, Sendable {
        /// Stored for a candidate who had no photo.
        case added
        /// Stored in place of the candidate's earlier photo.
        case replaced
        /// Passed every check but not stored: another entry failed, or it was a dry run.
        case passed
        /// Failed a check.
        case rejected

        /// The words a clerk reads in the report.
        public var chineseLabel: String {
            switch self {
            case .added: return "已导入"
            case .replaced: return "已导入（替换旧照片）"
            case .passed: return "合格（未导入）"
            case .rejected: return "不合格"
            }
        }
    }

    /// The entry's path inside the ZIP, decoded (GBK names included).
    public var entry: String
    /// The document number its name gives.
    public var documentNumber: String?
    /// The candidate with that number, when the school has one.
    public var candidateName: String?
    public var format: PhotoFormat?
    public var colorModel: PhotoColorModel?
    public var width: Int?
    public var height: Int?
    public var bytes: Int
    public var background: BackgroundColor?
    public var sha256: String?
    public var outcome: Outcome

    public init(
        entry: String, documentNumber: String? = nil, candidateName: String? = nil,
        format: PhotoFormat? = nil, colorModel: PhotoColorModel? = nil, width: Int? = nil,
        height: Int? = nil, bytes: Int, background: BackgroundColor? = nil,
        sha256: String? = nil, outcome: Outcome
    ) {
        self.entry = entry
        self.documentNumber = documentNumber
        self.candidateName = candidateName
        self.format = format
        self.colorModel = colorModel
        self.width = width
        self.height = height
        self.bytes = bytes
        self.background = background
        self.sha256 = sha256
        self.outcome = outcome
    }
}
