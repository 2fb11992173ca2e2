/// How a plan decides a candidate's certificate result from subject scores (DOMAIN.md step 11).
public enum PassRule: Sendable, Equatable {
    /// Every subject at or above its own pass mark (各科及格).
    case everySubject
    /// The weighted total at or above `threshold`, and, when given, every subject at or above
    /// `subjectMinimum` (加权总分).
    case weightedTotal(threshold: Double, subjectMinimum: Double?)

    /// 各科及格 / 加权总分≥60 / 加权总分≥60，单科≥40: how the plan view shows the rule.
    public var text: String {
        switch self {
        case .everySubject:
            return "各科及格"
        case .weightedTotal(let threshold, let minimum):
            return "加权总分≥\(Self.format(threshold))"
                + (minimum.map { "，单科≥\(Self.format($0))" } ?? "")
        }
    }

    static func format(_ d: Double) -> String {
        d.rounded() == d ? String(Int(d)) : String(d)
    }
}
