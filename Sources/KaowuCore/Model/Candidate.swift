/// Which of the two candidate populations a candidate belongs to (DOMAIN.md step 2).
public enum CandidatePopulation: String, Sendable, Codable {
    /// 院校考生: the school's own students.
    case school
    /// 社会考生: trainees recruited with the org.
    case social

    public var chineseName: String { self == .school ? "院校考生" : "社会考生" }
}

/// A candidate as a school registered them. Optional fields are the ones a population may lack.
public struct Candidate: Sendable, Equatable {
    public var population: CandidatePopulation
    public var name: String
    public var namePinyin: String?
    public var documentType: DocumentType
    public var documentNumber: String
    public var mobile: String?
    public var major: String?
    public var majorLevel: String?
    public var enrollmentYear: Int?
    public var employer: String?
    public var education: String?

    public init(
        population: CandidatePopulation, name: String, namePinyin: String?,
        documentType: DocumentType, documentNumber: String, mobile: String?, major: String? = nil,
        majorLevel: String? = nil, enrollmentYear: Int? = nil, employer: String? = nil,
        education: String? = nil
    ) {
        self.population = population
        self.name = name
        self.namePinyin = namePinyin
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.mobile = mobile
        self.major = major
        self.majorLevel = majorLevel
        self.enrollmentYear = enrollmentYear
        self.employer = employer
        self.education = education
    }
}
