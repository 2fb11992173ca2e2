import Crypto
import Foundation
import Logging

/// The claim stage: takes a settled file out of the inbox by renaming it into the work area
/// (same filesystem, so the move is atomic and no one can change the file afterwards), hashes it,
/// and records a job. From here on the file belongs to the job ledger.
struct DropClaimer {
    let root: KaowuRoot
    let store: KaowuStore
    let clock: KaowuClock
    let logger: Logger

    /// Where a dropped file sits: `inbox/<institution>/<kind folder>/<name>`. A misplaced file
    /// (any other depth) keeps its institution and an empty kind folder, so its report says
    /// where it should have gone.
    struct Placement: Equatable {
        var institution: String
        var kindFolder: String
        var fileName: String
    }

    static func placement(ofInboxPath path: String, inbox: String) -> Placement? {
        guard path.hasPrefix(inbox + "/") else { return nil }
        let components = path.dropFirst(inbox.count + 1).split(separator: "/")
        guard let name = components.last else { return nil }
        let place = DropFileFilter.placement(of: components)
        return Placement(
            institution: place.institution ?? "",
            kindFolder: place.misplaced ? "" : place.kindFolder ?? "",
            fileName: fitted(String(name)))
    }

    /// Longest file name, in UTF-8 bytes, a job keeps: the names made from it (the work file
    /// with its 23-byte token, the archive copy with its job number, the report with its label
    /// and `(n)`, and its temporary name with 12 bytes more) then stay within the 255 bytes a Linux file name may have.
    static let maxFileNameBytes = 200

    /// `name` cut to ``maxFileNameBytes`` on a character boundary, its extension kept: a drop
    /// with a longer name is still claimed and answered, under the shortened name.
    static func fitted(_ name: String) -> String {
        guard name.utf8.count > maxFileNameBytes else { return name }
        let ext = URL(fileURLWithPath: name).pathExtension
        let suffix = ext.isEmpty || ext.utf8.count > 16 ? "…" : "…." + ext
        var stem = name.dropLast(ext.isEmpty || ext.utf8.count > 16 ? 0 : ext.count + 1)
        while stem.utf8.count + suffix.utf8.count > maxFileNameBytes { stem = stem.dropLast() }
        return stem + suffix
    }

    /// Claims `path`. Returns nil when the file is gone (another claim took it, or the user
    /// removed it); the inbox then simply no longer holds it.
    func claim(inboxPath path: String) throws -> JobRecord? {
        guard let placement = Self.placement(ofInboxPath: path, inbox: root.inbox) else {
            return nil
        }
        let token = Self.token(clock.now())
        let folder = [
            root.work, placement.institution.isEmpty ? "_" : placement.institution,
            placement.kindFolder.isEmpty ? "_" : placement.kindFolder,
        ].joined(separator: "/")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let workPath = folder + "/" + token + "__" + placement.fileName
        guard try Self.move(path, to: workPath) else { return nil }
        FaultPoint.check(.claimed)
        return try record(workPath: workPath, placement: placement)
    }

    /// Claims a copy of `path`, a file the operator hands to the CLI, as a job of `kind` for
    /// `institution`. The copy reaches the work area under a temporary name first, so an
    /// interrupted copy is never taken for a claimed file.
    func claim(operatorFile path: String, institution: String, kind: any Kind) throws
        -> JobRecord
    {
        let folder = [root.work, institution, kind.folder].joined(separator: "/")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let fileName = Self.fitted(URL(fileURLWithPath: path).lastPathComponent)
        let workPath = folder + "/" + Self.token(clock.now()) + "__" + fileName
        try FileManager.default.copyItem(atPath: path, toPath: workPath + ".partial")
        guard rename(workPath + ".partial", workPath) == 0 else {
            throw KaowuError.io("无法复制 \(path)：\(String(cString: strerror(errno)))")
        }
        let (digest, size) = try Self.sha256(of: workPath)
        return try store.recordClaim(
            JobClaim(
                institution: institution, kind: kind.id, kindFolder: kind.folder,
                fileName: fileName, workPath: root.relative(workPath), sha256: digest,
                size: size, receivedAt: clock.iso(clock.now())))
    }

    /// Records jobs for files the work area holds without one: a crash between the rename and
    /// the ledger write leaves exactly that.
    func adoptOrphans() throws {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.work) else { return }
        var orphans: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = root.work + "/" + relative
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
                continue
            }
            if path.hasSuffix(".partial") {
                // An interrupted cross-filesystem copy: the original is still in the inbox.
                try? fm.removeItem(atPath: path)
            } else {
                orphans.append(path)
            }
        }
        for path in orphans.sorted() {
            let parts = root.relative(path).split(separator: "/").map(String.init)
            // data/work/<institution>/<kind folder>/<token>__<name>
            guard parts.count == 5, let last = parts.last, let cut = last.range(of: "__") else {
                continue
            }
            let placement = Placement(
                institution: parts[2] == "_" ? "" : parts[2],
                kindFolder: parts[3] == "_" ? "" : parts[3],
                fileName: String(last[cut.upperBound...]))
            _ = try record(workPath: path, placement: placement)
        }
    }

    private func record(workPath: String, placement: Placement) throws -> JobRecord {
        let (digest, size) = try Self.sha256(of: workPath)
        let job = try store.recordClaim(
            JobClaim(
                institution: placement.institution, kind: nil,
                kindFolder: placement.kindFolder, fileName: placement.fileName,
                workPath: root.relative(workPath), sha256: digest, size: size,
                receivedAt: clock.iso(clock.now())))
        logger.info(
            "claimed",
            metadata: [
                "job": "\(job.id)", "institution": "\(placement.institution)",
                "folder": "\(placement.kindFolder)",
                "file": "\(Redact.fileName(placement.fileName))",
            ])
        return job
    }

    /// Renames, or copies and removes across filesystems. False when the source is gone.
    static func move(_ source: String, to destination: String) throws -> Bool {
        if rename(source, destination) == 0 { return true }
        let err = errno
        if err == ENOENT { return false }
        guard err == EXDEV else {
            throw KaowuError.io("无法移动 \(source)：\(String(cString: strerror(err)))")
        }
        let fm = FileManager.default
        let temp = destination + ".partial"
        try? fm.removeItem(atPath: temp)
        do {
            try fm.copyItem(atPath: source, toPath: temp)
        } catch {
            if !fm.fileExists(atPath: source) { return false }
            throw error
        }
        guard rename(temp, destination) == 0 else {
            throw KaowuError.io("无法移动 \(source)：\(String(cString: strerror(errno)))")
        }
        try fm.removeItem(atPath: source)
        return true
    }

    static func sha256(of path: String) throws -> (String, Int64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw KaowuError.io("无法读取 \(path)") }
        defer { close(fd) }
        // One buffer for the whole file: a fresh 1 MiB `Data` per chunk was mapped and unmapped
        // by malloc each time (a fifth of a 190 MB photo ZIP's claim went to page faults).
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw KaowuError.io("无法读取 \(path)：\(String(cString: strerror(errno)))")
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += Int64(count)
        }
        return (hasher.finalize().lowercaseHex, size)
    }

    /// Sortable and unique: claim time plus randomness.
    private static func token(_ date: Date) -> String {
        let stamp = Int64(date.timeIntervalSince1970 * 1000)
        return String(stamp) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }
}
