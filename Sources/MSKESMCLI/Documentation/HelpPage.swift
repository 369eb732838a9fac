import ArgumentParser
import Foundation

/// The `--help` text msk-esm prints: argument-parser's, laid out as a reader of the AWS CLI expects where
/// argument-parser cannot be told so. It is asked for unwrapped and wrapped here, which allows three things:
/// - indented lines of a command's description (its examples) are never wrapped, so a copied example runs;
/// - the command's own options come first and the global options after them, under their title;
/// - `--output` lists only the formats the command accepts, and commands that never call AWS keep the AWS
///   options (accepted everywhere) out of their help.
/// In the REPL, command lines are shown without the `msk-esm` the REPL does not want typed.
enum HelpPage {
    /// argument-parser's column for option descriptions.
    static let descriptionColumn = 26

    /// The help of `command`, wrapped to `columns`.
    static func render(_ command: ParsableCommand.Type, columns: Int, inREPL: Bool = false) -> String {
        let unwrapped = MSKESM.helpMessage(for: command, columns: 100_000)
        var blocks = Block.split(unwrapped)
        blocks = reorder(blocks)
        if let formats = (command as? any AcceptsOutputFormats.Type)?.outputFormats ?? defaultFormats(command) {
            let values = "(values: " + formats.map(\.rawValue).joined(separator: ", ") + ")"
            let all = "(values: " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")"
            blocks = blocks.map { $0.replacing(all, with: values, inEntry: "--output") }
        }
        if command is any NeverCallsAWS.Type {
            blocks = blocks.map { $0.removingEntries(AWSOptionsDescription.optionNames) }
        }
        var text = blocks.map { $0.wrapped(to: max(columns, 40)) }.joined(separator: "\n\n") + "\n"
        if inREPL {
            text = text.replacingOccurrences(of: "USAGE: msk-esm ", with: "USAGE: ")
                .replacingOccurrences(of: "\n  msk-esm ", with: "\n  ")
                .replacingOccurrences(of: "'msk-esm help ", with: "'help ")
        }
        return text
    }

    /// The formats `--output` takes: text and json, and jsonl only where a command streams results.
    static func defaultFormats(_ command: ParsableCommand.Type) -> [OutputFormat]? {
        command.configuration.subcommands.isEmpty ? [.text, .json] : nil
    }

    /// The overview and usage, arguments, the command's own options, the global options, then the rest
    /// (subcommands, and the text after them).
    static func reorder(_ blocks: [Block]) -> [Block] {
        let firstSection = blocks.firstIndex { $0.header != nil } ?? blocks.count
        let rank: (Int, Block) -> Int = { index, block in
            switch block.header {
            case nil: index < firstSection ? 0 : 5
            case "ARGUMENTS:": 1
            case "OPTIONS:": 2
            case "GLOBAL OPTIONS:": 3
            default: 4
            }
        }
        // A stable sort: the blocks of one rank keep their order.
        return blocks.enumerated().sorted {
            (rank($0.offset, $0.element), $0.offset) < (rank($1.offset, $1.element), $1.offset)
        }
        .map(\.element)
    }

    /// A paragraph of the help (the overview, the usage line) or a titled section of entries.
    struct Block {
        /// `OPTIONS:` and the like; nil for text.
        var header: String?
        var lines: [String]

        /// The help split at blank lines; a section header (`GLOBAL OPTIONS:`) starts a section.
        static func split(_ text: String) -> [Block] {
            var blocks: [Block] = []
            for chunk in text.components(separatedBy: "\n\n") {
                var lines = chunk.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                while lines.last?.isEmpty == true { lines.removeLast() }
                guard let first = lines.first, !chunk.trimmingCharacters(in: .newlines).isEmpty else { continue }
                let isHeader = first.hasSuffix(":") && !first.hasPrefix(" ") && first == first.uppercased()
                blocks.append(Block(header: isHeader ? first : nil, lines: isHeader ? Array(lines.dropFirst()) : lines))
            }
            return blocks
        }

        /// The entry of `option` with `old` replaced (the entry is one line before wrapping).
        func replacing(_ old: String, with new: String, inEntry option: String) -> Block {
            var copy = self
            copy.lines = lines.map { $0.hasPrefix("  \(option) ") ? $0.replacingOccurrences(of: old, with: new) : $0 }
            return copy
        }

        /// Without the entries of `options` (an entry whose label is too long for the column has its description
        /// on the next line).
        func removingEntries(_ options: Set<String>) -> Block {
            guard header != nil else { return self }
            var copy = self
            copy.lines = []
            var skippingDescription = false
            for line in lines {
                let label = line.dropFirst(2).prefix { $0 != " " }
                if line.hasPrefix("  "), !line.hasPrefix("   "), options.contains(String(label)) {
                    skippingDescription = true
                    continue
                }
                if skippingDescription && line.hasPrefix(String(repeating: " ", count: HelpPage.descriptionColumn)) {
                    skippingDescription = false
                    continue
                }
                skippingDescription = false
                copy.lines.append(line)
            }
            return copy
        }

        /// Wrapped as argument-parser wraps, except that indented text lines (examples) stay whole.
        func wrapped(to columns: Int) -> String {
            var out: [String] = header.map { [$0] } ?? []
            for line in lines {
                if header == nil {
                    out.append(
                        line.hasPrefix(" ") || line.count <= columns ? line : HelpPage.wrap(line, columns, indent: 0))
                    continue
                }
                let column = HelpPage.descriptionColumn
                guard line.count > columns else {
                    out.append(line)
                    continue
                }
                // "  --label<padding>description": the label stays, the description wraps at its column.
                let prefix = String(line.prefix(column))
                let description = String(line.dropFirst(column))
                if prefix.trimmingCharacters(in: .whitespaces).isEmpty || prefix.hasSuffix(" ") {
                    let body = HelpPage.wrap(description, columns - column, indent: 0)
                        .split(separator: "\n", omittingEmptySubsequences: false)
                    out.append(prefix + (body.first.map(String.init) ?? ""))
                    out.append(contentsOf: body.dropFirst().map { String(repeating: " ", count: column) + $0 })
                } else {
                    out.append(HelpPage.wrap(line, columns, indent: column))
                }
            }
            return out.joined(separator: "\n")
        }
    }

    /// Greedy wrapping at spaces; continuation lines indented by `indent`. A word longer than the line stays whole.
    static func wrap(_ text: String, _ columns: Int, indent: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let width = lines.isEmpty ? columns : columns - indent
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines.enumerated().map {
            $0.offset == 0 ? $0.element : String(repeating: " ", count: indent) + $0.element
        }
        .joined(separator: "\n")
    }
}

/// A command whose `--output` takes other formats than text and json (`jsonl` where it streams).
protocol AcceptsOutputFormats {
    static var outputFormats: [OutputFormat] { get }
}

/// A command that never calls AWS (it still accepts the AWS options, like every command, but its help omits them).
protocol NeverCallsAWS {}

/// A command that holds only the AWS options, so that help can tell them apart from the other global options.
struct AWSOptionsDescription: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aws")
    @OptionGroup var aws: AWSOptions

    /// The AWS options' names (`--profile`, `--region`, …), as argument-parser describes them.
    static let optionNames: Set<String> = Set(
        (CommandTreeDescription.of(AWSOptionsDescription.self)?.command.arguments ?? [])
            .flatMap { $0.names ?? [] }.map(\.spelled))
}
