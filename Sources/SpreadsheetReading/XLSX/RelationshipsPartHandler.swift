/// Collects the internal relationships of `xl/_rels/workbook.xml.rels` as zip entry paths.
struct RelationshipsPartHandler: XMLEventHandler {
    struct Relationship {
        var type: String
        /// The zip entry path the target resolves to, e.g. `xl/worksheets/sheet1.xml`.
        var partPath: String
    }

    /// Folder of the part whose relationships these are; relative targets resolve against it.
    let baseFolder: String
    private(set) var byID: [String: Relationship] = [:]

    init(baseFolder: String) {
        self.baseFolder = baseFolder
    }

    /// The first relationship whose type URI ends with `/suffix` (transitional or strict OOXML).
    func firstPart(ofType suffix: String) -> String? {
        byID.sorted { $0.key < $1.key }.first { $0.value.type.hasSuffix("/" + suffix) }?.value
            .partPath
    }

    mutating func startElement(
        _ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes, selfClosing: Bool
    ) throws {
        guard XMLText.equals(name, "Relationship"),
            try attributes.string("TargetMode") != "External",
            let id = try attributes.string("Id"), let target = try attributes.string("Target"),
            let type = try attributes.string("Type")
        else { return }
        byID[id] = Relationship(type: type, partPath: resolve(target))
    }

    mutating func endElement(_ name: UnsafeBufferPointer<UInt8>) throws {}

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {}

    /// `/xl/a.xml` is package-absolute; anything else is relative to `baseFolder`.
    private func resolve(_ target: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : baseFolder + "/" + target
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
