import CXlsxWriter

/// A failure reported by libxlsxwriter (or caught before calling it), with what was being done.
///
/// These reach the operator's log, never a clerk: when writing fails there is no report to show.
public struct XLSXError: Error, Sendable, CustomStringConvertible {
    /// What the wrapper was doing, e.g. `write cell B3 on sheet "错误"`.
    public var operation: String
    /// libxlsxwriter's own explanation (`lxw_strerror`) or the wrapper's.
    public var reason: String

    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    init(operation: String, code: lxw_error) {
        self.init(operation: operation, reason: String(cString: lxw_strerror(code)))
    }

    public var description: String { "xlsx: cannot \(operation): \(reason)" }

    /// Throws when `code` is not `LXW_NO_ERROR`.
    static func check(_ code: lxw_error, _ operation: @autoclosure () -> String) throws {
        guard code != LXW_NO_ERROR else { return }
        throw XLSXError(operation: operation(), code: code)
    }
}
