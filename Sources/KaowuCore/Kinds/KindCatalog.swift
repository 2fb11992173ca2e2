import Foundation

/// Every kind this build knows, each with the schema loaded from `schemas/`.
public struct KindCatalog: Sendable {
    public let kinds: [any Kind]

    /// The Swift half of each kind, by kind id. One line per kind.
    static let builtIn: [String: @Sendable (TableSchema) -> any Kind] = [
        "school-candidates": { CandidateImport(schema: $0, population: .school) },
        "social-candidates": { CandidateImport(schema: $0, population: .social) },
        "photos": { PhotoImport(schema: $0) },
        "legacy-candidates": { CandidateImport(schema: $0, population: nil) },
        "candidate-updates": { CandidateUpdate(schema: $0) },
        "certificates": { CertificateImport(schema: $0) },
        "subjects": { SubjectImport(schema: $0) },
        "exam-plans": { ExamPlanImport(schema: $0) },
        "registrations-by-certificate": { RegistrationByCertificate(schema: $0) },
        "registrations-by-subject": { RegistrationBySubject(schema: $0) },
        "registration-deletions": { RegistrationDeletion(schema: $0) },
    ]

    /// Loads `<directory>/<kind>.json` for every built-in kind.
    public static func load(schemasDirectory directory: String) throws -> KindCatalog {
        let kinds = try builtIn.map { id, make -> any Kind in
            let path = directory + "/" + id + ".json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KaowuError.schemaInvalid(kind: id, detail: "找不到文件 \(path)")
            }
            let schema: TableSchema
            do {
                schema = try JSONDecoder().decode(TableSchema.self, from: data)
            } catch {
                throw KaowuError.schemaInvalid(kind: id, detail: "\(error)")
            }
            try SchemaLint.check(schema, expectedName: id)
            let kind = make(schema)
            // The schema's `input` and the Swift half must agree, or files would be misread.
            let isEntryKind = kind is any EntryKind
            guard isEntryKind == (schema.kaowu.inputKind == .zipEntries),
                isEntryKind || kind is any SheetKind
            else {
                throw KaowuError.schemaInvalid(kind: id, detail: "kaowu.input 与程序中的类型不符")
            }
            return kind
        }
        return KindCatalog(kinds: kinds.sorted { $0.schema.kaowu.order < $1.schema.kaowu.order })
    }

    public func kind(id: String) -> (any Kind)? { kinds.first { $0.id == id } }

    public func kind(folder: String) -> (any Kind)? { kinds.first { $0.folder == folder } }

    public func kinds(for role: InstitutionRole) -> [any Kind] { kinds.filter { $0.role == role } }

    /// Where the schemas are: `KAOWU_SCHEMAS`, else `share/kaowu/schemas` beside the installed
    /// binary, else the `schemas/` folder of the source tree the binary was built in.
    public static func locateSchemas() -> String? {
        let fm = FileManager.default
        // argv[0] is a bare name when started through PATH; the kernel knows the real file.
        let executable =
            (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        if let dir = ProcessInfo.processInfo.environment["KAOWU_SCHEMAS"], !dir.isEmpty {
            return dir
        }
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        let installed = url.deletingLastPathComponent().appendingPathComponent(
            "share/kaowu/schemas")
        if fm.fileExists(atPath: installed.path + "/school-candidates.json") {
            return installed.path
        }
        while url.path != "/" {
            let candidate = url.appendingPathComponent("schemas")
            if fm.fileExists(atPath: candidate.path + "/school-candidates.json") {
                return candidate.path
            }
            url.deleteLastPathComponent()
        }
        return nil
    }
}
