import Foundation
import FuzzSupport
import PhotoFuzzSupport

@testable import KaowuCore

// Each input is a whole dropped photo ZIP, opened and read entry by entry the way the daemon
// does (`JobProcessor` and `JobApplier.run(archive:...)`), with the limits it ships with.
private let input = FuzzInputFile(name: "input.zip")
private let settings = ShippedPhotoRules.settings
private let limits = ArchiveLimits(
    maxEntries: settings.maxEntries,
    maxTotalBytes: Int64(KaowuConfig.Limits().maxUncompressedMegabytes) << 20,
    maxCompressionRatio: KaowuConfig.Limits().maxCompressionRatio)

exit(
    LibFuzzer.run { data, size in
        input.write(UnsafeRawBufferPointer(start: data, count: size))
        let opened = ArchiveOpening.open(
            path: input.path, limits: limits, skippedNames: Set(settings.skippedNames))
        guard case .success(let archive) = opened else { return 0 }
        for entry in archive.entries where entry.bytes <= settings.maxBytes {
            guard let bytes = archive.read(entry) else { continue }
            _ = ShippedPhotoRules.check.check(
                entryPath: entry.path, data: bytes, bytes: entry.bytes)
        }
        return 0
    })
