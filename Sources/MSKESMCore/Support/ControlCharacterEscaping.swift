extension StringProtocol {
    /// The text with every control character shown as a visible escape, as `git` and `ls -b` show odd
    /// bytes in names: `\n`, `\r`, `\t`, `\x1b` for the other C0 controls and DEL, `\u009b` for the C1
    /// controls, and the same for the bidirectional formatting characters that reorder what a terminal
    /// shows (U+202A–U+202E, U+2066–U+2069). Everything else, a backslash included, is kept as it is.
    ///
    /// Values that come from data — function and topic names, `LastProcessingResult`, tags, file names,
    /// AWS error messages, certificate subjects — pass through this before they reach a terminal in a
    /// text report or an error line: raw, `ESC[2J` would clear the screen, `ESC]0;…BEL` retitle the
    /// window, and a newline forge a line of the report. JSON output escapes them by JSON's own rules
    /// instead (`JSONWriter`).
    /// - Parameter keepingNewlines: keep `\n` as a line break, for text whose line breaks are the
    ///   writer's own (a finding's `fix` listing several commands).
    package func escapingControlCharacters(keepingNewlines: Bool = false) -> String {
        let text = String(self)
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x0A: !keepingNewlines
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
        // Printable ASCII needs nothing, and a byte test is cheaper than decoding scalars (2 % of `lint` text
        // output on a 500-resource template, Benchmarks/cases/lint-500.sh).
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                escaped.append(scalar)
                continue
            }
            let visible: String
            switch scalar {
            case "\n": visible = "\\n"
            case "\r": visible = "\\r"
            case "\t": visible = "\\t"
            default:
                let hex = String(scalar.value, radix: 16)
                visible =
                    scalar.value < 0x80
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            escaped.append(contentsOf: visible.unicodeScalars)
        }
        return String(escaped)
    }
}
