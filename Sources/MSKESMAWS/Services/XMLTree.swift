import Foundation

/// The elements of an AWS XML response (query and ec2 protocols), read by a small non-validating parser.
///
/// Not Foundation's `XMLDocument`: on Linux it never frees a parsed document (every response leaked; the
/// fuzzer found it), libxml2 prints its parse errors on stderr (breaking the one-line error contract), and
/// AWS's answers need none of its features. Element names are local (the namespace prefix dropped); text,
/// CDATA and the five predefined and numeric character references are kept; comments, processing
/// instructions and attributes are skipped. A DOCTYPE is refused (no entity expansion), and so is nesting
/// deeper than `maximumDepth`.
struct XMLTree: Sendable {
    struct Element: Sendable {
        var name: String
        private(set) var children: [Element] = []
        /// The element's text pieces and children in document order.
        private var items: [Item] = []
        private enum Item: Sendable {
            case text(String)
            case child(Int)
        }

        init(name: String) { self.name = name }

        mutating func append(_ child: Element) {
            children.append(child)
            items.append(.child(children.count - 1))
        }

        mutating func append(_ text: String) { items.append(.text(text)) }

        /// The text of the element and all its descendants in document order, as `XMLNode.stringValue`.
        var stringValue: String {
            items.map {
                switch $0 {
                case .text(let text): text
                case .child(let index): children[index].stringValue
                }
            }.joined()
        }

        /// The child elements named `name`.
        func children(named name: String) -> [Element] { children.filter { $0.name == name } }
    }

    struct ParseError: Error, Sendable {
        var reason: String
        var offset: Int
    }

    static let maximumDepth = 100

    var root: Element

    init(_ data: Data) throws {
        var parser = Parser(bytes: [UInt8](data))
        root = try parser.document()
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        func fail(_ reason: String) -> ParseError { ParseError(reason: reason, offset: index) }

        func peek(_ literal: String) -> Bool { bytes[index...].starts(with: literal.utf8) }

        mutating func skip(past literal: String) throws {
            let pattern = Array(literal.utf8)
            while index < bytes.count {
                if bytes[index...].starts(with: pattern) {
                    index += pattern.count
                    return
                }
                index += 1
            }
            throw fail("unterminated markup (expected \(literal))")
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// Comments, processing instructions and white space outside the root element.
        mutating func skipMisc() throws {
            while true {
                skipSpace()
                if peek("<?") {
                    try skip(past: "?>")
                } else if peek("<!--") {
                    try skip(past: "-->")
                } else if peek("<!DOCTYPE") || peek("<!doctype") {
                    throw fail("a DOCTYPE is not accepted")
                } else {
                    return
                }
            }
        }

        mutating func name() throws -> String {
            let start = index
            while index < bytes.count, !([0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E, 0x3D].contains(bytes[index])) {
                index += 1
            }
            guard index > start else { throw fail("an element name is missing") }
            let full = String(decoding: bytes[start..<index], as: UTF8.self)
            return full.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? full
        }

        /// Reads `<name attributes…>` or `<name …/>` (the `<` already consumed); true when self-closing.
        mutating func startTagRest() throws -> Bool {
            while true {
                skipSpace()
                guard index < bytes.count else { throw fail("unterminated start tag") }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    return false
                }
                if peek("/>") {
                    index += 2
                    return true
                }
                _ = try name()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    throw fail("an attribute lacks a value")
                }
                index += 1
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
                else {
                    throw fail("an attribute value is not quoted")
                }
                let quote = bytes[index]
                index += 1
                while index < bytes.count, bytes[index] != quote { index += 1 }
                guard index < bytes.count else { throw fail("unterminated attribute value") }
                index += 1
            }
        }

        mutating func reference() throws -> String {
            // At "&": up to ";".
            let start = index + 1
            guard let end = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw fail("an unterminated character reference")
            }
            let body = String(decoding: bytes[start..<end], as: UTF8.self)
            index = end + 1
            switch body {
            case "lt": return "<"
            case "gt": return ">"
            case "amp": return "&"
            case "quot": return "\""
            case "apos": return "'"
            default:
                let value: UInt32?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    value = UInt32(body.dropFirst(2), radix: 16)
                } else if body.hasPrefix("#") {
                    value = UInt32(body.dropFirst(), radix: 10)
                } else {
                    value = nil
                }
                guard let value, let scalar = Unicode.Scalar(value) else { throw fail("an unknown entity &\(body);") }
                return String(Character(scalar))
            }
        }

        mutating func document() throws -> Element {
            try skipMisc()
            guard peek("<"), !peek("</") else { throw fail("no root element") }
            index += 1
            var stack = [Element(name: try name())]
            if try startTagRest() {
                try skipMisc()
                guard index == bytes.count else { throw fail("content after the root element") }
                return stack[0]
            }
            var text: [UInt8] = []
            func flush(_ stack: inout [Element], _ text: inout [UInt8]) {
                if !text.isEmpty, !stack.isEmpty {
                    stack[stack.count - 1].append(String(decoding: text, as: UTF8.self))
                    text.removeAll(keepingCapacity: true)
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "&") {
                    flush(&stack, &text)
                    stack[stack.count - 1].append(try reference())
                } else if byte != UInt8(ascii: "<") {
                    text.append(byte)
                    index += 1
                } else if peek("<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>")
                    text.append(contentsOf: bytes[start..<(index - 3)])
                } else if peek("<!--") {
                    try skip(past: "-->")
                } else if peek("<?") {
                    try skip(past: "?>")
                } else if peek("</") {
                    flush(&stack, &text)
                    index += 2
                    let closing = try name()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                        throw fail("unterminated end tag")
                    }
                    index += 1
                    guard let open = stack.popLast(), open.name == closing else {
                        throw fail("mismatched end tag </\(closing)>")
                    }
                    if stack.isEmpty {
                        try skipMisc()
                        guard index == bytes.count else { throw fail("content after the root element") }
                        return open
                    }
                    stack[stack.count - 1].append(open)
                } else if peek("<!") {
                    throw fail("unexpected markup <!")
                } else {
                    flush(&stack, &text)
                    index += 1
                    let element = Element(name: try name())
                    if try startTagRest() {
                        stack[stack.count - 1].append(element)
                    } else {
                        guard stack.count < XMLTree.maximumDepth else { throw fail("elements nested too deeply") }
                        stack.append(element)
                    }
                }
            }
            throw fail("the document ends inside <\(stack.last?.name ?? "")>")
        }
    }
}
