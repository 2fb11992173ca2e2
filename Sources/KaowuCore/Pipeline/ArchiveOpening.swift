import Foundation
import SystemZlib
import ZIPFoundation

/// Limits that keep a hostile ZIP from exhausting memory or disk.
struct ArchiveLimits {
    var maxEntries: Int
    /// Across all entries, as declared and as actually inflated.
    var maxTotalBytes: Int64
    /// Per entry (above 1 MiB): beyond it, a ZIP bomb.
    var maxCompressionRatio: Double
}

/// One file entry of an opened ZIP that is not skipped.
///
/// `@unchecked Sendable`: ZIPFoundation's `Entry` is a struct of plain values (the entry's
/// headers) that the library does not mark Sendable; nothing in it refers to the open archive.
struct ArchiveEntry: @unchecked Sendable {
    /// The entry's path, decoded: UTF-8 when the ZIP says so, else GBK as Chinese Windows
    /// writes it. Only ever a name: nothing is extracted to disk under it.
    var path: String
    var bytes: Int
    fileprivate var entry: Entry
}

/// A ZIP whose central directory was read and found within the limits.
///
/// Not Sendable: ZIPFoundation's `Archive` owns an open `FILE*`; entries are read one after
/// another, on one thread at a time.
final class OpenedArchive {
    let entries: [ArchiveEntry]
    private let archive: Archive
    private let limits: ArchiveLimits
    private var inflated: Int64 = 0

    fileprivate init(archive: Archive, entries: [ArchiveEntry], limits: ArchiveLimits) {
        self.archive = archive
        self.entries = entries
        self.limits = limits
    }

    /// Why an entry's bytes could not be had.
    enum EntryFailure: Error {
        /// Damaged data or a CRC mismatch: that entry is bad, the others may be fine.
        case corrupt
        /// Past the ratio or total limit: the whole file is refused.
        case bomb
    }

    /// Inflates `entry` (declared size at most `maxBytes`), checking CRC-32, the ratio and
    /// the running total against what is actually inflated, since declared sizes can lie.
    func read(_ entry: ArchiveEntry, maxBytes: Int) -> Result<Data, EntryFailure> {
        let compressed = Double(max(entry.entry.compressedSize, 1))
        var data = Data()
        data.reserveCapacity(min(entry.bytes, maxBytes))
        var checksum = crc32(0, nil, 0)
        do {
            // ZIPFoundation's own CRC is slow on Linux; zlib's runs over the same chunks.
            _ = try archive.extract(entry.entry, bufferSize: 1 << 16, skipCRC32: true) { chunk in
                data.append(chunk)
                let produced = Int64(data.count)
                if produced > 1 << 20 && Double(produced) / compressed > limits.maxCompressionRatio
                    || inflated + produced > limits.maxTotalBytes
                {
                    throw EntryFailure.bomb
                }
                guard data.count <= entry.bytes else { throw EntryFailure.corrupt }
                chunk.withUnsafeBytes { raw in
                    checksum = crc32(
                        checksum, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count))
                }
            }
        } catch EntryFailure.bomb {
            return .failure(.bomb)
        } catch {
            return .failure(.corrupt)
        }
        inflated += Int64(data.count)
        guard data.count == entry.bytes, UInt32(checksum) == entry.entry.checksum else {
            return .failure(.corrupt)
        }
        return .success(data)
    }
}

/// The read stage for ZIP kinds: opens the ZIP, reads its central directory, decodes entry
/// names, skips folders and the metadata the settings name (`__MACOSX`, `Thumbs.db`, ...), and
/// refuses the file when the directory is damaged or over the limits. No entry's data is read
/// here.
enum ArchiveOpening {
    /// The GB 18030 superset of GBK that Chinese Windows ZIP tools write names in.
    private static let gbk = String.Encoding(rawValue: 0x8000_0632)

    static func open(path: String, limits: ArchiveLimits, skippedNames: Set<String>)
        -> Result<OpenedArchive, FileRejection>
    {
        func reject(_ code: ProblemCode, _ message: String) -> Result<OpenedArchive, FileRejection>
        {
            .failure(FileRejection(problems: [Problem(code: code.rawValue, message: message)]))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return reject(.fileUnreadable, "文件无法读取；请重新放入")
        }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        let size = (try? handle.seekToEnd()) ?? 0
        let declaredCount = endOfCentralDirectoryCount(handle, size: size)
        try? handle.close()
        if size == 0 { return reject(.fileEmpty, "文件是空的（0 字节），可能没有复制完整；请重新放入") }
        guard head.starts(with: [0x50, 0x4B]) else {
            return reject(
                .fileNotZip, "这不是 ZIP 压缩包；请把照片（证件号码.jpg）全部选中后压缩成一个 .zip 文件再放入")
        }
        let corrupt = reject(.fileCorrupt, "ZIP 压缩包已损坏或没有复制完整（目录无法读取）；请重新压缩后放入")
        guard let declaredCount,
            let archive = try? Archive(
                url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil)
        else { return corrupt }
        if declaredCount > limits.maxEntries {
            return reject(
                .fileTooManyEntries,
                "压缩包里有 \(declaredCount) 个文件，超过每次 \(limits.maxEntries) 个的上限；请分成几个压缩包放入")
        }
        var entries: [ArchiveEntry] = []
        var seen = 0
        var declaredTotal: Int64 = 0
        let bomb = reject(
            .fileTooLarge,
            "压缩包解压后超过 \(limits.maxTotalBytes >> 20) MB 或压缩比异常（疑似“压缩炸弹”），未予处理；请只压缩照片后重新放入")
        for entry in archive {
            seen += 1
            let bytes = Int64(clamping: entry.uncompressedSize)
            declaredTotal += bytes
            if declaredTotal > limits.maxTotalBytes
                || bytes > 1 << 20
                    && Double(bytes) / Double(max(entry.compressedSize, 1))
                        > limits.maxCompressionRatio
            {
                return bomb
            }
            guard entry.type == .file else { continue }
            let name = decodedPath(entry)
            if name.split(separator: "/").contains(where: { skippedNames.contains(String($0)) }) {
                continue
            }
            entries.append(ArchiveEntry(path: name, bytes: Int(bytes), entry: entry))
        }
        // ZIPFoundation stops quietly at a damaged directory record; the count says so.
        if declaredCount != 0xFFFF && seen != declaredCount { return corrupt }
        return .success(OpenedArchive(archive: archive, entries: entries, limits: limits))
    }

    /// UTF-8 when the entry's UTF-8 flag is set (ZIPFoundation's `path` then decodes UTF-8),
    /// else GBK, as Windows ZIP tools in a Chinese locale write; else UTF-8 written without
    /// the flag; else code page 437.
    private static func decodedPath(_ entry: Entry) -> String {
        let utf8 = entry.path(using: .utf8)
        if !utf8.isEmpty && entry.path == utf8 { return utf8 }
        for candidate in [entry.path(using: gbk), utf8] where !candidate.isEmpty {
            return candidate
        }
        return entry.path
    }

    /// The entry count the end-of-central-directory record declares (0xFFFF for ZIP64), or nil
    /// when there is no such record.
    private static func endOfCentralDirectoryCount(_ handle: FileHandle, size: UInt64) -> Int? {
        let tail = min(size, 22 + 0xFFFF)
        guard tail >= 22, (try? handle.seek(toOffset: size - tail)) != nil,
            let bytes = try? handle.read(upToCount: Int(tail)).map(Array.init)
        else { return nil }
        var i = bytes.count - 22
        while i >= 0 {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 5 && bytes[i + 3] == 6 {
                return Int(bytes[i + 10]) | Int(bytes[i + 11]) << 8
            }
            i -= 1
        }
        return nil
    }
}
