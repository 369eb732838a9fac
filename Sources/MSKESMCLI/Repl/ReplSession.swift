import Foundation
import MSKESMCore

/// The state of one REPL session and what a line does: a builtin (`use`, `unset`, `status`, `help`,
/// `sleep`, `exit`) or an msk-esm command run in-process with exactly the shell's parsing and output.
/// Knows nothing of terminals, so piped scripts, the interactive loop and the tests share it.
/// Unchecked Sendable: one line runs at a time (the loop awaits each before reading the next); the only
/// concurrent party is the interrupt watcher, which touches nothing here.
final class ReplSession: @unchecked Sendable {
    static let builtins = ["use", "unset", "status", "help", "sleep", "exit", "quit"]

    /// Commands whose positional argument is a mapping UUID: `use` makes it their default.
    static let mappingCommands: Set<String> = [
        "doctor", "get", "update", "delete", "enable", "disable", "wait", "snapshot",
    ]

    private(set) var currentMapping: String?
    private(set) var lastStatus: Int32 = 0
    /// The status of the last command that failed, for the exit status of a piped script.
    private(set) var lastFailingStatus: Int32 = 0
    private(set) var shouldExit = false
    private(set) var learned = LearnedValues()
    let console: Console
    /// Arguments given to `msk-esm repl` itself (e.g. `--profile prod`), added to every command.
    let sessionArguments: [String]
    let tree: CommandTreeDescription.Command?

    init(console: Console, sessionArguments: [String] = []) {
        self.console = console
        self.sessionArguments = sessionArguments
        self.tree = CommandTreeDescription.of(MSKESM.self)?.command
    }

    /// Runs one line; returns its exit status, or nil for a blank or comment line.
    @discardableResult
    func execute(_ line: String) async -> Int32? {
        let parsed = ShellWords(line)
        guard !parsed.words.isEmpty else { return nil }
        if parsed.unterminatedQuote {
            return finish(
                fail(ToolError.usage("unterminated quote", input: line.count > 60 ? nil : line, fix: "close the quote"))
            )
        }
        var words = parsed.words
        if words[0] == "msk-esm" {
            // Typed out of habit: the REPL runs msk-esm commands, so the word is dropped, with a word why.
            console.writeError("(no need to type msk-esm here: the REPL runs its commands directly)\n")
            words.removeFirst()
            guard !words.isEmpty else { return nil }
        }
        let status: Int32
        switch words[0] {
        case "exit", "quit":
            shouldExit = true
            if words.count > 1, let code = Int32(words[1]) { return finish(code) }
            return nil
        case "use":
            status = use(Array(words.dropFirst()))
        case "unset":
            currentMapping = nil
            status = 0
        case "status":
            console.write("\(lastStatus)\n")
            return lastStatus
        case "help":
            status = await help(Array(words.dropFirst()))
        case "sleep":
            status = await sleep(Array(words.dropFirst()))
        case "repl":
            status = fail(ToolError.usage("already in the REPL", fix: "type a command, or exit"))
        case "mcp":
            // The server would read the REPL's own input as protocol messages.
            status = fail(
                ToolError.usage("mcp serves on standard input: start it as its own process", fix: "msk-esm mcp"))
        default:
            status = await run(words)
        }
        return finish(status)
    }

    private func finish(_ status: Int32) -> Int32 {
        lastStatus = status
        if status != 0 { lastFailingStatus = status }
        return status
    }

    private func fail(_ error: ToolError) -> Int32 {
        console.report(error)
        return error.exitCode
    }

    private func use(_ arguments: [String]) -> Int32 {
        guard arguments.count == 1, let uuid = arguments.first else {
            return fail(.usage("use takes one mapping UUID", fix: "use 6d9bce8e-…  (see `list`)"))
        }
        guard LearnedValues.isMappingUUID(uuid) else {
            return fail(.usage("not a mapping UUID", input: uuid, fix: "give the UUID that `list` shows"))
        }
        currentMapping = uuid.lowercased()
        learned.learnMapping(uuid)
        return 0
    }

    private func help(_ arguments: [String]) async -> Int32 {
        if arguments.isEmpty {
            let status = await run(["--help"])
            console.write(
                """

                REPL commands:
                  use UUID      make UUID the default mapping of doctor, get, update, delete, enable, disable, wait
                  unset         forget the default mapping
                  status        print the exit status of the last command
                  sleep SECONDS wait (Ctrl-C stops it)
                  help [CMD]    this text, or the help of a command
                  exit, quit    leave (also Ctrl-D)

                """)
            return status
        }
        guard let command = tree?.subcommands?.first(where: { $0.commandName == arguments[0] }) else {
            return fail(.usage("no such command", input: "help \(arguments[0])", fix: "type help to list the commands"))
        }
        if arguments.count > 1, !(command.subcommands ?? []).contains(where: { $0.commandName == arguments[1] }) {
            return fail(
                .usage(
                    "no such command", input: "help \(arguments.prefix(2).joined(separator: " "))",
                    fix: "type help \(arguments[0]) to list its commands"))
        }
        return await run(arguments + ["--help"])
    }

    private func sleep(_ arguments: [String]) async -> Int32 {
        guard arguments.count == 1, let seconds = Double(arguments[0]), seconds >= 0, seconds <= 86_400 else {
            return fail(.usage("sleep takes a number of seconds", fix: "sleep 5"))
        }
        do {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return 0
        } catch {
            return fail(ToolError(.interrupted, "interrupted", fix: ""))
        }
    }

    /// Runs an msk-esm command line through the same entry point as the shell, teeing its stdout so
    /// that UUIDs, function names and cluster ARNs can be offered by completion later.
    private func run(_ words: [String]) async -> Int32 {
        // The command first, global options after it, so that `--region r doctor` gets the current mapping too.
        var arguments = CommandLineArguments.placingGlobalOptions(words)
        if let currentMapping, Self.mappingCommands.contains(arguments[0]), !hasPositional(arguments) {
            arguments.insert(currentMapping, at: 1)
        }
        arguments += sessionArguments
        let captured = OutputCapture()
        let tee = Console(
            output: { [console] text in
                console.write(text)
                captured.append(text)
            }, error: { [console] text in console.writeError(text) },
            outputIsTerminal: console.outputIsTerminal, errorIsTerminal: console.errorIsTerminal)
        let status = await CommandContext.$inREPL.withValue(true) {
            await CommandLineEntry.run(arguments, console: tee)
        }
        learned.learn(fromOutput: captured.text)
        return status
    }

    /// Whether the command line already names a positional argument (or an alternative input such as
    /// `--snapshot`, `--function` or `--all` that replaces the UUID).
    private func hasPositional(_ words: [String]) -> Bool {
        guard let tree, let command = tree.subcommands?.first(where: { $0.commandName == words[0] }) else {
            return true
        }
        let arguments = command.arguments ?? []
        let valueOptions = Set(
            arguments.filter { $0.kind == .option }.flatMap { ($0.names ?? []).map(\.spelled) })
        let replacements: Set<String> = [
            "--snapshot", "--function", "--all", "--all-regions", "--cli-input-json", "--uuid",
        ]
        var index = 1
        while index < words.count {
            let word = words[index]
            if replacements.contains(word.split(separator: "=").first.map(String.init) ?? word) { return true }
            if word.hasPrefix("-") {
                if valueOptions.contains(word) { index += 1 }
            } else {
                return true
            }
            index += 1
        }
        return false
    }

    /// The completion state for this moment of the session.
    func completer(environment: [String: String]) -> ReplCompleter? {
        guard let tree else { return nil }
        return ReplCompleter(
            tree: tree, learned: learned, profiles: ReplCompleter.profiles(environment: environment),
            builtins: Self.builtins)
    }
}

/// A thread-safe text buffer.
final class OutputCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var text_ = ""
    func append(_ more: String) { lock.withLock { text_ += more } }
    var text: String { lock.withLock { text_ } }
}
