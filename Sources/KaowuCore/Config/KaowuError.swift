/// Errors of the installation itself (not of a dropped file, which always gets a report).
/// The CLI prints `description` and exits with `exitCode`.
public enum KaowuError: Error, CustomStringConvertible, Equatable {
    case notInitialized(root: String)
    case badConfig(path: String, detail: String)
    case badClock(String)
    case unknownInstitution(String)
    case institutionExists(String)
    case badInstitutionCode(String)
    case unknownKind(String)
    case schemaInvalid(kind: String, detail: String)
    case io(String)

    public var description: String {
        switch self {
        case .notInitialized(let root):
            return "\(root) 不是 kaowu 根目录（缺少 data/kaowu.sqlite）；请先运行 kaowu init --root \(root)"
        case .badConfig(let path, let detail): return "配置文件 \(path) 无法读取：\(detail)"
        case .badClock(let text):
            return "KAOWU_NOW 的值“\(text)”不是 ISO 8601 时间（例：2026-03-01T09:00:00+08:00）"
        case .unknownInstitution(let code): return "没有代码为 \(code) 的机构；请先用 kaowu institution add 添加"
        case .institutionExists(let code): return "代码为 \(code) 的机构已存在"
        case .badInstitutionCode(let code):
            return "机构代码“\(code)”不可用：只能由字母、数字、- 和 _ 组成，最长 32 个字符"
        case .unknownKind(let kind): return "没有名为 \(kind) 的文件类型；kaowu kinds 列出全部类型"
        case .schemaInvalid(let kind, let detail): return "模板定义 schemas/\(kind).json 有误：\(detail)"
        case .io(let detail): return detail
        }
    }

    /// Exit codes, documented in the README: 2 usage/setup problems, 3 I/O.
    public var exitCode: Int32 {
        switch self {
        case .io: return 3
        default: return 2
        }
    }
}
