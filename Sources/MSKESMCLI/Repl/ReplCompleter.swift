import Foundation
import MSKESMCore

/// Tab completion for the REPL: subcommands, the options of the current subcommand, enum values, file
/// paths for file options, and values learned in the session (UUIDs, function names, cluster ARNs,
/// profiles from `~/.aws/config`).
struct ReplCompleter {
    let tree: CommandTreeDescription.Command
    var learned: LearnedValues
    var profiles: [String]
    /// The REPL's own words (`use`, `exit`, …), offered at the start of a line.
    let builtins: [String]

    func complete(_ lineBeforeCursor: String) -> LineEditor.Completion {
        let parsed = ShellWords(lineBeforeCursor)
        var words = parsed.words
        let partial = (parsed.endsWithSpace || words.isEmpty) ? "" : words.removeLast()
        let candidates = self.candidates(before: words, partial: partial).filter { $0.hasPrefix(partial) }
        let unique = Array(NSOrderedSet(array: candidates)) as? [String] ?? candidates
        guard !unique.isEmpty else { return .init(insertion: "", candidates: []) }
        if unique.count == 1, let only = unique.first {
            let rest = String(only.dropFirst(partial.count))
            return .init(insertion: rest + (only.hasSuffix("/") ? "" : " "), candidates: unique)
        }
        let common = Self.commonPrefix(unique)
        return .init(insertion: String(common.dropFirst(partial.count)), candidates: unique.sorted())
    }

    func candidates(before words: [String], partial: String) -> [String] {
        // Walk the command path.
        var command = tree
        var index = 0
        while index < words.count,
            let next = (command.subcommands ?? []).first(where: { $0.commandName == words[index] })
        {
            command = next
            index += 1
        }
        let subcommands = (command.subcommands ?? []).map(\.commandName).filter { $0 != "help" }
        if index == 0 && words.isEmpty {
            return subcommands + builtins
        }
        if words.first == "use" || (words.first == "help" && words.count >= 1) {
            return words.first == "use" ? learned.mappingUUIDs : subcommands
        }
        let arguments = command.arguments ?? []
        // The value of the option just before the cursor.
        if index < words.count, let last = words.last,
            let option = arguments.first(where: { $0.kind == .option && ($0.names ?? []).map(\.spelled).contains(last) }
            )
        {
            return values(for: option, partial: partial)
        }
        if !subcommands.isEmpty && !partial.hasPrefix("-") {
            return subcommands
        }
        if partial.hasPrefix("-") {
            return arguments.filter { $0.kind != .positional && $0.shouldDisplay != false }.flatMap {
                ($0.names ?? []).map(\.spelled)
            }
            .filter { $0 != "-h" }
        }
        // A positional argument.
        if let positional = arguments.first(where: { $0.kind == .positional }) {
            return values(for: positional, partial: partial)
        }
        return []
    }

    private func values(for argument: CommandTreeDescription.Argument, partial: String) -> [String] {
        if let all = argument.allValues, !all.isEmpty { return all }
        let name = argument.preferredName?.name ?? ""
        let valueName = (argument.valueName ?? "").lowercased()
        switch name {
        case "profile": return profiles
        case "function", "function-name": return learned.functionNames
        case "cluster": return learned.clusterARNs
        default: break
        }
        if valueName.contains("uuid") { return learned.mappingUUIDs }
        if Self.isFileArgument(name: name, valueName: valueName) { return Self.paths(matching: partial) }
        return []
    }

    static func isFileArgument(name: String, valueName: String) -> Bool {
        valueName.contains("file") || valueName.contains("path") || name.hasSuffix("-json") || name.hasSuffix("-file")
            || ["snapshot", "write", "policy", "boundary", "trust-anchor", "certificate", "private-key"].contains(name)
    }

    /// Entries of the directory named by `partial`, directories with a trailing slash.
    static func paths(matching partial: String) -> [String] {
        let expanded = partial.hasPrefix("~/") ? NSHomeDirectory() + partial.dropFirst(1) : partial
        let directory: String
        let shown: String
        if let slash = expanded.lastIndex(of: "/") {
            directory = String(expanded[...slash])
            shown = String(partial[...(partial.lastIndex(of: "/") ?? partial.startIndex)])
        } else {
            directory = "./"
            shown = ""
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return entries.sorted().filter { !$0.hasPrefix(".") || partial.hasSuffix("/.") || partial.hasPrefix(".") }
            .map { entry in
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: directory + entry, isDirectory: &isDirectory)
                return shown + entry + (isDirectory.boolValue ? "/" : "")
            }
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Profile names from the AWS config and credentials files.
    static func profiles(environment: [String: String]) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let files = [
            environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config",
            environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials",
        ]
        var names: [String] = []
        for file in files {
            guard let text = InputReader.optionalText(atPath: file) else { continue }
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingSpaces()
                guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else { continue }
                var name = trimmed.dropFirst().dropLast().trimmingSpaces()
                if name.hasPrefix("profile ") { name = String(name.dropFirst(8)).trimmingSpaces() }
                if name.hasPrefix("sso-session ") || name.hasPrefix("services ") { continue }
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }
}
