import ArgumentParser
import Foundation

/// The command tree as argument-parser describes it (`--experimental-dump-help`): the one source from
/// which `--help`, the completion scripts and the man page all come.
struct CommandTreeDescription: Decodable {
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var arguments: [Argument]?
        var subcommands: [Command]?
    }

    struct Argument: Decodable {
        enum Kind: String, Decodable { case positional, option, flag }
        struct Name: Decodable, Hashable {
            var kind: String
            var name: String
            var spelled: String {
                switch kind {
                case "long": "--" + name
                case "longWithSingleDash": "-" + name
                default: "-" + name
                }
            }
        }
        var kind: Kind
        var names: [Name]?
        var preferredName: Name?
        var valueName: String?
        var abstract: String?
        var discussion: String?
        var isOptional: Bool?
        var isRepeating: Bool?
        var defaultValue: String?
        var allValues: [String]?
        var shouldDisplay: Bool?

        /// A stable identity across commands, for telling global options apart.
        var key: String { (names ?? []).map(\.spelled).sorted().joined(separator: ",") + "|" + (valueName ?? "") }
    }

    var command: Command

    static func of<Command: ParsableCommand>(_ type: Command.Type) -> CommandTreeDescription? {
        try? JSONDecoder().decode(CommandTreeDescription.self, from: Data(type._dumpHelp().utf8))
    }
}

/// A command that holds only the global options, so that the man page can describe them once.
struct GlobalOptionsDescription: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "global")
    @OptionGroup var global: GlobalOptions
}
