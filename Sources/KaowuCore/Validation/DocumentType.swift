/// The identity documents a candidate or user may be registered with. Raw values are the names
/// the templates use; `居民身份证` is the default when the cell is blank (the schema's `default`).
public enum DocumentType: String, CaseIterable, Sendable {
    case residentIDCard = "居民身份证"
    case residencePermit = "港澳台居民居住证"
    case hongKongMacaoPermit = "港澳居民来往内地通行证"
    case taiwanPermit = "台湾居民来往大陆通行证"
    case passport = "护照"
    case foreignPermanentResidentCard = "外国人永久居留身份证"

    /// The type a clerk means by `text`: the official name or a common alias (身份证, 回乡证,
    /// 台胞证, passport, 绿卡, ...), ignoring spaces, full-width letters and ASCII case.
    /// Returns nil for blank or unknown text; callers apply the default for blank cells.
    public static func parse(_ text: String) -> DocumentType? {
        let key = TextNormalizer.compact(text).lowercased()
        return DocumentType(rawValue: key) ?? aliases[key]
    }

    private static let aliases: [String: DocumentType] = [
        "身份证": .residentIDCard,
        "二代身份证": .residentIDCard,
        "第二代居民身份证": .residentIDCard,
        "大陆身份证": .residentIDCard,
        "中国居民身份证": .residentIDCard,
        "中华人民共和国居民身份证": .residentIDCard,
        "居民身份证号": .residentIDCard,
        "身份证号": .residentIDCard,
        "居住证": .residencePermit,
        "港澳台居住证": .residencePermit,
        "港澳居民居住证": .residencePermit,
        "台湾居民居住证": .residencePermit,
        "回乡证": .hongKongMacaoPermit,
        "港澳回乡证": .hongKongMacaoPermit,
        "港澳通行证": .hongKongMacaoPermit,
        "港澳居民通行证": .hongKongMacaoPermit,
        "台胞证": .taiwanPermit,
        "台湾通行证": .taiwanPermit,
        "台湾居民通行证": .taiwanPermit,
        "passport": .passport,
        "外国护照": .passport,
        "中国护照": .passport,
        "绿卡": .foreignPermanentResidentCard,
        "中国绿卡": .foreignPermanentResidentCard,
        "永久居留证": .foreignPermanentResidentCard,
        "外国人永久居留证": .foreignPermanentResidentCard,
    ]
}
