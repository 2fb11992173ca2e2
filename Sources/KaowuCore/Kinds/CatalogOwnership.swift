/// The rule every org kind shares: an org touches only the certificates, subjects and plans it
/// owns, and a code another org already uses is refused rather than taken over.
enum CatalogOwnership {
    /// The failure for a code `owner` holds when `org` submitted it, or nil when `org` may write
    /// it (it owns the code, or no one does yet).
    static func refusal(
        field: String, what: String, code: String, owner: String?, org: String
    ) -> FieldFailure? {
        guard let owner, owner != org else { return nil }
        return FieldFailure(
            field: field,
            failure: CheckFailure(
                .ownerForeign, "\(what)代码 \(code) 已属于另一家培训评价组织，本组织不能修改；请核对代码"))
    }

    /// The failure for a certificate the org does not own (or that does not exist: the two
    /// look the same), or nil when it is the org's own.
    static func unknownCertificate(
        field: String, code: String, owner: String?, org: String
    ) -> FieldFailure? {
        guard owner != org else { return nil }
        return FieldFailure(
            field: field,
            failure: CheckFailure(
                .referenceUnknown, "本组织没有代码为 \(code) 的证书；请先在“证书”文件夹里提交该证书，再提交本文件"))
    }
}
