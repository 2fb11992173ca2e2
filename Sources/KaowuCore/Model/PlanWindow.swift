/// The windows an exam plan sets (DOMAIN.md step 1); every school action falls in one of them.
public enum PlanWindow: String, CaseIterable, Sendable {
    case siteDeclaration
    case registration
    case payment
    case scheduling
    case exam
    case scoreEntry
    case scorePublicity

    /// The name clerks know, used in headers and messages.
    public var chineseName: String {
        switch self {
        case .siteDeclaration: return "站点申报"
        case .registration: return "报考"
        case .payment: return "缴费"
        case .scheduling: return "排考"
        case .exam: return "考试"
        case .scoreEntry: return "成绩登记"
        case .scorePublicity: return "成绩公示"
        }
    }
}
