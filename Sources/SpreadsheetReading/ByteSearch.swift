import Foundation

/// Substring search over raw bytes (Glibc does not export `memmem` to Swift).
enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack[0..<count]`, or nil.
    static func firstOffset(
        of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawPointer,
        count: Int
    ) -> Int? {
        guard let first = needle.first, needle.count <= count else { return nil }
        var offset = 0
        let last = count - needle.count
        while offset <= last {
            guard let hit = memchr(haystack + offset, Int32(first), last - offset + 1) else {
                return nil
            }
            offset = haystack.distance(to: UnsafeRawPointer(hit))
            if memcmp(haystack + offset, needle.baseAddress!, needle.count) == 0 { return offset }
            offset += 1
        }
        return nil
    }
}
