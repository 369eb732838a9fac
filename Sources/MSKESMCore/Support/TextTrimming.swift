/// Trimming and matching without Foundation's `CharacterSet` and `String.range(of:options:)`. On Linux those
/// are CoreFoundation's, which builds its character sets and case-insensitive searches with ICU on first use:
/// most of a megabyte of code and data touched, and a millisecond, in every command. These use the standard
/// library's own Unicode properties instead.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs, as `trimmingCharacters(in: .whitespaces)`: Unicode
    /// category Zs, U+0009, and U+200B ZERO WIDTH SPACE, which CoreFoundation counts too (pasted text has it).
    package func trimmingSpaces() -> String {
        trimming { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Without leading and trailing white space and line breaks, as `trimmingCharacters(in:
    /// .whitespacesAndNewlines)`: Unicode's White_Space property (Z*, U+0009–U+000D, U+0085) and U+200B.
    package func trimmingWhitespaceAndNewlines() -> String {
        trimming { $0 == "\u{200B}" || $0.properties.isWhitespace }
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether `other` occurs in this text, ignoring the case of letters (Unicode lowercase mapping).
    package func containsIgnoringCase(_ other: some StringProtocol) -> Bool {
        let needle = other.lowercased()
        return needle.isEmpty || lowercased().utf8.firstRange(of: needle.utf8) != nil
    }
}
