import MSKESMCore
import Testing

@Suite("control characters shown escaped")
struct ControlCharacterEscapingTests {
    @Test(arguments: [
        ("\u{1B}[2J", #"\x1b[2J"#),
        ("\u{1B}]0;title\u{07}", #"\x1b]0;title\x07"#),
        ("a\nb\r\nc\td", #"a\nb\r\nc\td"#),
        ("\u{0}\u{7F}", #"\x00\x7f"#),
        ("\u{9B}31m", #"\u009b31m"#),
        ("abc\u{202E}fed", #"abc\u202efed"#),
        ("plain: ü, 日本, a\\b, \"q\"", "plain: ü, 日本, a\\b, \"q\""),
        ("", ""),
    ])
    func escapes(_ raw: String, _ shown: String) {
        #expect(raw.escapingControlCharacters() == shown)
        // Idempotent: what it shows holds nothing more to escape.
        #expect(shown.escapingControlCharacters() == shown)
    }

    @Test func keepsTheWritersLineBreaksWhenAsked() {
        #expect("one\ntwo\u{1B}[K".escapingControlCharacters(keepingNewlines: true) == "one\ntwo\\x1b[K")
    }

    @Test func errorLinesAreOneLineWithNothingRaw() {
        let error = ToolError.usage("file not found", input: "--snapshot a\u{1B}[2J\nb.json", fix: "check the path")
        #expect(error.description == #"file not found (--snapshot a\x1b[2J\nb.json): check the path"#)
    }
}
