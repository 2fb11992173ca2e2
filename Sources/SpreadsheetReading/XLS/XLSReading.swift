/// Where a legacy .xls is parsed. libfreexl is C that fuzzing caught reading past a heap
/// buffer on a damaged file, so the daemon parses .xls only in a child process.
public enum XLSReading: Sendable {
    /// libfreexl in this process: for the fuzzers, which must see its memory errors, and for
    /// tests of the reader itself. A damaged file may crash the process or leak heap bytes.
    case inProcess
    /// libfreexl in a child process (see `XLSChild`): a crash, a hang or an over-read there
    /// ends in a `.corrupt` error here, and no byte of this process's memory can reach a cell.
    case child(XLSChild)
}
