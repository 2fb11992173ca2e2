/// Every stable problem code kaowu reports, with a one-line Chinese summary for the README table.
///
/// Raw values are part of the JSON report's contract: never rename one, only add.
/// The `cn-id.*` codes cover every number built like a resident ID (GB 11643: 17 digits and a
/// MOD 11-2 check character), which includes 港澳台居民居住证 and the new 18-character
/// 外国人永久居留身份证; the message names the document concerned.
public enum ProblemCode: String, CaseIterable, Sendable {
    // Schema constraints, used by the schema engine.
    case required
    case `enum`
    case pattern
    case typeInteger = "type.integer"
    case typeNumber = "type.number"
    case typeDate = "type.date"
    case typeYear = "type.year"
    case typeBoolean = "type.boolean"
    case minimum
    case maximum
    case length
    case unique

    // Identity documents.
    case cnIDLength = "cn-id.length"
    case cnIDOld15 = "cn-id.old-15"
    case cnIDFormat = "cn-id.format"
    case cnIDRegion = "cn-id.region"
    case cnIDBirthdate = "cn-id.birthdate"
    case cnIDChecksum = "cn-id.checksum"
    case cnIDExcelNumber = "cn-id.excel-number"
    case documentTypeMismatch = "document.type-mismatch"
    case hongKongMacaoPermitFormat = "hk-mo-permit.format"
    case taiwanPermitFormat = "tw-permit.format"
    case passportFormat = "passport.format"
    case foreignPermanentResidentFormat = "foreign-pr.format"

    // People.
    case cnMobileFormat = "cn-mobile.format"
    case nameFormat = "name.format"
    case nameLength = "name.length"
    case pinyinMismatch = "pinyin.mismatch"

    // Years.
    case yearFormat = "year.format"
    case yearRange = "year.range"

    // Cells and rows, reported by the schema engine and the kinds.
    case typeDatetime = "type.datetime"
    case cellError = "cell.error"
    case columnUnknown = "column.unknown"
    case candidateExists = "candidate.exists"
    case candidateUnknown = "candidate.unknown"
    case candidateCannotClear = "candidate.cannot-clear"
    case candidatePopulationMismatch = "candidate.population-mismatch"
    case candidateFieldNotApplicable = "candidate.field-not-applicable"

    // Photo ZIP entries, reported with `entry` instead of `row`.
    case photoName = "photo.name"
    case photoFormat = "photo.format"
    case photoCorrupt = "photo.corrupt"
    case photoUnsupported = "photo.unsupported"
    case photoTooLarge = "photo.too-large"
    case photoDimensions = "photo.dimensions"
    case photoBackground = "photo.background"
    case photoExtensionMismatch = "photo.extension-mismatch"
    case photoUnknownCandidate = "photo.unknown-candidate"
    case photoDuplicate = "photo.duplicate"

    // Whole files: where they were dropped, and whether they can be read at all.
    case fileUnknownInstitution = "file.unknown-institution"
    case fileMisplaced = "file.misplaced"
    case fileUnknownFolder = "file.unknown-folder"
    case fileRoleForbidden = "file.role-forbidden"
    case fileEmpty = "file.empty"
    case fileNotSpreadsheet = "file.not-spreadsheet"
    case fileCorrupt = "file.corrupt"
    case fileEncrypted = "file.encrypted"
    case fileForbiddenContent = "file.forbidden-content"
    case fileTooLarge = "file.too-large"
    case fileTooManyRows = "file.too-many-rows"
    case fileTooManyColumns = "file.too-many-columns"
    case fileUnreadable = "file.unreadable"
    case fileNoHeader = "file.no-header"
    case fileMissingColumn = "file.missing-column"
    case fileRepeatedColumn = "file.repeated-column"
    case fileNoRows = "file.no-rows"
    case fileNotZip = "file.not-zip"
    case fileTooManyEntries = "file.too-many-entries"
    case fileNoEntries = "file.no-entries"

    /// One line of Chinese saying what the code means, for the README's code table.
    public var summary: String {
        switch self {
        case .typeDatetime: return "不是有效的日期时间"
        case .cellError: return "单元格是 Excel 错误值（如 #N/A）"
        case .columnUnknown: return "模板里没有这一列，已忽略（警告）"
        case .candidateExists: return "本校已有该考生；导入不覆盖，修改请用批量修改"
        case .candidateUnknown: return "本校没有该考生；批量修改不新增考生"
        case .candidateCannotClear: return "必填项、证件类型和考生类别不能清空"
        case .candidatePopulationMismatch: return "考生类别与登记的不一致；批量修改不能改变类别"
        case .candidateFieldNotApplicable: return "该类考生没有这一项（如院校考生的工作单位）"
        case .fileUnknownInstitution: return "收件箱文件夹不是已登记的机构"
        case .fileMisplaced: return "文件没有放在类型文件夹里"
        case .fileUnknownFolder: return "文件夹名不是任何文件类型"
        case .fileRoleForbidden: return "本机构的角色无权提交这类文件"
        case .fileEmpty: return "文件是空的"
        case .fileNotSpreadsheet: return "不是 .xlsx、.xls 或 .csv 表格"
        case .fileCorrupt: return "文件损坏或不完整"
        case .fileEncrypted: return "文件设置了密码"
        case .fileForbiddenContent: return "文件含有不允许的内容（XML 实体等）"
        case .fileTooLarge: return "文件或其解压内容超过上限"
        case .fileTooManyRows: return "行数超过上限"
        case .fileTooManyColumns: return "列数超过上限"
        case .fileUnreadable: return "文件无法读取（编码等）"
        case .fileNoHeader: return "找不到模板的表头（用错模板或放错文件夹）"
        case .fileMissingColumn: return "缺少必填列"
        case .fileRepeatedColumn: return "同一列出现了多次"
        case .fileNoRows: return "表头下没有数据行"
        case .fileNotZip: return "不是 ZIP 压缩包"
        case .fileTooManyEntries: return "压缩包里的文件数超过上限"
        case .fileNoEntries: return "压缩包里没有照片"
        case .photoName: return "条目名不是“证件号码.jpg/.png”"
        case .photoFormat: return "按内容判断不是 JPEG 或 PNG 图片"
        case .photoCorrupt: return "图片损坏或不完整"
        case .photoUnsupported: return "图片的色彩模式无法可靠判断（如 CMYK）"
        case .photoTooLarge: return "照片文件超过大小上限"
        case .photoDimensions: return "照片像素尺寸不符"
        case .photoBackground: return "照片背景颜色不符"
        case .photoExtensionMismatch: return "扩展名与图片实际格式不符（警告）"
        case .photoUnknownCandidate: return "本校没有该证件号码的考生"
        case .photoDuplicate: return "压缩包里同一考生有多张照片"
        case .required: return "必填项为空"
        case .enum: return "不是允许的取值之一"
        case .pattern: return "格式不符合该列的要求"
        case .typeInteger: return "应为整数"
        case .typeNumber: return "应为数字"
        case .typeDate: return "不是有效的日期"
        case .typeYear: return "不是有效的年份"
        case .typeBoolean: return "应为“是”或“否”"
        case .minimum: return "小于允许的最小值"
        case .maximum: return "大于允许的最大值"
        case .length: return "文字长度超出允许范围"
        case .unique: return "与本文件中另一行重复"
        case .cnIDLength: return "证件号码位数不对（居民身份证应为 18 位）"
        case .cnIDOld15: return "15 位旧身份证号码，需改填 18 位号码"
        case .cnIDFormat: return "证件号码含有不允许的字符"
        case .cnIDRegion: return "证件号码开头的地区码不存在"
        case .cnIDBirthdate: return "证件号码中的出生日期无效或不合理"
        case .cnIDChecksum: return "证件号码校验位不符，有数字输错"
        case .cnIDExcelNumber: return "证件号码被 Excel 存成了数字，末尾几位已丢失"
        case .documentTypeMismatch: return "证件号码与所选的证件类型不符"
        case .hongKongMacaoPermitFormat: return "港澳居民来往内地通行证号码格式不对"
        case .taiwanPermitFormat: return "台湾居民来往大陆通行证号码格式不对"
        case .passportFormat: return "护照号码格式不对"
        case .foreignPermanentResidentFormat: return "外国人永久居留身份证号码格式不对"
        case .cnMobileFormat: return "手机号不是有效的 11 位号码"
        case .nameFormat: return "姓名含有不允许的字符"
        case .nameLength: return "姓名长度不合理"
        case .pinyinMismatch: return "姓名拼音与姓名读音不一致（警告）"
        case .yearFormat: return "年份写法无法识别"
        case .yearRange: return "年份超出合理范围"
        }
    }
}
