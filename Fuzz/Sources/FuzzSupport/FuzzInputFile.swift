import Foundation

/// A file a harness writes each input to, for readers that take a path.
///
/// One per process, in a folder of its own, overwritten by every input; libFuzzer calls the
/// harness on one thread at a time, so no two inputs share it at once.
public struct FuzzInputFile: Sendable {
    public let path: String

    /// A file named `name` in a fresh folder under the temporary directory.
    public init(name: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaowu-fuzz-\(getpid())")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
    }

    /// Replaces the file's content with `bytes`; a failing write stops the fuzzer, since every
    /// later input would otherwise be tested against stale content.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
