import Foundation

/// Limits that keep a hostile ZIP from exhausting memory or disk.
struct ArchiveLimits {
    var maxEntries: Int
    /// Across all entries, as declared (no entry inflates past its declared size).
    var maxTotalBytes: Int64
    /// Per entry (above 1 MiB): beyond it, a ZIP bomb.
    var maxCompressionRatio: Double
}

/// One file entry of an opened ZIP that is not skipped.
struct ArchiveEntry: Sendable {
    /// The entry's path, decoded: UTF-8 when the ZIP says so, else GBK as Chinese Windows
    /// writes it. Only ever a name: nothing is extracted to disk under it.
    var path: String
    var bytes: Int
    fileprivate var record: ZipReader.Record
}

/// A ZIP whose central directory was read and found within the limits. Entries are read on
/// any thread, several at once.
final class OpenedArchive: Sendable {
    let entries: [ArchiveEntry]
    private let zip: ZipReader

    fileprivate init(zip: ZipReader, entries: [ArchiveEntry]) {
        self.zip = zip
        self.entries = entries
    }

    /// Inflates `entry`, checking its CRC-32; nil when the entry is damaged. An entry cannot
    /// inflate past its declared size (it is then damaged), and declared sizes were checked
    /// against the limits when the archive was opened: no ZIP bomb gets further.
    func read(_ entry: ArchiveEntry) -> Data? {
        zip.read(entry.record)
    }
}

/// The read stage for ZIP kinds: opens the ZIP, reads its central directory, decodes entry
/// names, skips folders and the metadata the settings name (`__MACOSX`, `Thumbs.db`, ...), and
/// refuses the file when the directory is damaged or over the limits. No entry's data is read
/// here.
enum ArchiveOpening {
    /// The GB 18030 superset of GBK that Chinese Windows ZIP tools write names in.
    private static let gbk = String.Encoding(rawValue: 0x8000_0632)

    /// Opens a ZIP of photos within the limits of `settings` (entries, skipped names) and of
    /// `config` (total size, compression ratio): the same when the photos are checked and when
    /// the report's thumbnails are made of them.
    static func open(path: String, photos settings: PhotoSettings, config: KaowuConfig)
        -> Result<OpenedArchive, FileRejection>
    {
        open(
            path: path,
            limits: ArchiveLimits(
                maxEntries: settings.maxEntries,
                maxTotalBytes: Int64(config.limits.maxUncompressedMegabytes) << 20,
                maxCompressionRatio: config.limits.maxCompressionRatio),
            skippedNames: Set(settings.skippedNames))
    }

    static func open(path: String, limits: ArchiveLimits, skippedNames: Set<String>)
        -> Result<OpenedArchive, FileRejection>
    {
        func reject(_ code: ProblemCode, _ message: String) -> Result<OpenedArchive, FileRejection>
        {
            .failure(FileRejection(problems: [Problem(code: code.rawValue, message: message)]))
        }
        let zip: ZipReader
        do {
            zip = try ZipReader(path: path, maxEntries: limits.maxEntries)
        } catch {
            switch error {
            case .unreadable:
                return reject(.fileUnreadable, "文件无法读取；请重新放入")
            case .empty:
                return reject(.fileEmpty, "文件是空的（0 字节），可能没有复制完整；请重新放入")
            case .notZip:
                return reject(
                    .fileNotZip, "这不是 ZIP 压缩包；请把照片（证件号码.jpg）全部选中后压缩成一个 .zip 文件再放入")
            case .damaged:
                return reject(.fileCorrupt, "ZIP 压缩包已损坏或没有复制完整（目录无法读取）；请重新压缩后放入")
            case .tooManyEntries(let count):
                return reject(
                    .fileTooManyEntries,
                    "压缩包里有 \(count) 个文件，超过每次 \(limits.maxEntries) 个的上限；请分成几个压缩包放入")
            }
        }
        var entries: [ArchiveEntry] = []
        var declaredTotal: Int64 = 0
        for record in zip.records {
            let bytes = record.uncompressedSize
            declaredTotal += bytes
            if declaredTotal > limits.maxTotalBytes
                || bytes > 1 << 20
                    && Double(bytes) / Double(max(record.compressedSize, 1))
                        > limits.maxCompressionRatio
            {
                return reject(
                    .fileTooLarge,
                    "压缩包解压后超过 \(limits.maxTotalBytes >> 20) MB 或压缩比异常（疑似“压缩炸弹”），未予处理；请只压缩照片后重新放入")
            }
            guard record.isFile else { continue }
            let name = decodedPath(record)
            if name.split(separator: "/").contains(where: { skippedNames.contains(String($0)) }) {
                continue
            }
            entries.append(ArchiveEntry(path: name, bytes: Int(bytes), record: record))
        }
        return .success(OpenedArchive(zip: zip, entries: entries))
    }

    /// UTF-8 when the entry's UTF-8 flag is set or the name is ASCII; UTF-8 without the flag
    /// (Info-ZIP on Linux and macOS writes it so) when every non-ASCII character is one of
    /// three bytes or more, as Chinese is; else GBK, as Windows ZIP tools in a Chinese locale
    /// write; else whatever UTF-8 makes of it (such a name is no photo's name anyway).
    /// The order matters: most UTF-8 Chinese is also valid GBK (照片 would read 鐓х墖), while GBK
    /// read as UTF-8 almost never gives only characters of three bytes.
    private static func decodedPath(_ record: ZipReader.Record) -> String {
        let raw = record.rawName
        if let utf8 = String(validating: raw, as: UTF8.self),
            record.isUTF8 || utf8.unicodeScalars.allSatisfy({ $0.isASCII || $0.value >= 0x800 })
        {
            return utf8
        }
        if let gbk = String(data: Data(raw), encoding: gbk), !gbk.isEmpty { return gbk }
        return String(decoding: raw, as: UTF8.self)
    }
}
