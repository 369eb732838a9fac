/// Text from data made safe inside a Mermaid label (`id["…"]`, `-->|"…"|`): every character that could end the
/// quoted string, start markup, an entity, a comment or a statement is written as a Mermaid entity code
/// (`#quot;`, `#35;`, …; https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters), and
/// line breaks and other control characters, which would end the statement, become spaces. Lines are joined by
/// `<br/>`, the one piece of markup the label keeps.
public enum MermaidText {
    /// `lines` as one quoted-label text, each line escaped, joined by `<br/>`.
    /// - Parameter lines: the label's lines, as data.
    public static func label(_ lines: [String]) -> String {
        lines.map(escape).joined(separator: "<br/>")
    }

    /// One line of data as label text.
    /// - Parameter text: the data.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "#quot;"
            case "#", "&", "<", ">", "|", "`", ";", "%", "\\", "{", "}":
                escaped += "#\(scalar.value);"
            case _ where scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}":
                escaped += " "
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
