extension StringProtocol {
    /// The text with `width` spaces before each of its lines, empty ones too: what splitting it on "\n",
    /// prefixing every piece and joining them with "\n" gives. Done on the UTF-8 bytes when the text holds no CR:
    /// splitting a String walks it Character by Character, which cost a 10,000-mapping `doctor --all --output
    /// json` about 9 s of CPU time (BENCHMARKS.md) and `lint`'s text output 3 % on a 500-resource template
    /// (Benchmarks/cases/lint-500.sh). With a CR it splits by Character, as before: "\r\n" is one Character
    /// there, so a CRLF is no line break.
    func indentingLines(by width: Int) -> String {
        let pad = String(repeating: " ", count: width)
        guard !utf8.contains(UInt8(ascii: "\r")) else {
            return split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
        }
        var bytes = Array(pad.utf8)
        bytes.reserveCapacity(utf8.count + utf8.count / 4)
        for byte in utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\n") { bytes.append(contentsOf: pad.utf8) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
