/// Buffered bytes for `XLSFrame.decode`, from a source such as the child's pipe, with a cap on
/// how many bytes may be read in all (so a hostile length field never allocates beyond it).
final class XLSFrameReader {
    /// A source of bytes; `read` returns 0 at the end and throws when it cannot go on.
    typealias Source = (UnsafeMutableRawBufferPointer) throws -> Int

    /// The input ended before a frame was complete.
    struct Ended: Error, CustomStringConvertible {
        var description: String { "output ended mid-frame" }
    }
    /// More than `maxBytes` in all.
    struct TooMuch: Error {}

    private let source: Source
    private let maxBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var total = 0

    init(maxBytes: Int, source: @escaping Source) {
        self.maxBytes = maxBytes
        self.source = source
    }

    /// The next `count` bytes.
    func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        try want(count)
        defer { start += count }
        return buffer[start..<start + count]
    }

    func byte() throws -> UInt8 {
        try want(1)
        defer { start += 1 }
        return buffer[start]
    }

    func uint32() throws -> UInt32 {
        try want(4)
        defer { start += 4 }
        return UInt32(buffer[start]) | UInt32(buffer[start + 1]) << 8
            | UInt32(buffer[start + 2]) << 16 | UInt32(buffer[start + 3]) << 24
    }

    private func want(_ count: Int) throws {
        guard buffer.count - start < count else { return }
        guard count <= maxBytes - total + (buffer.count - start) else { throw TooMuch() }
        buffer.removeFirst(start)
        start = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while buffer.count < count {
            let n = try chunk.withUnsafeMutableBytes { try source($0) }
            guard n > 0 else { throw Ended() }
            total += n
            guard total <= maxBytes else { throw TooMuch() }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }
}
