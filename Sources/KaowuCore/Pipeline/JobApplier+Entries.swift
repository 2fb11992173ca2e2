import Foundation
import SpreadsheetReading

extension JobApplier {
    /// How many entries travel together between threads: enough that hand-overs are rare.
    static let entryBatch = 16
    /// A batch ends sooner once its photos hold this many bytes, and this many batches wait
    /// between threads: many small photos keep both cores busy (16 batches instead of 2: 10k
    /// photos 1.83–1.90 → 1.68–1.74 s) while large ones (up to `PhotoSettings.maxBytes`) cannot
    /// pile up in memory.
    static let entryBatchBytes = 1 << 20
    static let queuedEntryBatches = 16

    /// Checks and applies every entry of `archive`, the way `run(sheet:...)` does rows: one
    /// transaction, all or nothing, the decision recorded with the data. One thread per core
    /// inflates and checks entries (`EntryKind.examine`), and this one applies them in ZIP
    /// order.
    func run<K: EntryKind>(
        archive: OpenedArchive, kind: K, institution: Institution, job: Int64?, dryRun: Bool,
        decide: (Verdict) throws -> Data
    ) throws -> Verdict {
        try inTransaction(
            kind: kind, institution: institution, job: job, dryRun: dryRun, decide: decide
        ) { scope, verdict in
            var applier = kind.makeEntryApplier(
                scope: scope, paths: archive.entries.map(\.path))
            verdict.rows.replaced = 0
            verdict.entries = []
            let maxBytes = kind.maxEntryBytes
            try BackgroundProducer.forEach(
                batchSize: Self.entryBatch, batchWeight: Self.entryBatchBytes,
                weight: { entry in entry.bytes <= maxBytes ? entry.bytes : 0 },
                queuedBatches: Self.queuedEntryBatches,
                workers: BackgroundProducer.workerThreads,
                produce: { emit in
                    for entry in archive.entries { try emit(entry) }
                },
                transform: { entry in ExaminedEntry(entry, in: archive, by: kind) }
            ) { (examined: ExaminedEntry<K.Finding>) in
                let entry = examined.entry
                guard let finding = examined.finding, case .some(let data) = examined.contents
                else {
                    record(corruptEntry: entry, into: &verdict)
                    return
                }
                // As for sheets: a file that cannot commit any more is only judged.
                let result =
                    try dryRun || !verdict.errors.isEmpty
                    ? applier.judge(path: entry.path, finding: finding, data: data)
                    : applier.apply(path: entry.path, finding: finding, data: data)
                record(result, entry: entry.path, into: &verdict)
            }
            if archive.entries.isEmpty {
                verdict.errors.append(
                    Problem(
                        code: ProblemCode.fileNoEntries.rawValue,
                        message: "压缩包里没有照片（文件夹和 __MACOSX 等系统文件不算）；请把照片压缩后放入"))
            }
        }
    }

    private func record(_ verdict: EntryVerdict, entry: String, into total: inout Verdict) {
        total.rows.total += 1
        total.entries?.append(verdict.result)
        switch verdict.result.outcome {
        case .added: total.rows.applied += 1
        case .replaced:
            total.rows.applied += 1
            total.rows.replaced? += 1
        case .passed, .rejected: break
        }
        if !verdict.errors.isEmpty { total.rows.error += 1 }
        if !verdict.warnings.isEmpty { total.rows.warning += 1 }
        total.errors += verdict.errors.map { Self.problem($0, entry: entry) }
        total.warnings += verdict.warnings.map { Self.problem($0, entry: entry) }
    }

    private func record(corruptEntry entry: ArchiveEntry, into total: inout Verdict) {
        let failure = CheckFailure(
            .fileCorrupt, "压缩包里的这个文件已损坏（解压校验不符），无法读取；请重新压缩后放入")
        record(
            EntryVerdict(
                result: EntryResult(entry: entry.path, bytes: entry.bytes, outcome: .rejected),
                errors: [failure], warnings: []),
            entry: entry.path, into: &total)
    }

    private static func problem(_ failure: CheckFailure, entry: String) -> Problem {
        Problem(entry: entry, code: failure.code, message: failure.message)
    }
}

/// An entry of a photo ZIP as a checking thread hands it over.
private struct ExaminedEntry<Finding: Sendable>: Sendable {
    var entry: ArchiveEntry
    /// `.some(nil)` for an entry too large to read, nil for a damaged one.
    var contents: Data??
    /// What `examine` found; nil when the entry could not be read.
    var finding: Finding?

    /// Reads `entry` (unless it is larger than `kind` reads) and examines it.
    init<K: EntryKind>(_ entry: ArchiveEntry, in archive: OpenedArchive, by kind: K)
    where K.Finding == Finding {
        self.entry = entry
        guard entry.bytes <= kind.maxEntryBytes else {
            contents = .some(nil)
            finding = kind.examine(path: entry.path, data: nil, bytes: entry.bytes)
            return
        }
        guard let data = archive.read(entry) else {
            contents = nil
            finding = nil
            return
        }
        contents = .some(data)
        finding = kind.examine(path: entry.path, data: data, bytes: entry.bytes)
    }
}
