/// A school's candidate as registration sees them: the stored record, its row id, and whether
/// a photo is on file (admission tickets need one).
public struct RegistrableCandidate: Sendable {
    public var id: Int64
    public var candidate: Candidate
    public var hasPhoto: Bool

    public init(id: Int64, candidate: Candidate, hasPhoto: Bool) {
        self.id = id
        self.candidate = candidate
        self.hasPhoto = hasPhoto
    }

    /// The fields registration needs that the record lacks, as clerks name them (empty when
    /// complete). Records taken over from last year's data may hold only a name and an ID.
    public var missingForRegistration: [String] {
        let c = candidate
        var missing: [(String, Bool)] = [
            ("姓名", c.name.isEmpty), ("证件号码", c.documentNumber.isEmpty),
            ("手机号", c.mobile == nil),
        ]
        if c.population == .school {
            missing += [
                ("就读专业", c.major == nil), ("专业层次", c.majorLevel == nil),
                ("入学年份", c.enrollmentYear == nil),
            ]
        }
        return missing.filter(\.1).map(\.0)
    }
}
