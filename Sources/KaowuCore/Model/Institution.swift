/// A pilot school or a training and evaluation organisation: whose folder a file came from
/// decides whose data it may touch.
public struct Institution: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var role: InstitutionRole

    public init(code: String, name: String, role: InstitutionRole) {
        self.code = code
        self.name = name
        self.role = role
    }

    /// Codes become folder names on a Samba share: keep them to a portable alphabet.
    public static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 32
            && code.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || $0 == "-" || $0 == "_"
            }
    }
}
