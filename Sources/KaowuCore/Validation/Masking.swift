/// Hides the middle of personal numbers for logs (PIPL): only the institution's own outbox
/// shows them in full.
enum Masking {
    /// Keeps `first` leading and `last` trailing characters and stars the rest. When that would
    /// reveal more than two thirds of the value, keeps only a quarter at each end instead
    /// (rounded down), so short numbers are never shown whole.
    static func mask(_ value: String, first: Int, last: Int) -> String {
        let chars = Array(value)
        var keepFirst = first
        var keepLast = last
        if (keepFirst + keepLast) * 3 > chars.count * 2 {
            keepFirst = chars.count / 4
            keepLast = chars.count / 4
        }
        let stars = String(repeating: "*", count: chars.count - keepFirst - keepLast)
        return String(chars.prefix(keepFirst)) + stars + String(chars.suffix(keepLast))
    }
}
