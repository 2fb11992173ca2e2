import ArgumentParser
import Foundation
import KaowuCore
import Logging
import SpreadsheetReading

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "The kaowu root folder (holds inbox/, outbox/, archive/, data/).")
    var root: String = FileManager.default.currentDirectoryPath

    @Flag(name: .shortAndLong, help: "Log every stage of every job.")
    var verbose = false

    var kaowuRoot: KaowuRoot { KaowuRoot(path: root) }
}

/// What a command needs to work on an initialised root.
struct Installation {
    let root: KaowuRoot
    let config: KaowuConfig
    let clock: KaowuClock
    let store: KaowuStore
    let catalog: KindCatalog
    let logger: Logger

    init(_ options: CommonOptions, create: Bool = false) throws {
        Self.bootstrapLogging(verbose: options.verbose)
        try self.init(loggingBootstrapped: options, create: create)
    }

    /// For `serve`, which bootstraps logging itself before its signal handlers are installed
    /// (logging may be bootstrapped once per process).
    init(loggingBootstrapped options: CommonOptions, create: Bool = false) throws {
        Self.returnLargeBlocksToTheSystem
        root = options.kaowuRoot
        config = try KaowuConfig.load(root: root)
        clock = try KaowuClock.fromEnvironment(timeZone: config.zone)
        store = try KaowuStore.open(root: root, create: create)
        catalog = try Installation.loadCatalog()
        logger = Logger(label: "kaowu")
    }

    var exportRefresher: ExportRefresher {
        ExportRefresher(root: root, store: store, catalog: catalog, clock: clock, logger: logger)
    }

    var processor: JobProcessor {
        JobProcessor(
            root: root, store: store, catalog: catalog, config: config, clock: clock,
            xlsReading: .child(XLSChild(command: ["/proc/self/exe", ReadXLS.commandName])),
            logger: logger)
    }

    /// glibc serves blocks above a threshold with mmap (given back to the system when freed),
    /// and raises the threshold each time such a block is freed, up to 32 MiB; blocks below it
    /// come from the heap, whose freed middle is never given back. Growing tables (a million-row
    /// file's key index) then left their old copies resident (1M rows: 110 MB at peak; 95 MB
    /// with the threshold fixed at 1 MiB, same speed). And glibc gives threads heaps of their
    /// own (up to eight per core), where what a thread freed stays for it alone; fewer heaps
    /// than allocating threads make them wait for each other's heap locks instead. A large
    /// sheet is read, checked and applied by the scanning thread, the checking workers and the
    /// job's thread: one heap each. (On the 2-core build machine while it was busy, 100k rows
    /// took 1.3–1.5 s with one heap per core and 15,000–22,000 context switches, 1.2–1.4 s with
    /// four heaps and 6,000–10,000; the million-row peak is 1–2 MB higher with four.)
    private static let returnLargeBlocksToTheSystem: Void = {
        // malloc.h is not in Swift's Glibc module; -3 is its M_MMAP_THRESHOLD, -8 M_ARENA_MAX.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = dlsym(nil, "mallopt").map { unsafeBitCast($0, to: Mallopt.self) }
        _ = mallopt?(-3, 1 << 20)
        _ = mallopt?(-8, Int32(BackgroundProducer.workerThreads + 2))
    }()

    static func loadCatalog() throws -> KindCatalog {
        guard let directory = KindCatalog.locateSchemas() else {
            throw KaowuError.io("找不到模板定义目录 schemas/；请设置 KAOWU_SCHEMAS")
        }
        return try KindCatalog.load(schemasDirectory: directory)
    }

    static func bootstrapLogging(verbose: Bool) {
        let env = ProcessInfo.processInfo.environment["KAOWU_LOG_LEVEL"]
        let level = env.flatMap(Logger.Level.init(rawValue:)) ?? (verbose ? .debug : .info)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Runs `body`, turning installation errors into their message and documented exit code.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as KaowuError {
        FileHandle.standardError.write(Data(("kaowu: " + error.description + "\n").utf8))
        throw ExitCode(error.exitCode)
    }
}
