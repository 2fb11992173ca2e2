import Crypto

extension SHA256Digest {
    /// The digest as lowercase hex, the form the job ledger and reports keep: for dropped files
    /// (`DropClaimer`) and for the photos inside them (`PhotoCheck`). Built as bytes, without
    /// `String(format:)` once per byte.
    var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
