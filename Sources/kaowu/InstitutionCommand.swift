import ArgumentParser
import KaowuCore

struct InstitutionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institution",
        abstract: "Register schools and organisations, and list them.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an institution and create its folders and blank templates.")

        @Argument(help: "The institution's code: its folder name in inbox/ and outbox/.")
        var code: String

        @Option(help: "The institution's full Chinese name.")
        var name: String

        @Option(help: "school (试点院校) or org (培训评价组织).")
        var role: InstitutionRole

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await reportingErrors {
                guard Institution.isValidCode(code) else {
                    throw KaowuError.badInstitutionCode(code)
                }
                let installation = try Installation(options)
                let institution = Institution(code: code, name: name, role: role)
                try installation.store.addInstitution(
                    institution, at: installation.clock.iso(installation.clock.now()))
                try InstitutionFolders.prepare(
                    institution, root: installation.root, catalog: installation.catalog)
                print("已登记 \(code) \(name)（\(role.chineseName)）")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered institutions.")

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await reportingErrors {
                for i in try Installation(options).store.institutions() {
                    print("\(i.code)\t\(i.role.rawValue)\t\(i.name)")
                }
            }
        }
    }
}

extension InstitutionRole: ExpressibleByArgument {
    /// Institutions are schools or organisations; the operator role is not one to register.
    public init?(argument: String) {
        guard let role = InstitutionRole(rawValue: argument), role != .operator else { return nil }
        self = role
    }

    public static var allValueStrings: [String] { [school.rawValue, org.rawValue] }
}
