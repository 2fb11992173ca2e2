import Foundation
import SpreadsheetReading

/// The operator's settings, kept in `ROOT/kaowu.json`. Every key is optional in the file;
/// a missing key takes the default written here (and into the file by `kaowu init`).
public struct KaowuConfig: Codable, Sendable, Equatable {
    /// The time zone of every date a clerk reads or writes.
    public var timeZone: String = "Asia/Shanghai"
    /// How long a dropped file's size and mtime must stay unchanged before it counts as arrived.
    public var settleMilliseconds: Int = 500
    /// Full rescans of the inbox, for network mounts where inotify sees nothing.
    public var rescanSeconds: Int = 5
    /// How many lines above the header row may hold titles and instructions.
    public var headerSearchRows: Int = 30
    public var limits: Limits = Limits()

    public struct Limits: Codable, Sendable, Equatable {
        public var maxRows: Int = 1_100_000
        public var maxColumns: Int = 200
        public var maxSharedStrings: Int = 2_000_000
        public var maxUncompressedMegabytes: Int = 2048
        public var maxCompressionRatio: Double = 200
        /// Files larger than this are rejected before they are read.
        public var maxFileMegabytes: Int = 512
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = KaowuConfig()
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? d.timeZone
        settleMilliseconds =
            try c.decodeIfPresent(Int.self, forKey: .settleMilliseconds) ?? d.settleMilliseconds
        rescanSeconds = try c.decodeIfPresent(Int.self, forKey: .rescanSeconds) ?? d.rescanSeconds
        headerSearchRows =
            try c.decodeIfPresent(Int.self, forKey: .headerSearchRows) ?? d.headerSearchRows
        limits = try c.decodeIfPresent(Limits.self, forKey: .limits) ?? d.limits
    }

    /// Reads the config file; a missing file means all defaults.
    public static func load(root: KaowuRoot) throws -> KaowuConfig {
        guard let data = FileManager.default.contents(atPath: root.configFile) else {
            return KaowuConfig()
        }
        do {
            return try JSONDecoder().decode(KaowuConfig.self, from: data)
        } catch {
            throw KaowuError.badConfig(path: root.configFile, detail: "\(error)")
        }
    }

    public var readLimits: ReadLimits {
        ReadLimits(
            maxRows: limits.maxRows, maxColumns: limits.maxColumns,
            maxSharedStrings: limits.maxSharedStrings,
            maxUncompressedBytes: Int64(limits.maxUncompressedMegabytes) << 20,
            maxCompressionRatio: limits.maxCompressionRatio)
    }

    public var zone: TimeZone {
        TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 8 * 3600)!
    }
}

extension KaowuConfig.Limits {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = KaowuConfig.Limits()
        maxRows = try c.decodeIfPresent(Int.self, forKey: .maxRows) ?? d.maxRows
        maxColumns = try c.decodeIfPresent(Int.self, forKey: .maxColumns) ?? d.maxColumns
        maxSharedStrings =
            try c.decodeIfPresent(Int.self, forKey: .maxSharedStrings) ?? d.maxSharedStrings
        maxUncompressedMegabytes =
            try c.decodeIfPresent(Int.self, forKey: .maxUncompressedMegabytes)
            ?? d.maxUncompressedMegabytes
        maxCompressionRatio =
            try c.decodeIfPresent(Double.self, forKey: .maxCompressionRatio)
            ?? d.maxCompressionRatio
        maxFileMegabytes =
            try c.decodeIfPresent(Int.self, forKey: .maxFileMegabytes) ?? d.maxFileMegabytes
    }
}
