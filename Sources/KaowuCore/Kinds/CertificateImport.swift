/// 证书 (org): adds the org's certificates, or updates one whose code the org already has.
struct CertificateImport: SheetKind {
    let schema: TableSchema

    var staleExports: [OutboxExport] { [.examPlans] }

    func makeApplier(scope: JobScope) -> any RowApplier { Applier(scope: scope) }

    struct Applier: RowApplier {
        let scope: JobScope

        mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure] {
            let certificate = Certificate(
                code: row.text("code") ?? "", name: row.text("name") ?? "",
                level: row.text("level") ?? "")
            let catalog = scope.records.examCatalog
            if let refusal = CatalogOwnership.refusal(
                field: "code", what: "证书", code: certificate.code,
                owner: try catalog.certificate(code: certificate.code)?.org,
                org: scope.institution.code)
            {
                return [refusal]
            }
            try catalog.save(certificate, job: scope.job)
            return []
        }
    }
}
