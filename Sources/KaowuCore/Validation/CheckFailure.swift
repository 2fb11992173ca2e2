/// Why a value failed one of the shared checks.
///
/// `code` is a stable English id (one of `ProblemCode`'s raw values) that machines and the README
/// table rely on; `message` is one Chinese sentence for a school clerk that says what is wrong and
/// how to fix it. A check that returns a `CheckFailure` never also returns a cleaned value.
public struct CheckFailure: Error, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The checks' own spelling: the code comes from `ProblemCode`, so it cannot be misspelled.
    init(_ code: ProblemCode, _ message: String) {
        self.init(code: code.rawValue, message: message)
    }
}
