import Foundation

/// ICU's readings of the pieces of Chinese names, remembered: a roster then costs one ICU
/// transform per distinct surname and per distinct later character, not one per name (the
/// transform, 20–40 µs a name, was half the time of a roster import).
///
/// Why pieces read the same as the whole name: `Han-Latin/Names` reads the start of a name, and
/// the start of every part after a "·", as a surname (单 Shan, 曾 Zeng) and every other
/// character by itself, whatever its neighbours, with three exceptions: it reads 长孙 at a start,
/// and 万俟 and 澹台 wherever they stand, as the compound surnames (Zhangsun, Moqi, Tantai), not
/// as their pieces. So a part's syllables are those of its first character read alone, then those
/// of each later character read after a fixed surname (王), away from the start; those three
/// pairs are read together. Checked exhaustively for starts: every pair of the first character of
/// one of 百家姓's compound surnames and any character of the CJK Unified Ideographs block
/// (U+4E00–U+9FA5) reads as its pieces except those three; a start whose second character lies
/// outside that block is read as a pair, as it always was. Also checked: 100,000 random names from
/// that block, and 20,000 names of two or three parts rich in surname characters;
/// `PinyinReadingCacheTests` keeps checking samples of all three.
///
/// `@unchecked Sendable`: the dictionaries are only touched under `lock`; ICU runs under `icu`.
final class PinyinReadingCache: @unchecked Sendable {
    /// Starts remembered at most; beyond, the memory is dropped and refilled, so that a daemon
    /// that reads rosters for months does not grow without bound.
    static let startCapacity = 50_000
    /// A surname that only ever reads "wang": the context for reading a later character.
    private static let anchor = "王"
    /// The first characters of 百家姓's compound surnames: a name starting with one of them
    /// followed by a character outside `checkedSeconds` has its first two read together.
    private static let compoundInitials = Set(
        """
        万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠
        公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 亓官 司寇 子车 颛孙 端木 巫马 公西 漆雕
        乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 百里 东郭 南门 呼延 羊舌 微生 梁丘 左丘 东门 西门 南宫 第五
        公仪 公乘 太史 仲长 叔孙 屈突 尔朱 东乡 相里 胡母 司城 张廖 雍门 毋丘 贺兰 綦毋 屋庐 独孤 南郭 北宫
        王孙
        """.split(whereSeparator: \.isWhitespace).compactMap(\.unicodeScalars.first))
    /// The compound surnames ICU reads as one even in the middle of a name.
    private static let readTogether: Set<UInt64> = [
        key("万俟".unicodeScalars), key("澹台".unicodeScalars),
    ]
    /// The pairs ICU reads as one at the start of a name (see above).
    private static let startsReadTogether = readTogether.union([key("长孙".unicodeScalars)])
    /// The characters the pieces rule was checked for after a compound surname's first one.
    private static let checkedSeconds: ClosedRange<UInt32> = 0x4E00...0x9FA5

    /// ICU's reading of a text: lowercase syllables, or nil when ICU gives none.
    private let read: @Sendable (String) -> [String]?
    private let lock = NSLock()
    /// One ICU read at a time: Foundation keeps a transliterator for reuse, but a thread that
    /// finds it in use builds one of its own, parsing the transform's rules again (tens of
    /// milliseconds). Reads are rare (a few hundred per 100,000 names), so waiting costs little.
    private let icu = NSLock()
    /// Keyed by scalar values rather than Strings: hashing Chinese text normalises it first,
    /// which costs more than the look-up saves. Han characters are single scalars.
    private var starts: [UInt64: [String]?] = [:]
    private var laterCharacters: [UInt32: String?] = [:]

    /// Readings known beforehand, made with the same `read`; asked before anything else.
    private let table: PinyinTable?

    /// - Parameter table: readings made beforehand with `read` (`PinyinTable.shipped`): ICU
    ///   builds its transform from rules on first use, about 60 ms, which a roster of ordinary
    ///   names then never pays.
    init(read: @escaping @Sendable (String) -> [String]?, table: PinyinTable? = nil) {
        self.read = read
        self.table = table
    }

    /// What `read` gives for a name's first character read alone: one syllable, else nil.
    static func startReading(of scalar: Unicode.Scalar, read: (String) -> [String]?) -> String? {
        read(String(scalar)).flatMap { $0.count == 1 ? $0[0] : nil }
    }

    /// What `read` gives for `scalar` after a fixed surname: its syllable, else nil.
    static func laterReading(of scalar: Unicode.Scalar, read: (String) -> [String]?) -> String? {
        read(anchor + String(scalar)).flatMap { $0.count == 2 ? $0[1] : nil }
    }

    /// The syllables of one part of a name (Han characters only; a name in parts joined by "·"
    /// is read part by part), one per character, as ICU reads the whole name; nil when ICU does
    /// not give one syllable for every character. A part of other characters gets nil or a
    /// reading that the caller's own checks reject.
    func syllables<Part: Collection<Unicode.Scalar>>(of part: Part) -> [String]? {
        let scalars = Array(part)
        guard let first = scalars.first else { return nil }
        var next = 1
        if scalars.count >= 2,
            Self.startsReadTogether.contains(Self.key(scalars[0..<2]))
                || (Self.compoundInitials.contains(first)
                    && !Self.checkedSeconds.contains(scalars[1].value))
        {
            // Reading the pair as one start costs an ICU transform per distinct pair: only where
            // it may read otherwise than its pieces (王 + a given name is read in pieces).
            next = 2
        }
        guard let head = startReading(scalars[0..<next]), head.count == next else { return nil }
        var syllables = head
        while next < scalars.count {
            let pair = scalars[next..<min(next + 2, scalars.count)]
            if pair.count == 2, Self.readTogether.contains(Self.key(pair)) {
                guard let both = startReading(pair), both.count == 2 else { return nil }
                syllables += both
                next += 2
            } else {
                guard let syllable = laterReading(scalars[next]) else { return nil }
                syllables.append(syllable)
                next += 1
            }
        }
        return syllables
    }

    private func startReading(_ start: ArraySlice<Unicode.Scalar>) -> [String]? {
        if start.count == 1, let known = table?.start(start[start.startIndex]) {
            return known.map { [$0] }
        }
        let key = Self.key(start)
        if let known = lock.withLock({ starts[key] }) { return known }
        let reading = icu.withLock { read(String(String.UnicodeScalarView(start))) }
        lock.withLock {
            if starts.count >= Self.startCapacity { starts.removeAll(keepingCapacity: true) }
            starts[key] = .some(reading)
        }
        return reading
    }

    /// One or two scalars as one number, for keys: hashing Chinese text normalises it first,
    /// which costs more than the look-up saves.
    static func key<Scalars: Sequence<Unicode.Scalar>>(_ scalars: Scalars) -> UInt64 {
        scalars.reduce(UInt64(0)) { $0 << 32 | UInt64($1.value) }
    }

    private func laterReading(_ scalar: Unicode.Scalar) -> String? {
        if let known = table?.later(scalar) { return known }
        if let known = lock.withLock({ laterCharacters[scalar.value] }) { return known }
        let reading = icu.withLock { Self.laterReading(of: scalar, read: read) }
        lock.withLock { laterCharacters[scalar.value] = .some(reading) }
        return reading
    }
}
