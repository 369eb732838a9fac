import ArgumentParser
import MSKESMCore

/// What msk-esm does to a command line around argument-parser, which parses each command leniently and runs
/// its `validate()` before it looks at the words no command took: without this, `create --functoin f` would
/// say "missing --function NAME" instead of naming the mistyped option, and global options written before
/// the subcommand (`msk-esm --region us-east-1 list`, as AWS CLI users type) would be unknown to the root.
/// Option names come from the command tree argument-parser describes (`--experimental-dump-help`), so a new
/// option needs no change here.
enum CommandLineArguments {
    /// The words argument-parser answers itself, in every command.
    static let builtInOptions: Set<String> = [
        "-h", "--help", "-help", "--version", "--experimental-dump-help", "--generate-completion-script",
    ]

    /// `arguments` with the global options written before the subcommand (and their values) moved right
    /// after the subcommand words, where every subcommand's `@OptionGroup var global` takes them.
    /// `msk-esm --region us-east-1 --output json list` → `list --region us-east-1 --output json`.
    static func placingGlobalOptions(_ arguments: [String]) -> [String] {
        guard arguments.first?.hasPrefix("-") == true else { return arguments }
        // Without a subcommand the words stay where they were (below); `--version` and `--help` need not pay
        // for describing the command tree (2 ms of a 6 ms start).
        let rootCommands = Set(MSKESM.configuration.subcommands.compactMap { $0.configuration.commandName })
        guard arguments.contains(where: { rootCommands.contains($0) }) else { return arguments }
        let globals = globalOptions()
        var moved: [String] = []
        var path: [String] = []
        var commands = MSKESM.configuration.subcommands
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if let command = commands.first(where: { $0.configuration.commandName == word }) {
                path.append(word)
                commands = command.configuration.subcommands
                index += 1
                continue
            }
            guard let takesValue = globals[optionName(word)], !builtInOptions.contains(word) else { break }
            moved.append(word)
            index += 1
            if takesValue && !word.contains("=") && index < arguments.count {
                moved.append(arguments[index])
                index += 1
            }
        }
        // Without a subcommand the words stay where they were: argument-parser's message fits them best.
        guard !path.isEmpty else { return arguments }
        return path + moved + arguments[index...]
    }

    /// The first option in `arguments` that the command it is given to does not take, as the one-line
    /// usage error (with the closest option name when one is near), or nil when every option is known.
    static func unknownOption(in arguments: [String]) -> ToolError? {
        var command: ParsableCommand.Type = MSKESM.self
        var path: [String] = []
        for word in arguments {
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == word })
            else { break }
            command = next
            path.append(word)
        }
        // A group (`msk-esm`, `secret`) takes no options: its missing or unknown subcommand is the error to show.
        guard command.configuration.subcommands.isEmpty, let tree = CommandTreeDescription.of(command) else {
            return nil
        }
        var takesValue: [String: Bool] = [:]
        for argument in tree.command.arguments ?? [] where argument.kind != .positional {
            for name in argument.names ?? [] { takesValue[name.spelled] = argument.kind == .option }
        }
        var index = path.count
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" { break }
            guard word.hasPrefix("-"), word != "-", !isNumber(word) else { continue }
            let name = optionName(word)
            if builtInOptions.contains(name) { continue }
            guard let value = takesValue[name] else {
                let where_ = path.isEmpty ? "msk-esm" : path.joined(separator: " ")
                let hint = closest(to: name, among: Array(takesValue.keys)).map { "did you mean \($0)?" }
                return ToolError.usage(
                    "unknown option '\(name)'", input: where_,
                    fix: hint ?? "see 'msk-esm \(path.map { $0 + " " }.joined())--help'")
            }
            // The option's value may itself start with '-' (`--write -`): it is not an option.
            if value && !word.contains("=") { index += 1 }
        }
        return nil
    }

    /// `--region` of `--region=us-east-1`.
    static func optionName(_ word: String) -> String {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return word }
        return String(word[..<equals])
    }

    /// `-1`, `-0.5`: a negative number given as a value, not an option.
    static func isNumber(_ word: String) -> Bool { Double(word) != nil }

    /// The global options by spelled name, and whether each takes a value.
    static func globalOptions() -> [String: Bool] {
        var options: [String: Bool] = [:]
        for argument in CommandTreeDescription.of(GlobalOptionsDescription.self)?.command.arguments ?? []
        where argument.kind != .positional {
            for name in argument.names ?? [] { options[name.spelled] = argument.kind == .option }
        }
        for name in builtInOptions { options.removeValue(forKey: name) }
        return options
    }

    /// The known name nearest to `name` by edit distance, when it is near enough to be a typo of it.
    static func closest(to name: String, among names: [String]) -> String? {
        let typed = Array(name)
        let scored = names.filter { $0.hasPrefix("--") }.map { ($0, editDistance(typed, Array($0))) }
        guard let best = scored.min(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }) else { return nil }
        // At most a third of the word wrong: "--functoin" → "--function", but not "--bogus" → "--debug".
        return best.1 <= max(1, (typed.count - 2) / 3) ? best.0 : nil
    }

    /// Damerau–Levenshtein distance (optimal string alignment: a swap of two neighbours counts once).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
