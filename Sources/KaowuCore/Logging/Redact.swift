/// Keeps personal data out of logs (PIPL): logs name files and jobs, never the ID numbers,
/// phones or names inside them. File names may hold an ID (photos are named by it), so any run
/// of 8 or more digits in a logged name is masked like an ID number.
public enum Redact {
    public static func fileName(_ name: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            if run.count >= 8 {
                out += run.prefix(3) + String(repeating: "*", count: run.count - 5) + run.suffix(2)
            } else {
                out += run
            }
            run = ""
        }
        for ch in name {
            if ch.isASCII && (ch.isNumber || ((ch == "X" || ch == "x") && !run.isEmpty)) {
                run.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }
}
