/// Which of the two candidate populations a candidate belongs to (DOMAIN.md step 2).
public enum CandidatePopulation: String, Sendable, Codable, CaseIterable {
    /// 院校考生: the school's own students.
    case school
    /// 社会考生: trainees recruited with the org.
    case social

    public var chineseName: String { self == .school ? "院校考生" : "社会考生" }

    /// The population a template's 考生类别 cell names (院校考生 / 社会考生).
    public init?(chineseName: String) {
        guard let found = Self.allCases.first(where: { $0.chineseName == chineseName }) else {
            return nil
        }
        self = found
    }

    /// The candidate fields (schema field names) this population has, in template order:
    /// the columns of its import template.
    public var fields: [String] {
        let common = ["name", "namePinyin", "documentType", "documentNumber", "mobile"]
        switch self {
        case .school: return common + ["major", "majorLevel", "enrollmentYear"]
        case .social: return common + ["employer", "education"]
        }
    }

    /// The fields a complete record of this population has: the ones its import template
    /// requires (a test keeps the two equal). Batch modify cannot clear them, and the candidate
    /// export lists those missing in 缺失信息.
    public var requiredFields: [String] {
        let common = ["name", "documentNumber", "mobile"]
        switch self {
        case .school: return common + ["major", "majorLevel", "enrollmentYear"]
        case .social: return common
        }
    }
}

/// A candidate as a school registered them. Optional fields are the ones a population may lack
/// or that an incomplete record (carried over from last year) does not have yet.
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

    /// A field by its schema name, as a template cell shows it; nil when empty. The key fields
    /// and `name` are never empty.
    public func text(of field: String) -> String? {
        switch field {
        case "population": return population.chineseName
        case "name": return name
        case "namePinyin": return namePinyin
        case "documentType": return documentType.rawValue
        case "documentNumber": return documentNumber
        case "mobile": return mobile
        case "major": return major
        case "majorLevel": return majorLevel
        case "enrollmentYear": return enrollmentYear.map(String.init)
        case "employer": return employer
        case "education": return education
        default: return nil
        }
    }

    /// Sets one of the optional or editable fields by its schema name (nil clears it).
    /// The key fields and the population are not set this way.
    public mutating func set(_ field: String, to value: FieldValue?) {
        switch field {
        case "name": name = value?.text ?? name
        case "namePinyin": namePinyin = value?.text
        case "mobile": mobile = value?.text
        case "major": major = value?.text
        case "majorLevel": majorLevel = value?.text
        case "enrollmentYear": enrollmentYear = value?.integer
        case "employer": employer = value?.text
        case "education": education = value?.text
        default: break
        }
    }

    /// The required fields of its population this record lacks, in template order.
    public var missingFields: [String] {
        population.requiredFields.filter { text(of: $0) == nil }
    }
}
