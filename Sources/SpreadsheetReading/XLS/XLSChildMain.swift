import Foundation

/// The .xls reader child's side: reads one file with libfreexl (`XLSWorkbook`) inside the
/// limits it was given and writes what it read to stdout as `XLSFrame`s.
///
/// A program offers it by handing its arguments to `run` (`kaowu read-xls`); only
/// `XLSChildWorkbook` starts it, with the arguments `arguments(...)` makes.
public enum XLSChildMain {
    /// Reads the file the arguments name; returns the exit status (0 also when the file was
    /// unreadable: that is an `E` frame; 64 for arguments this file does not make).
    public static func run(arguments: [String]) -> Int32 {
        guard let request = Request(arguments) else {
            FileHandle.standardError.write(Data("read-xls: bad arguments\n".utf8))
            return 64
        }
        confine(memoryBytes: request.memoryBytes, cpuSeconds: request.cpuSeconds)
        var output = Output()
        do {
            let workbook = try XLSWorkbook(path: request.path, limits: request.limits)
            if let sheet = request.sheet {
                guard workbook.sheetNames.indices.contains(sheet) else { return 64 }
                try workbook.forEachRow(sheet: sheet) { row in output.send(.row(row)) }
            } else {
                output.send(.sheetNames(workbook.sheetNames))
            }
            output.send(.done)
        } catch let error as SpreadsheetReadError {
            output.send(.failure(error))
        } catch {
            output.send(.failure(.corrupt(detail: "\(error)")))
        }
        output.flush()
        return 0
    }

    /// The arguments `run` takes, after the program's own (`XLSChild.command`).
    static func arguments(path: String, sheet: Int?, limits: ReadLimits, child: XLSChild)
        -> [String]
    {
        [
            "--memory-bytes", "\(child.memoryLimitBytes)", "--cpu-seconds", "\(child.cpuSeconds)",
            "--max-rows", "\(limits.maxRows)", "--max-columns", "\(limits.maxColumns)",
        ] + (sheet.map { ["--sheet", "\($0)"] } ?? []) + ["--", path]
    }

    private struct Request {
        var path: String
        var sheet: Int?
        var limits: ReadLimits
        var memoryBytes: Int
        var cpuSeconds: Int

        init?(_ arguments: [String]) {
            guard let separator = arguments.firstIndex(of: "--"),
                separator + 2 == arguments.count, separator % 2 == 0
            else { return nil }
            var values: [String: Int] = [:]
            for i in stride(from: 0, to: separator, by: 2) {
                guard let value = Int(arguments[i + 1]) else { return nil }
                values[arguments[i]] = value
            }
            guard let memory = values["--memory-bytes"], let cpu = values["--cpu-seconds"],
                let rows = values["--max-rows"], let columns = values["--max-columns"]
            else { return nil }
            path = arguments[separator + 1]
            sheet = values["--sheet"]
            limits = ReadLimits(maxRows: rows, maxColumns: columns)
            memoryBytes = memory
            cpuSeconds = cpu
        }
    }

    /// Limits the child before it touches the file: memory, CPU time, no core file, no file
    /// written (its only output is the pipe).
    private static func confine(memoryBytes: Int, cpuSeconds: Int) {
        func limit(_ resource: Int32, _ value: Int) {
            var bound = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
            setrlimit(__rlimit_resource_t(UInt32(resource)), &bound)
        }
        limit(Int32(RLIMIT_AS.rawValue), memoryBytes)
        limit(Int32(RLIMIT_CPU.rawValue), cpuSeconds)
        limit(Int32(RLIMIT_CORE.rawValue), 0)
        limit(Int32(RLIMIT_FSIZE.rawValue), 0)
    }

    /// Frames buffered into writes of about 64 KiB to stdout. A failed write (the parent has
    /// gone) ends the process: SIGPIPE, or the exit below.
    private struct Output {
        private var buffer: [UInt8] = []

        mutating func send(_ frame: XLSFrame) {
            frame.encode(into: &buffer)
            if buffer.count >= 1 << 16 { flush() }
        }

        mutating func flush() {
            var offset = 0
            while offset < buffer.count {
                let written = buffer[offset...].withUnsafeBytes {
                    write(1, $0.baseAddress, $0.count)
                }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { exit(1) }
                offset += written
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
