import Foundation

/// 考生照片导入: a ZIP of `<证件号码>.jpg|.png` photos for the school's candidates. The photo
/// rules live in `PhotoCheck` (settings from `kaowu.photo` in `schemas/photos.json`); this
/// kind adds what needs the records: the candidate must be the school's own, one photo per
/// candidate per ZIP, and a new photo replaces an earlier one.
struct PhotoImport: EntryKind {
    let schema: TableSchema
    let check: PhotoCheck

    /// - Precondition: the schema has `kaowu.photo` (`SchemaLint` makes sure of it).
    init(schema: TableSchema) {
        self.schema = schema
        check = PhotoCheck(settings: schema.kaowu.photo!)
    }

    var maxEntryBytes: Int { check.settings.maxBytes }

    /// The candidate export shows who has a photo.
    var staleExports: [OutboxExport] { [.candidates] }

    func examine(path: String, data: Data?, bytes: Int) -> PhotoFinding {
        check.check(entryPath: path, data: data, bytes: bytes)
    }

    func makeEntryApplier(scope: JobScope, paths: [String]) -> Applier {
        var counts: [String: [String]] = [:]
        for path in paths {
            if let number = check.documentNumber(entryPath: path) {
                counts[number, default: []].append(path)
            }
        }
        return Applier(scope: scope, sharedNumbers: counts.filter { $0.value.count > 1 })
    }

    struct Applier: EntryApplier {
        let scope: JobScope
        /// Document numbers named by more than one entry, with those entries.
        let sharedNumbers: [String: [String]]

        mutating func apply(path: String, finding: PhotoFinding, data: Data?) throws
            -> EntryVerdict
        {
            try admit(path: path, finding: finding, data: data) { photo, candidate in
                try scope.records.photos.store(photo, candidate: candidate, entry: path)
            }
        }

        /// Exact without writing: two entries of one ZIP for the same candidate are both
        /// errors (`sharedNumbers`), so whether a photo is replaced depends only on the photos
        /// stored before this file.
        mutating func judge(path: String, finding: PhotoFinding, data: Data?) throws
            -> EntryVerdict
        {
            try admit(path: path, finding: finding, data: data) { _, candidate in
                try scope.records.photos.hasPhoto(candidate: candidate)
            }
        }

        /// The entry's verdict, the photo handed to `store` (which says whether it replaced
        /// one) when it has no error.
        private func admit(
            path: String, finding: PhotoFinding, data: Data?,
            store: (StoredPhoto, _ candidate: Int64) throws -> Bool
        ) throws -> EntryVerdict {
            var errors = finding.errors
            var result = EntryResult(
                entry: path, documentNumber: finding.documentNumber, format: finding.format,
                colorModel: finding.colorModel, width: finding.width, height: finding.height,
                bytes: finding.bytes, background: finding.background?.color,
                sha256: finding.sha256, outcome: .rejected)
            var candidate: (id: Int64, name: String)?
            if let number = finding.documentNumber {
                candidate = try scope.records.photos.candidate(documentNumber: number)
                result.candidateName = candidate?.name
                if candidate == nil {
                    errors.append(
                        CheckFailure(
                            .photoUnknownCandidate,
                            "本校没有证件号码为 \(number) 的考生；请先导入该考生，或检查文件名是否就是证件号码"))
                }
                if let others = sharedNumbers[number]?.filter({ $0 != path }) {
                    errors.append(
                        CheckFailure(
                            .photoDuplicate,
                            "压缩包里同一证件号码有多张照片（另见：\(others.joined(separator: "、"))）；请只保留一张"))
                }
            }
            if errors.isEmpty, let candidate, let data, let format = finding.format,
                let width = finding.width, let height = finding.height, let hash = finding.sha256
            {
                let replaced = try store(
                    StoredPhoto(
                        format: format, width: width, height: height, sha256: hash, data: data,
                        job: scope.job), candidate.id)
                result.outcome = replaced ? .replaced : .added
            }
            return EntryVerdict(result: result, errors: errors, warnings: finding.warnings)
        }
    }
}
