import Foundation
import MSKESMCore

#if canImport(Glibc)
    import Glibc
#endif

/// Where a command's output goes. The only place in the project that writes to stdout and stderr, so the
/// REPL and the tests can capture it.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private var outputSink: (String) -> Void
    private var errorSink: (String) -> Void
    /// Whether stdout is a terminal (colour, progress lines).
    public let outputIsTerminal: Bool
    public let errorIsTerminal: Bool

    public init(
        output: @escaping (String) -> Void, error: @escaping (String) -> Void, outputIsTerminal: Bool = false,
        errorIsTerminal: Bool = false
    ) {
        self.outputSink = output
        self.errorSink = error
        self.outputIsTerminal = outputIsTerminal
        self.errorIsTerminal = errorIsTerminal
    }

    /// The process's own stdout and stderr.
    /// The width help is wrapped to, as argument-parser finds it: `COLUMNS`, the terminal's, else 80.
    static func terminalColumns() -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    public static func standard() -> Console {
        Console(
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            error: { FileHandle.standardError.write(Data($0.utf8)) },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1, errorIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    public func write(_ text: String) {
        lock.withLock { outputSink(text) }
    }

    public func writeError(_ text: String) {
        lock.withLock { errorSink(text) }
    }

    /// The one-line error format of DESIGN §5.
    public func report(_ error: ToolError) {
        writeError("msk-esm: error: \(error.description)\n")
    }

    /// Whether text on stdout may carry colour: `--color on`; or a terminal, no `--no-color` or `--color off`, no
    /// `NO_COLOR`, not `TERM=dumb`.
    public func colorEnabled(_ options: GlobalOptions) -> Bool {
        if options.color == .on { return true }
        guard outputIsTerminal, !options.noColor, options.color != .off else { return false }
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }
}
