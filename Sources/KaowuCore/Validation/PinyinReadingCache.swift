import Foundation

/// ICU's readings of the pieces of Chinese names, remembered: a roster then costs one ICU
/// transform per distinct name start and per distinct later character, not one per name (the
/// transform, 20–30 µs a name, was half the time of a roster import).
///
/// Why pieces read the same as the whole name: `Han-Latin/Names` reads the start of a name as a
/// surname (单 Shan, 曾 Zeng; compound ones such as 尉迟 or 万俟 span two characters) and every
/// character after the first two by itself, whatever its neighbours. So a name's syllables are
/// those of its first two characters read together, then those of each later character read
/// after a fixed surname (王), away from the start. This agreed with whole-name transforms on
/// 100,000 random names drawn from all CJK Unified Ideographs; `PinyinTests` keeps checking it.
///
/// `@unchecked Sendable`: the two dictionaries are only touched under `lock`; ICU runs outside.
final class PinyinReadingCache: @unchecked Sendable {
    /// Name starts remembered at most; beyond, the memory is dropped and refilled, so that a
    /// daemon that reads rosters for months does not grow without bound.
    static let startCapacity = 50_000
    /// A surname that only ever reads "wang": the context for reading a later character.
    private static let anchor = "王"

    /// ICU's reading of a text: lowercase syllables, or nil when ICU gives none.
    private let read: @Sendable (String) -> [String]?
    private let lock = NSLock()
    /// Keyed by scalar values rather than Strings: hashing Chinese text normalises it first,
    /// which costs more than the look-up saves. Han characters are single scalars.
    private var starts: [UInt64: [String]?] = [:]
    private var laterCharacters: [UInt32: String?] = [:]

    init(read: @escaping @Sendable (String) -> [String]?) {
        self.read = read
    }

    /// The syllables of `name` (Han characters only, no "·"), one per character, as ICU reads
    /// the whole name; nil when ICU does not give one syllable for every character. A name of
    /// other characters gets nil or a reading that the caller's own checks reject.
    func syllables(of name: String) -> [String]? {
        let scalars = Array(name.unicodeScalars)
        let start = scalars.prefix(2)
        guard let head = startReading(start), head.count == start.count else { return nil }
        var syllables = head
        for scalar in scalars.dropFirst(2) {
            guard let syllable = laterReading(scalar) else { return nil }
            syllables.append(syllable)
        }
        return syllables
    }

    private func startReading(_ start: ArraySlice<Unicode.Scalar>) -> [String]? {
        let key = start.reduce(UInt64(0)) { $0 << 32 | UInt64($1.value) }
        if let known = lock.withLock({ starts[key] }) { return known }
        let reading = read(String(String.UnicodeScalarView(start)))
        lock.withLock {
            if starts.count >= Self.startCapacity { starts.removeAll(keepingCapacity: true) }
            starts[key] = .some(reading)
        }
        return reading
    }

    private func laterReading(_ scalar: Unicode.Scalar) -> String? {
        if let known = lock.withLock({ laterCharacters[scalar.value] }) { return known }
        let reading = read(Self.anchor + String(scalar)).flatMap { $0.count == 2 ? $0[1] : nil }
        lock.withLock { laterCharacters[scalar.value] = .some(reading) }
        return reading
    }
}
