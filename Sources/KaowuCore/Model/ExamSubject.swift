/// One examined subject (考试科目) of a certificate: how it is examined and marked, what it costs
/// and whom it is for.
public struct ExamSubject: Sendable, Equatable {
    /// Six digits, leading zeros kept (`001234`).
    public var code: String
    public var name: String
    public var certificate: String
    /// 机考, 实操 or 笔试.
    public var examType: String
    public var durationMinutes: Int
    public var fullMark: Double
    public var passMark: Double
    /// The subject's share of a weighted total, in percent.
    public var weightPercent: Double
    /// The fee standard per registration, in yuan.
    public var fee: Double
    public var audience: ExamAudience

    public init(
        code: String, name: String, certificate: String, examType: String,
        durationMinutes: Int, fullMark: Double, passMark: Double, weightPercent: Double,
        fee: Double, audience: ExamAudience
    ) {
        self.code = code
        self.name = name
        self.certificate = certificate
        self.examType = examType
        self.durationMinutes = durationMinutes
        self.fullMark = fullMark
        self.passMark = passMark
        self.weightPercent = weightPercent
        self.fee = fee
        self.audience = audience
    }
}
