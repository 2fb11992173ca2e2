import Foundation
import SystemZlib
import ZIPFoundation

/// Streams the parts of an xlsx zip package, enforcing size limits and checking CRC-32.
///
/// Not Sendable: the underlying `Archive` owns an open `FILE*`. Open one per read operation.
final class ZipPartReader {
    /// Why 1 MiB: fewer, larger chunks make inflating and scanning markedly faster.
    private static let chunkSize = 1 << 20

    private let archive: Archive
    private let limits: ReadLimits
    /// Uncompressed bytes still allowed for the parts read through this reader.
    private(set) var remainingBytes: Int64

    /// Opens the zip at `path`; throws `.corrupt` when its central directory cannot be read.
    init(path: String, limits: ReadLimits, budget: Int64) throws {
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw SpreadsheetReadError.corrupt(detail: "unreadable zip: \(error)")
        }
        self.limits = limits
        remainingBytes = budget
    }

    func contains(_ partPath: String) -> Bool {
        archive[partPath] != nil
    }

    /// The size part `partPath` declares when inflated (0 when it is missing). Declared sizes
    /// can lie: use it for choices, never for limits.
    func declaredSize(of partPath: String) -> Int64 {
        archive[partPath].map { Int64(clamping: $0.uncompressedSize) } ?? 0
    }

    /// Inflates part `partPath` and hands its bytes to `consume`, chunk by chunk, in order.
    ///
    /// Throws `.corrupt` if the part is missing, damaged, or its CRC-32 does not match, and
    /// `.tooLarge` as soon as the byte budget or the compression ratio limit is crossed.
    /// Errors thrown by `consume` are passed through unchanged.
    func read(_ partPath: String, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = archive[partPath] else {
            throw SpreadsheetReadError.corrupt(detail: "missing part \(partPath)")
        }
        let compressed = Double(max(entry.compressedSize, 1))
        let tooLarge = SpreadsheetReadError.tooLarge(limitBytes: limits.maxUncompressedBytes)
        if ratioExceeded(Int64(clamping: entry.uncompressedSize), compressed)
            || Int64(clamping: entry.uncompressedSize) > remainingBytes
        {
            throw tooLarge
        }
        var produced: Int64 = 0
        var checksum = crc32(0, nil, 0)
        // The caller's own errors (a store failure, a deliberate stop) must not read as damage.
        var consumerError: Error?
        do {
            // ZIPFoundation's own CRC is slow on Linux; zlib's runs over the same chunks instead.
            _ = try archive.extract(entry, bufferSize: Self.chunkSize, skipCRC32: true) { data in
                produced += Int64(data.count)
                // Declared sizes can lie, so the limits are checked against what is inflated.
                guard produced <= remainingBytes, !ratioExceeded(produced, compressed) else {
                    throw tooLarge
                }
                guard produced <= entry.uncompressedSize else {
                    throw SpreadsheetReadError.corrupt(detail: "\(partPath) larger than declared")
                }
                try data.withUnsafeBytes { bytes in
                    if let base = bytes.baseAddress {
                        checksum = crc32(
                            checksum, base.assumingMemoryBound(to: Bytef.self),
                            uInt(bytes.count))
                    }
                    do {
                        try consume(bytes)
                    } catch {
                        consumerError = error
                        throw error
                    }
                }
            }
        } catch {
            if let consumerError { throw consumerError }
            if let error = error as? SpreadsheetReadError { throw error }
            throw SpreadsheetReadError.corrupt(detail: "\(partPath): \(error)")
        }
        remainingBytes -= produced
        guard produced == entry.uncompressedSize, UInt32(checksum) == entry.checksum else {
            throw SpreadsheetReadError.corrupt(detail: "\(partPath): CRC or size mismatch")
        }
    }

    /// Runs `handler` over part `partPath` as it is inflated.
    func scan<H: XMLEventHandler>(_ partPath: String, with handler: inout H) throws {
        var scanner = XMLStreamScanner()
        try read(partPath) { try scanner.feed($0, into: &handler) }
        try scanner.finish()
    }

    private func ratioExceeded(_ uncompressed: Int64, _ compressed: Double) -> Bool {
        uncompressed > 1 << 20 && Double(uncompressed) / compressed > limits.maxCompressionRatio
    }
}
