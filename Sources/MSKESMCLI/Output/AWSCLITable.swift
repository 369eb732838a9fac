import MSKESMCore

/// `--output table`, as AWS CLI v1 (the project's pinned oracle) lays out a response: a port of
/// `awscli/formatter.py` (`TableFormatter`, which decides the sections) and `awscli/table.py` (`MultiTable`,
/// which measures and draws them), kept close to the original so the two can be read side by side.
///
/// The layout does not depend on member order (keys are sorted), so msk-esm's JSON values give the same bytes
/// as the CLI. Widths count code points, two for East Asian Wide, Fullwidth and Ambiguous ones, as the CLI
/// counts them (``EastAsianWidth``). docs/output.md says where this is used.
public enum AWSCLITable {
    /// A value the AWS CLI cannot lay out as a table either (it stops with a Python exception): a list that
    /// starts with an object but holds something else, or rows of different lengths.
    public struct Unrenderable: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// How the CLI colours a table: `ColorizedStyler` (on a terminal by default, or `--color on`), whose
    /// colorama `autoreset` also appends a reset to every write, or the plain `Styler`.
    public struct Style: Equatable, Sendable {
        public var colored: Bool
        /// Whether stdout is a terminal: colorama then writes one more reset when the CLI exits.
        public var toTerminal: Bool

        public init(colored: Bool, toTerminal: Bool) {
            self.colored = colored
            self.toTerminal = toTerminal
        }

        public static let plain = Style(colored: false, toTerminal: false)
    }

    /// The table of `value` under `title` (the operation's name, as in `GetEventSourceMapping`), for a terminal
    /// `width` columns wide (the CLI asks the terminal and assumes 80 when stdout is not one). Empty when the CLI
    /// prints nothing: a value Python calls false (`null`, `false`, `0`, `""`, `[]`, `{}`).
    public static func render(_ value: JSONValue, title: String, width: Int, style: Style = .plain) throws -> String {
        var builder = Builder()
        guard try builder.build(title: title, value, indentLevel: 0) else { return "" }
        var writer = Writer(style: style)
        var renderer = MultiTableRenderer(sections: builder.sections, terminalWidth: width, style: style)
        renderer.render(into: &writer)
        if style.colored && style.toTerminal { writer.output += Writer.reset }
        return writer.output
    }

    /// The text length the CLI measures (`get_text_length`).
    static func length(_ text: String) -> Int { EastAsianWidth.columns(text) }

    // MARK: sections (awscli/table.py, Section)

    struct Section {
        /// nil where the CLI's title is None (a list of lists of objects): it then measures as "None".
        var title: String?
        var headers: [String] = []
        var rows: [[String]] = []
        var indentLevel = 0
        private var columnCount: Int?
        private var maxWidths: [Int] = []

        init(title: String?, indentLevel: Int) {
            self.title = title
            self.indentLevel = indentLevel
        }

        var titleLength: Int { title.map(AWSCLITable.length) ?? 4 }

        mutating func addHeader(_ headers: [String]) throws {
            try updateMaxWidths(headers)
            if columnCount == nil { columnCount = headers.count }
            self.headers = headers
        }

        mutating func addRow(_ row: [String]) throws {
            if columnCount == nil { columnCount = row.count }
            guard row.count == columnCount else {
                throw Unrenderable(
                    description: "Row should have \(columnCount ?? 0) elements, instead it has \(row.count)")
            }
            rows.append(row)
            try updateMaxWidths(row)
        }

        private mutating func updateMaxWidths(_ row: [String]) throws {
            if maxWidths.isEmpty {
                maxWidths = row.map(AWSCLITable.length)
                return
            }
            // Headers are not checked against the rows' length: a longer header list fails here, as in Python.
            guard row.count <= maxWidths.count else {
                throw Unrenderable(description: "\(row.count) headers over rows of \(maxWidths.count) elements")
            }
            for (index, element) in row.enumerated() {
                maxWidths[index] = max(AWSCLITable.length(element), maxWidths[index])
            }
        }

        /// Column widths with `padding` each; scaled to sum to `maxWidth` when given (Python's `round`, which
        /// rounds halves to even, then one column at a time until the sum is exact).
        func columnWidths(padding: Int, maxWidth: Int? = nil) -> [Int] {
            let unscaled = maxWidths.map { $0 + padding }
            guard let maxWidth, !unscaled.isEmpty else { return unscaled }
            let factor = Double(maxWidth) / Double(unscaled.reduce(0, +))
            var scaled = unscaled.map { Int((factor * Double($0)).rounded(.toNearestOrEven)) }
            var offBy = scaled.reduce(0, +) - maxWidth
            while offBy != 0 {
                let order = offBy < 0 ? Array(scaled.indices.reversed()) : Array(scaled.indices)
                for index in order {
                    if offBy > 0 {
                        scaled[index] -= 1
                        offBy -= 1
                    } else {
                        scaled[index] += 1
                        offBy += 1
                    }
                    if offBy == 0 { break }
                }
            }
            return scaled
        }

        func totalWidth(padding: Int, outerPadding: Int) -> Int {
            let border = 2
            let total = columnWidths(padding: 0).reduce(0) { $0 + $1 + padding } + border + 2 * outerPadding
            return max(titleLength + border + 2 * outerPadding, total)
        }
    }

    // MARK: what goes into which section (awscli/formatter.py, TableFormatter)

    struct Builder {
        var sections: [Section] = []

        private mutating func newSection(_ title: String?, indentLevel: Int) {
            sections.append(Section(title: title, indentLevel: indentLevel))
        }

        /// The CLI's `_build_table(title, current, indent_level)`. A nil title adds to the current section.
        mutating func build(title: String?, _ value: JSONValue, indentLevel: Int) throws -> Bool {
            if !value.isTruthy { return false }
            if title != nil { newSection(title, indentLevel: indentLevel) }
            if case .array(let elements) = value {
                if elements[0].objectValue != nil {
                    try subTable(fromList: elements, indentLevel: indentLevel, title: title)
                } else {
                    for item in elements {
                        if item.isScalar {
                            try addRow([AWSCLITable.pythonString(item)])
                        } else if let row = item.scalarsIfAllScalar {
                            try addRow(row)
                        } else {
                            _ = try build(title: nil, item, indentLevel: 0)
                        }
                    }
                }
            }
            if case .object(let members) = value {
                try subTable(fromObject: members, indentLevel: indentLevel)
            }
            return true
        }

        private mutating func addRow(_ row: [String]) throws {
            guard !sections.isEmpty else { throw Unrenderable(description: "no section to add a row to") }
            try sections[sections.count - 1].addRow(row)
        }

        private mutating func addHeader(_ headers: [String]) throws {
            guard !sections.isEmpty else { throw Unrenderable(description: "no section to add a header to") }
            try sections[sections.count - 1].addHeader(headers)
        }

        private mutating func subTable(fromObject members: [String: JSONValue], indentLevel: Int) throws {
            let (headers, more) = Self.scalarKeys(members)
            if headers.count == 1 {
                try addRow([headers[0], AWSCLITable.pythonString(members[headers[0]] ?? .null)])
            } else if !headers.isEmpty {
                try addHeader(headers)
                try addRow(headers.map { AWSCLITable.pythonString(members[$0] ?? .null) })
            }
            for key in more {
                _ = try build(title: key, members[key] ?? .null, indentLevel: indentLevel + 1)
            }
        }

        private mutating func subTable(fromList elements: [JSONValue], indentLevel: Int, title: String?) throws {
            // Python walks every element as if it were a dict: `[]` and `""` have no keys and pass, as long as
            // no header asks them for a value (`element.get`); anything else fails in `_group_scalar_keys`.
            let objects = try elements.map { element -> [String: JSONValue] in
                if let object = element.objectValue { return object }
                guard element == .array([]) || element == .string("") else {
                    throw Unrenderable(description: "a list that starts with an object holds \(element.compactText)")
                }
                return [:]
            }
            var headerSet = Set<String>()
            var moreSet = Set<String>()
            for object in objects {
                let (headers, more) = Self.scalarKeys(object)
                headerSet.formUnion(headers)
                moreSet.formUnion(more)
            }
            let headers = headerSet.sorted(by: AWSCLITable.pythonOrder)
            let more = moreSet.sorted(by: AWSCLITable.pythonOrder)
            if !headers.isEmpty, let other = elements.first(where: { $0.objectValue == nil }) {
                throw Unrenderable(description: "\(other.compactText) has no .get for the headers of a list of objects")
            }
            try addHeader(headers)
            for (index, object) in objects.enumerated() {
                if index > 0 && !more.isEmpty {
                    newSection(title, indentLevel: indentLevel)
                    try addHeader(headers)
                }
                try addRow(headers.map { object[$0].map(AWSCLITable.pythonString) ?? "" })
                for key in more {
                    if let member = object[key] { _ = try build(title: key, member, indentLevel: indentLevel + 1) }
                }
            }
        }

        /// The keys whose values are scalars, and the rest, each sorted as Python sorts strings.
        static func scalarKeys(_ members: [String: JSONValue]) -> (headers: [String], more: [String]) {
            let headers = members.filter { $0.value.isScalar }.keys.sorted(by: AWSCLITable.pythonOrder)
            let more = members.filter { !$0.value.isScalar }.keys.sorted(by: AWSCLITable.pythonOrder)
            return (headers, more)
        }
    }

    // MARK: drawing (awscli/table.py, MultiTable)

    /// The stream the CLI writes to. With colour, colorama's `autoreset` follows every write with a reset,
    /// even an empty one (the indentation of a section at level 0).
    struct Writer {
        static let reset = "\u{1B}[0m"
        let style: Style
        var output = ""

        init(style: Style) { self.style = style }

        mutating func write(_ text: String) {
            output += text
            if style.colored { output += Self.reset }
        }
    }

    /// `Styler` and `ColorizedStyler`: row elements bright blue, indentation bars dim yellow.
    struct MultiTableRenderer {
        var sections: [Section]
        let terminalWidth: Int
        let style: Style

        func styledRowElement(_ text: String) -> String {
            style.colored ? "\u{1B}[1m\u{1B}[34m" + text + Writer.reset : text
        }

        var styledIndentationBar: String { style.colored ? "\u{1B}[2m\u{1B}[33m|" + Writer.reset : "|" }

        mutating func render(into writer: inout Writer) {
            var maxWidth = maximumWidth()
            if maxWidth > terminalWidth {
                convertToVerticalTable()
                maxWidth = maximumWidth()
            }
            writer.write(repeated("-", maxWidth) + "\n")
            for section in sections { render(section, maxWidth: maxWidth, into: &writer) }
        }

        private func maximumWidth() -> Int {
            sections.map { $0.totalWidth(padding: 4, outerPadding: $0.indentLevel) }.max() ?? 0
        }

        /// A section of one row under headers becomes one row per header, `header | value`, to fit.
        private mutating func convertToVerticalTable() {
            for index in sections.indices where sections[index].rows.count == 1 && !sections[index].headers.isEmpty {
                let old = sections[index]
                var vertical = Section(title: old.title, indentLevel: old.indentLevel)
                for (header, element) in zip(old.headers, old.rows[0]) {
                    // Two columns every time: the row cannot have the wrong length.
                    try? vertical.addRow([header, element])
                }
                sections[index] = vertical
            }
        }

        /// `IndentedStream`: a section's lines framed by one bar per indentation level on each side.
        private func write(_ text: String, indentLevel: Int, into writer: inout Writer) {
            writer.write(repeated(styledIndentationBar, indentLevel))
            if text.hasSuffix("\n") {
                writer.write(String(text.dropLast()))
                writer.write(repeated(styledIndentationBar, indentLevel))
                writer.write("\n")
            } else {
                writer.write(text)
            }
        }

        private func render(_ section: Section, maxWidth total: Int, into writer: inout Writer) {
            let maxWidth = total - section.indentLevel * 2
            let level = section.indentLevel
            if let title = section.title, !title.isEmpty {
                write(
                    AWSCLITable.centered(title, length: maxWidth, leftEdge: "|", rightEdge: "|") + "\n",
                    indentLevel: level, into: &writer)
                if section.headers.isEmpty && section.rows.isEmpty {
                    write("+" + repeated("-", maxWidth - 2) + "+\n", indentLevel: level, into: &writer)
                }
            }
            if !section.headers.isEmpty {
                let widths = section.columnWidths(padding: 4, maxWidth: maxWidth)
                var line = ""
                for (index, (width, header)) in zip(widths, section.headers).enumerated() {
                    line += AWSCLITable.centered(header, length: width, leftEdge: index == 0 ? "|" : "", rightEdge: "|")
                }
                write(lineBreak(widths), indentLevel: level, into: &writer)
                write(line + "\n", indentLevel: level, into: &writer)
            }
            guard !section.rows.isEmpty else { return }
            let widths = section.columnWidths(padding: 4, maxWidth: maxWidth)
            guard !widths.isEmpty else { return }
            write(lineBreak(widths), indentLevel: level, into: &writer)
            for row in section.rows {
                var line = ""
                for (index, (width, element)) in zip(widths, row).enumerated() {
                    line += AWSCLITable.leftAligned(
                        styledRowElement(element), textLength: AWSCLITable.length(element), length: width,
                        leftEdge: index == 0 ? "|" : "", rightEdge: "|")
                }
                write(line + "\n", indentLevel: level, into: &writer)
            }
            write(lineBreak(widths), indentLevel: level, into: &writer)
        }

        /// `+-------+---------+`
        private func lineBreak(_ widths: [Int]) -> String {
            widths.enumerated().map { index, width in
                index == 0 ? "+" + repeated("-", width - 2) + "+" : repeated("-", width - 1) + "+"
            }.joined() + "\n"
        }
    }

    // MARK: text helpers (awscli/table.py)

    /// `center_text`: the title in the middle of `length` columns between the edges.
    static func centered(_ text: String, length: Int, leftEdge: String, rightEdge: String) -> String {
        let textLength = Self.length(text)
        let start = length / 2 - textLength / 2 - 1
        let soFar = Self.length(leftEdge) + start + textLength
        return leftEdge + repeated(" ", start) + text + repeated(" ", length - Self.length(rightEdge) - soFar)
            + rightEdge
    }

    /// `align_left`: two spaces of padding where they fit, the text, spaces to `length`, the right edge.
    static func leftAligned(_ text: String, textLength: Int, length: Int, leftEdge: String, rightEdge: String) -> String
    {
        let computed = textLength + 2 + Self.length(leftEdge) + Self.length(rightEdge)
        let padding = length - computed >= 0 ? 2 : 0
        let soFar = leftEdge.unicodeScalars.count + padding + textLength
        return leftEdge + repeated(" ", padding) + text + repeated(" ", length - soFar - rightEdge.unicodeScalars.count)
            + rightEdge
    }

    /// Python's `text * count`: empty for a count below one (Swift's `String(repeating:count:)` traps on a
    /// negative count, which narrow terminals produce).
    static func repeated(_ text: String, _ count: Int) -> String {
        count > 0 ? String(repeating: text, count: count) : ""
    }

    /// Python's `str()` of what `json.loads` made of the value: ``AWSCLIOutput/scalar(_:)`` for a scalar, the
    /// `repr` of a list or dict (a cell holds one where a key is a scalar in one object of a list and a list in
    /// another: `[1, None, 'a']`).
    static func pythonString(_ value: JSONValue) -> String {
        value.isScalar ? AWSCLIOutput.scalar(value) : pythonRepr(value)
    }

    /// Python's `repr()`: strings quoted as Python quotes them, `None`, `True`, `[…, …]`, `{'k': v}`.
    static func pythonRepr(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return pythonRepr(text)
        case .array(let elements): return "[" + elements.map(pythonRepr).joined(separator: ", ") + "]"
        case .object(let members):
            // A dict's order is the response's; msk-esm's values keep none (docs/output.md).
            return "{"
                + members.keys.sorted(by: pythonOrder).map { pythonRepr($0) + ": " + pythonRepr(members[$0] ?? .null) }
                .joined(separator: ", ") + "}"
        default: return AWSCLIOutput.scalar(value)
        }
    }

    /// `repr(str)`: single quotes unless the text holds one and no double quote; backslash escapes for the
    /// quote, `\\`, `\n`, `\r`, `\t`, and `\x`, `\u` or `\U` for the characters Python does not print.
    static func pythonRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where Character(scalar) == quote: result += "\\" + String(quote)
            case _ where !isPythonPrintable(scalar):
                let hex = String(scalar.value, radix: 16)
                if scalar.value < 0x100 {
                    result += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else if scalar.value < 0x10000 {
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + String(quote)
    }

    /// `str.isprintable()` per character: not a control, format, surrogate, private-use, unassigned or
    /// separator character, except the space.
    static func isPythonPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// Python compares strings by code point; Swift's `<` on `String` compares by Unicode canonical order.
    static func pythonOrder(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
    }
}

extension JSONValue {
    /// Python's truth value of what `json.loads` made of this value.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let flag): return flag
        case .number(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .array(let elements): return !elements.isEmpty
        case .object(let members): return !members.isEmpty
        }
    }

    /// Not a list or an object (`TableFormatter._scalar_type`).
    var isScalar: Bool { objectValue == nil && arrayValue == nil }

    /// The row the CLI makes of a list or object whose elements are all scalars (`all(...)` over a dict walks
    /// its keys, which are strings): the elements, or the keys in the object's order. nil when one is not.
    var scalarsIfAllScalar: [String]? {
        switch self {
        case .array(let elements):
            return elements.allSatisfy(\.isScalar) ? elements.map(AWSCLITable.pythonString) : nil
        case .object(let members):
            // A dict's own order is the response's; msk-esm's values keep none, so sort (the CLI's responses
            // never put an object in a list of scalars).
            return members.keys.sorted(by: AWSCLITable.pythonOrder)
        default:
            return nil
        }
    }
}
