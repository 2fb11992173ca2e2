import ArgumentParser
import Foundation
import KaowuCore

struct Kinds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every kind of file: id, Chinese name, inbox folder, who may drop it.")

    @Flag(help: "Print JSON for other programs.")
    var json = false

    @OptionGroup var options: CommonOptions

    struct Entry: Encodable {
        var id: String
        var title: String
        var folder: String
        var role: String
        /// Nil for kinds without a template (photo ZIPs).
        var template: String?
    }

    func run() async throws {
        try await reportingErrors {
            let entries = try Installation.loadCatalog().kinds.map {
                Entry(
                    id: $0.id, title: $0.title, folder: $0.folder, role: $0.role.rawValue,
                    template: $0.schema.kaowu.templateName.map { $0 + ".xlsx" })
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(entries), as: UTF8.self))
                return
            }
            for e in entries {
                print("\(e.id)\t\(e.title)\t\(e.folder)\t\(e.role)")
            }
        }
    }
}
