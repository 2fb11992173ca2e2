/// Bounds that keep a hostile or broken file from exhausting memory or time.
///
/// Every limit is checked while reading; crossing one throws the matching `SpreadsheetReadError`.
public struct ReadLimits: Sendable {
    /// Most non-empty rows one sheet may hold. Row *numbers* may still go up to 1,048,576.
    public var maxRows: Int
    /// A non-empty cell at a column index ≥ this throws `.tooManyColumns`.
    public var maxColumns: Int
    /// Most entries the xlsx shared strings table may hold.
    public var maxSharedStrings: Int
    /// Most uncompressed bytes of the xlsx parts read, in total, for opening plus one sheet read.
    public var maxUncompressedBytes: Int64
    /// Highest uncompressed/compressed ratio tolerated for an xlsx part larger than 1 MiB.
    public var maxCompressionRatio: Double

    public init(
        maxRows: Int = 1_100_000, maxColumns: Int = 200, maxSharedStrings: Int = 2_000_000,
        maxUncompressedBytes: Int64 = 2 << 30, maxCompressionRatio: Double = 200
    ) {
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxSharedStrings = maxSharedStrings
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
    }
}
