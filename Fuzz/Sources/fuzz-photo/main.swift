import Foundation
import FuzzSupport
import PhotoFuzzSupport

// Each input is one ZIP entry's bytes under a valid photo name: decoded by content (JPEG or
// PNG), then measured and judged for its background. Decoding errors end in a finding, so
// only a crash, a hang or a memory error is a failure here.
exit(
    LibFuzzer.run { data, size in
        let bytes = Data(UnsafeRawBufferPointer(start: data, count: size))
        _ = ShippedPhotoRules.check.check(
            entryPath: "11010519491231002X.jpg", data: bytes, bytes: bytes.count)
        return 0
    })
