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
    /// How wide stdout's terminal is, as the AWS CLI asks it for `--output table` (80 when stdout is not one).
    public let outputColumns: Int

    public init(
        output: @escaping (String) -> Void, error: @escaping (String) -> Void, outputIsTerminal: Bool = false,
        errorIsTerminal: Bool = false, outputColumns: Int = 80
    ) {
        self.outputSink = output
        self.errorSink = error
        self.outputIsTerminal = outputIsTerminal
        self.errorIsTerminal = errorIsTerminal
        self.outputColumns = outputColumns
    }

    /// The width help is wrapped to, as argument-parser finds it: `COLUMNS`, else the terminal's, else 80.
    static func terminalColumns() -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        return stdoutTerminalColumns() ?? 80
    }

    /// stdout's terminal width from the terminal itself (TIOCGWINSZ), or nil when stdout is not a terminal.
    /// `--output table` uses this alone, as AWS CLI v1 does (it does not read `COLUMNS`), and takes a width of
    /// 0 as the terminal reports it.
    static func stdoutTerminalColumns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes the text's UTF-8 bytes where they are: `Data(text.utf8)` copied them first, 4.4 MB for the
    /// document of `lint --output json` on a 500-resource template (Benchmarks/cases/lint-500.sh).
    static func write(_ text: String, to handle: FileHandle) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            handle.write(
                Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }

    /// The process's own stdout and stderr.
    public static func standard() -> Console {
        Console(
            output: { write($0, to: .standardOutput) }, error: { write($0, to: .standardError) },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1, errorIsTerminal: isatty(STDERR_FILENO) == 1,
            outputColumns: stdoutTerminalColumns() ?? 80)
    }

    public func write(_ text: String) {
        lock.withLock { outputSink(text) }
    }

    public func writeError(_ text: String) {
        lock.withLock { errorSink(text) }
    }

    /// The one-line error format (docs/output.md#errors).
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

    /// How `--output table` is coloured: as the AWS CLI's `ColorizedStyler` when text may carry colour.
    public func tableStyle(_ options: GlobalOptions) -> AWSCLITable.Style {
        AWSCLITable.Style(colored: colorEnabled(options), toTerminal: outputIsTerminal)
    }
}
