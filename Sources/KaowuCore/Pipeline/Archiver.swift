import Foundation

/// The archive stage: every processed original is kept, under `archive/<institution>/<month>/`,
/// named by its job so two drops of one name never collide.
struct Archiver {
    let root: KaowuRoot
    let store: KaowuStore
    let clock: KaowuClock

    func archive(job: JobRecord) throws {
        let month = String(job.receivedAt.prefix(7))
        let folder = [root.archive, job.institution.isEmpty ? "_" : job.institution, month]
            .joined(separator: "/")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let destination = folder + "/" + String(format: "%06lld", job.id) + "-" + job.fileName
        let source = root.absolute(job.workPath)
        // A restart after the move but before the ledger write finds the file already there.
        if !FileManager.default.fileExists(atPath: destination) {
            guard try DropClaimer.move(source, to: destination) else {
                throw KaowuError.io("作业 \(job.id) 的原文件不见了：\(job.workPath)")
            }
        }
        FaultPoint.check(.archived)
        try store.markArchived(
            job: job.id, archivePath: root.relative(destination),
            finishedAt: clock.iso(clock.now()))
    }
}
