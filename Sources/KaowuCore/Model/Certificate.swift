/// A vocational skill certificate (证书) an org owns: the unit schools register candidates for.
public struct Certificate: Sendable, Equatable {
    /// The certificate's code, unique across kaowu.
    public var code: String
    public var name: String
    /// 初级, 中级 or 高级.
    public var level: String

    public init(code: String, name: String, level: String) {
        self.code = code
        self.name = name
        self.level = level
    }
}
