import Foundation

/// The folder layout of one kaowu installation (DOMAIN.md, "What the product is").
public struct KaowuRoot: Sendable {
    public let path: String

    public init(path: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    public var inbox: String { path + "/inbox" }
    public var outbox: String { path + "/outbox" }
    public var archive: String { path + "/archive" }
    public var data: String { path + "/data" }
    /// Claimed files wait here while their job runs: inside the root, so a claim is a rename.
    public var work: String { data + "/work" }
    public var database: String { data + "/kaowu.sqlite" }
    public var configFile: String { path + "/kaowu.json" }
    /// Where the blank templates of an institution are kept current.
    public static let templateFolder = "模板"

    public func inbox(_ institution: String) -> String { inbox + "/" + institution }
    public func outbox(_ institution: String) -> String { outbox + "/" + institution }

    /// A path relative to the root, for the ledger and reports (the root may move).
    public func relative(_ absolute: String) -> String {
        absolute.hasPrefix(path + "/") ? String(absolute.dropFirst(path.count + 1)) : absolute
    }

    public func absolute(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : path + "/" + relative
    }
}
