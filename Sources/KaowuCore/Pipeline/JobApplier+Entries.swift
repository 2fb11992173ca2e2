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
    /// transaction, all or nothing, the decision recorded with the data. One thread inflates
    /// the entries in ZIP order, one per core checks them (`EntryKind.examine`), and this one
    /// applies them in ZIP order. A ZIP bomb found while inflating becomes a file-level error.
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
            let reading = ArchiveReading(archive)
            try BackgroundProducer.forEach(
                batchSize: Self.entryBatch, batchWeight: Self.entryBatchBytes,
                weight: \.byteCount, queuedBatches: Self.queuedEntryBatches,
                workers: BackgroundProducer.workerThreads,
                produce: { emit in try Self.readAll(reading, kind: kind, emit) },
                transform: { read in read.examined(by: kind) }
            ) { (examined: ExaminedEntry<K.Finding>) in
                guard case .entry(let entry, let contents, let finding) = examined else {
                    verdict.errors.append(
                        Problem(
                            code: ProblemCode.fileTooLarge.rawValue,
                            message: "压缩包解压后超过上限或压缩比异常（疑似“压缩炸弹”），未予处理；请只压缩照片后重新放入"))
                    return
                }
                guard let finding, case .some(let data) = contents else {
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

    /// Reads the archive's entries in ZIP order; stops after emitting `.bomb` when the ZIP
    /// turns out to be one.
    private static func readAll<K: EntryKind>(
        _ reading: ArchiveReading, kind: K, _ emit: (ReadEntry) throws -> Void
    ) throws {
        for entry in reading.archive.entries {
            guard entry.bytes <= kind.maxEntryBytes else {
                try emit(.entry(entry, .some(nil)))
                continue
            }
            switch reading.archive.read(entry, maxBytes: kind.maxEntryBytes) {
            case .success(let data): try emit(.entry(entry, .some(data)))
            case .failure(.corrupt): try emit(.entry(entry, nil))
            case .failure(.bomb): return try emit(.bomb)
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

/// An entry of a photo ZIP as the reading thread hands it over.
private enum ReadEntry: Sendable {
    /// The entry and its bytes: `.some(nil)` for an entry too large to read, nil for a
    /// damaged one.
    case entry(ArchiveEntry, Data??)
    /// The ZIP inflates past the limits: nothing after this.
    case bomb

    /// The inflated bytes it holds.
    var byteCount: Int {
        guard case .entry(_, let contents) = self, case .some(.some(let data)) = contents else {
            return 0
        }
        return data.count
    }

    /// What `kind.examine` finds in the entry (nil when it could not be read).
    func examined<K: EntryKind>(by kind: K) -> ExaminedEntry<K.Finding> {
        guard case .entry(let entry, let contents) = self else { return .bomb }
        guard case .some(let data) = contents else { return .entry(entry, contents, nil) }
        return .entry(
            entry, contents, kind.examine(path: entry.path, data: data, bytes: entry.bytes))
    }
}

/// An entry of a photo ZIP as a checking thread hands it over.
private enum ExaminedEntry<Finding: Sendable>: Sendable {
    /// The entry, its bytes (see `ReadEntry`) and what `examine` found (nil when unreadable).
    case entry(ArchiveEntry, Data??, Finding?)
    /// The ZIP inflates past the limits: nothing after this.
    case bomb
}

/// Takes the opened archive to the thread that reads it.
///
/// `@unchecked Sendable`: while `BackgroundProducer.forEach` runs, only its producer touches
/// the archive (the applying thread uses the entry list it was given before), and it has
/// finished when `forEach` returns.
private final class ArchiveReading: @unchecked Sendable {
    let archive: OpenedArchive

    init(_ archive: OpenedArchive) {
        self.archive = archive
    }
}
