import ArgumentParser
import Foundation
import KaowuCore

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create inbox/, outbox/, archive/, data/ and the default kaowu.json in the root.",
        discussion: "Safe to run again: what exists is kept.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let root = options.kaowuRoot
            let fm = FileManager.default
            for folder in [root.inbox, root.outbox, root.archive, root.work] {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            // Personal data lives in data/ and archive/: only the daemon's user may read them.
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.data)
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.archive)
            if !fm.fileExists(atPath: root.configFile) {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(KaowuConfig()).write(to: URL(fileURLWithPath: root.configFile))
            }
            _ = try Installation(options, create: true)
            print("已初始化 \(root.path)")
        }
    }
}
