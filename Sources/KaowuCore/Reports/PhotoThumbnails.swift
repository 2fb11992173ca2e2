import Foundation
import PhotoDecoding
import SpreadsheetReading

/// Small JPEG thumbnails of a ZIP's rejected photos, for the report's 照片 sheet: re-read
/// from the claimed ZIP at report time, so nothing of them is kept in the ledger.
enum PhotoThumbnails {
    /// Thumbnails fit this box (pixels): about the size of a one-inch photo at 1/4 scale.
    static let width = 64
    static let height = 90
    /// A report with more rejected photos shows thumbnails for the first ones only, so its
    /// size stays that of a spreadsheet.
    static let limit = 500

    /// Thumbnails of the entries in `report.entries` that were rejected and could be decoded,
    /// keyed by entry path. Best effort: an entry that cannot be read again simply has none.
    static func make(
        zipPath: String, report: JobReport, settings: PhotoSettings, config: KaowuConfig
    )
        -> [String: Data]
    {
        let wanted = Set(
            (report.entries ?? []).filter { $0.outcome == .rejected && $0.width != nil }
                .prefix(limit).map(\.entry))
        guard !wanted.isEmpty,
            case .success(let archive) = ArchiveOpening.open(
                path: zipPath, photos: settings, config: config)
        else { return [:] }
        var chosen: [String: ArchiveEntry] = [:]
        for entry in archive.entries
        where wanted.contains(entry.path) && chosen[entry.path] == nil
            && entry.bytes <= settings.maxBytes
        {
            chosen[entry.path] = entry
        }
        // Decoding whole photos is most of this: on every core, as when they were checked.
        var thumbnails: [String: Data] = [:]
        try? BackgroundProducer.forEach(
            batchSize: 4, workers: BackgroundProducer.workerThreads,
            produce: { [chosen] emit in
                for entry in chosen.values { try emit(entry) }
            },
            transform: { entry in (entry.path, thumbnail(archive.read(entry))) },
            { path, jpeg in thumbnails[path] = jpeg })
        return thumbnails
    }

    /// A JPEG of `photo` fitting the thumbnail box; nil when it does not decode.
    private static func thumbnail(_ photo: Data?) -> Data? {
        guard let photo, let decoded = try? PhotoDecoder.decode(photo, minimumWidth: width)
        else { return nil }
        return try? JPEGCodec.encode(decoded.image.shrunk(toFit: width, height))
    }
}
