import Foundation

/// An institution's folders: an inbox and outbox folder for every kind its role may drop (and
/// none for the others), and the blank templates in `outbox/<code>/模板/`, rewritten so they
/// follow the schemas.
public enum InstitutionFolders {
    public static func prepare(_ institution: Institution, root: KaowuRoot, catalog: KindCatalog)
        throws
    {
        let fm = FileManager.default
        let templates = root.outbox(institution.code) + "/" + KaowuRoot.templateFolder
        for folder in [templates]
            + catalog.kinds(for: institution.role).flatMap({
                [
                    root.inbox(institution.code) + "/" + $0.folder,
                    root.outbox(institution.code) + "/" + $0.folder,
                ]
            })
        {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for kind in catalog.kinds(for: institution.role) {
            guard let templateName = kind.schema.kaowu.templateName else { continue }
            let path = templates + "/" + templateName + ".xlsx"
            let temp = templates + "/.~kaowu-template.xlsx.tmp"
            try TemplateWorkbook.write(schema: kind.schema, to: temp)
            guard rename(temp, path) == 0 else {
                throw KaowuError.io("无法写入模板 \(path)：\(String(cString: strerror(errno)))")
            }
        }
    }
}
