import CLibFuzzer

/// Runs libFuzzer from a fuzzer's `main.swift`.
///
/// Why not `@_cdecl("LLVMFuzzerTestOneInput")` and libFuzzer's own `main`: SwiftPM renames an
/// executable's entry point and links `main` to it, so libFuzzer's `main` is never linked in;
/// the executable's top-level code calls the driver instead.
public enum LibFuzzer {
    /// Hands the process arguments (libFuzzer's flags and corpus folders) to the driver, which
    /// calls `body` with every input; returns the driver's exit status. `body` must return 0.
    public static func run(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, body)
    }
}
