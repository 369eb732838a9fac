import ArgumentParser
import CPOSIXShims
import Foundation
import MSKESMCore

/// `msk-esm repl`: an interactive shell on libedit that runs every msk-esm command.
struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive shell with history and Tab completion that runs every msk-esm command.",
        discussion: """
            Type commands without the msk-esm prefix. `use UUID` sets the mapping that doctor, get, update, \
            delete, enable, disable and wait default to; `unset` forgets it; `status` prints the last exit \
            status; `help [COMMAND]`; `exit`, `quit` or Ctrl-D leave. Ctrl-C cancels the running command. \
            History is kept in ~/.msk-esm_history (MSK_ESM_HISTORY overrides); a line carrying a secret \
            value is never saved.

            With standard input from a pipe or file, commands are read line by line without prompts or \
            colour, and the exit status is that of the last failing command:
              msk-esm repl < steps.txt
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        let console = CommandContext.console
        let environment = ProcessInfo.processInfo.environment
        let session = ReplSession(console: console, sessionArguments: sessionArguments)
        if isatty(STDIN_FILENO) == 1 && console.outputIsTerminal {
            try await interactive(session, environment: environment)
        } else {
            try await piped(session)
        }
    }

    /// The global options given to `repl` itself apply to every command of the session.
    var sessionArguments: [String] {
        var arguments: [String] = []
        if let output = global.outputChoice { arguments += ["--output", output.rawValue] }
        if global.noColor { arguments.append("--no-color") }
        if let color = global.color { arguments += ["--color", color.rawValue] }
        if global.quiet { arguments.append("--quiet") }
        if global.strict { arguments.append("--strict") }
        if global.debug { arguments.append("--debug") }
        if let at = global.at { arguments += ["--at", ISO8601Instant.format(at)] }
        if let query = global.query { arguments += ["--query", query.text] }
        return arguments
    }

    /// Lines are bounded (`LineReader`): endless or binary input ends the session with exit 2.
    private func piped(_ session: ReplSession) async throws {
        var lines = LineReader(descriptor: STDIN_FILENO, source: "standard input")
        while !session.shouldExit, let line = try lines.nextLine() {
            await session.execute(line)
        }
        if session.lastFailingStatus != 0 { throw ExitCode(session.lastFailingStatus) }
    }

    private func interactive(_ session: ReplSession, environment: [String: String]) async throws {
        let historyFile =
            environment["MSK_ESM_HISTORY"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.msk-esm_history"
        mskesm_install_interrupt_counter()
        defer { mskesm_restore_default_interrupt() }
        guard
            let editor = LineEditor(
                historyFile: historyFile,
                complete: { line in
                    session.completer(environment: environment)?.complete(line) ?? .init(insertion: "", candidates: [])
                })
        else {
            throw ToolError.usage("cannot start line editing on this terminal", fix: "pipe the commands in instead")
        }
        while !session.shouldExit {
            switch editor.readLine(prompt: prompt(session, environment: environment)) {
            case .endOfInput:
                CommandContext.console.write("\n")
                return
            case .interrupted:
                continue
            case .line(let line):
                if HistoryPolicy.mayRecord(line) && !ShellWords(line).words.isEmpty { editor.record(line) }
                await Self.runCancellable(line, in: session)
            }
        }
        if session.lastStatus != 0, session.shouldExit { throw ExitCode(session.lastStatus) }
    }

    /// Runs a line; Ctrl-C cancels it and returns to the prompt instead of ending the REPL.
    static func runCancellable(_ line: String, in session: ReplSession) async {
        let interruptsBefore = mskesm_interrupt_count()
        let command = Task { await session.execute(line) }
        let watcher = Task {
            while !Task.isCancelled {
                if mskesm_interrupt_count() != interruptsBefore {
                    command.cancel()
                    return
                }
                try? await Task.sleep(nanoseconds: 50_000_000)
            }
        }
        _ = await command.value
        watcher.cancel()
    }

    /// `msk-esm [profile region 6d9bce8e]> `, with the parts that are known.
    func prompt(_ session: ReplSession, environment: [String: String]) -> String {
        var parts: [String] = []
        if let profile = environment["AWS_PROFILE"], !profile.isEmpty { parts.append(profile) }
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"], !region.isEmpty {
            parts.append(region)
        }
        if let mapping = session.currentMapping { parts.append(String(mapping.prefix(8))) }
        let context = parts.isEmpty ? "" : " [" + parts.joined(separator: " ") + "]"
        // No colour in the prompt: libedit would count the escape codes as printed columns.
        return "msk-esm\(context)> "
    }
}
