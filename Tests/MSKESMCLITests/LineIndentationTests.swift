import Testing

@testable import MSKESMCLI

/// `indentingLines(by:)` against its definition: split on "\n" (by Character), prefix every piece, join.
struct LineIndentationTests {
    static let texts = [
        "", "one line", "two\nlines", "trailing\n", "\n\nblank\n\nlines\n", "é😀\ncafe\u{301}\n", "crlf\r\nline\nx",
        "lone\rcr\n", "{\n  \"a\" : [\n    1\n  ]\n}",
    ]

    @Test(arguments: texts)
    func prefixesEveryLineAsTheCharacterSplitDoes(_ text: String) {
        for width in [0, 2, 4] {
            let pad = String(repeating: " ", count: width)
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }
                .joined(separator: "\n")
            #expect(text.indentingLines(by: width) == expected)
            #expect(text[...].indentingLines(by: width) == expected)
        }
    }
}
