/// Whom a subject is for (参考对象): everyone, one candidate population, or a named direction
/// (方向) such as 数据分析方向, which kaowu cannot check against a candidate's record.
public enum ExamAudience: Sendable, Hashable {
    case everyone
    case population(CandidatePopulation)
    case direction(String)

    /// Reads the cell's text: 所有考生, 院校考生, 社会考生, anything else names a direction.
    public init(_ text: String) {
        switch text {
        case "所有考生": self = .everyone
        case CandidatePopulation.school.chineseName: self = .population(.school)
        case CandidatePopulation.social.chineseName: self = .population(.social)
        default: self = .direction(text)
        }
    }

    /// The text a clerk reads and writes, and the store keeps.
    public var text: String {
        switch self {
        case .everyone: return "所有考生"
        case .population(let p): return p.chineseName
        case .direction(let d): return d
        }
    }

    /// Whether a candidate of `population` may sit the subject, as far as kaowu can tell: a
    /// named direction is the school's statement, accepted as given.
    public func admits(_ population: CandidatePopulation) -> Bool {
        switch self {
        case .everyone, .direction: return true
        case .population(let p): return p == population
        }
    }
}
