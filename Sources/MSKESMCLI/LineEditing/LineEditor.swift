import CEdit
import CEditShims
import Foundation
import MSKESMCore

/// Interactive line input on libedit: emacs keys by default (vi if `~/.editrc` says `bind -v`), a
/// bounded history file, and Tab completion through a Swift callback. The only place that touches
/// libedit's pointers.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C at the prompt: the line is dropped, the REPL asks again.
        case interrupted
        /// Ctrl-D on an empty line.
        case endOfInput
    }

    /// What Tab does: insert text at the cursor, and optionally list the candidates.
    struct Completion: Equatable {
        var insertion: String
        var candidates: [String]
    }

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    private let complete: (String) -> Completion
    /// Set by the Ctrl-C binding; the line it ends is dropped.
    fileprivate var lineCancelled = false

    /// - Parameters:
    ///   - historyFile: where history is loaded from and saved to; nil keeps it in memory only.
    ///   - historySize: the most lines kept.
    ///   - complete: given the line up to the cursor, what to insert.
    init?(historyFile: String?, historySize: Int32 = 1000, complete: @escaping (String) -> Completion) {
        guard let editLine = mskesm_el_init("msk-esm"), let history = history_init() else { return nil }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        self.complete = complete
        var event = HistEvent()
        mskesm_history_setsize(history, &event, historySize)
        // Consecutive duplicates are collapsed into one entry.
        mskesm_history_setunique(history, &event, 1)
        if let historyFile { mskesm_history_load(history, &event, historyFile) }
        mskesm_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        mskesm_el_set_editor(editLine, "emacs")
        mskesm_el_set_history(editLine, history)
        mskesm_el_set_prompt(editLine, lineEditorPrompt)
        mskesm_el_set_signal(editLine, 1)
        mskesm_el_set_addfn(editLine, "msk-esm-complete", "Complete msk-esm words", lineEditorComplete)
        mskesm_el_bind(editLine, "^I", "msk-esm-complete")
        // Ctrl-C at the prompt drops the line and asks again, as shells do.
        mskesm_el_disable_tty_signals(editLine)
        mskesm_el_set_addfn(editLine, "msk-esm-cancel", "Drop the line", lineEditorCancel)
        mskesm_el_bind(editLine, "^C", "msk-esm-cancel")
        // The user's ~/.editrc may switch to vi mode or rebind keys.
        el_source(editLine, nil)
    }

    deinit {
        el_end(editLine)
        history_end(history)
        promptBuffer.map { free($0) }
    }

    func readLine(prompt: String) -> Input {
        promptBuffer.map { free($0) }
        promptBuffer = strdup(prompt)
        lineCancelled = false
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            return count < 0 ? .interrupted : .endOfInput
        }
        if lineCancelled {
            FileHandle.standardOutput.write(Data("\n".utf8))
            return .interrupted
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a line to the history and saves the file at once, so a crash loses nothing. The file is
    /// written beside itself and renamed into place with mode 0600.
    func record(_ line: String) {
        var event = HistEvent()
        mskesm_history_enter(history, &event, line)
        guard let historyFile else { return }
        let temporary = historyFile + ".tmp-\(getpid())"
        if mskesm_history_save(history, &event, temporary) >= 0 {
            chmod(temporary, 0o600)
            if rename(temporary, historyFile) != 0 { unlink(temporary) }
        } else {
            unlink(temporary)
        }
    }

    fileprivate var currentPrompt: UnsafeMutablePointer<CChar>? { promptBuffer }

    fileprivate func completeAtCursor() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let start = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let length = start.distance(to: cursor)
        let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(start), count: max(0, length))
        let beforeCursor = String(decoding: bytes, as: UTF8.self)
        let completion = complete(beforeCursor)
        if !completion.insertion.isEmpty {
            el_insertstr(editLine, completion.insertion)
        }
        if completion.candidates.count > 1 && completion.insertion.isEmpty {
            FileHandle.standardOutput.write(Data(("\n" + Self.columns(completion.candidates) + "\n").utf8))
            return UInt8(CC_REDISPLAY)
        }
        return completion.insertion.isEmpty ? UInt8(CC_ERROR) : UInt8(CC_REFRESH)
    }

    /// Candidates laid out in columns of an 80-character screen. Candidates include values learned from
    /// AWS answers (function names): control characters are shown escaped.
    static func columns(_ candidates: [String]) -> String {
        let candidates = candidates.map { $0.escapingControlCharacters() }
        let width = (candidates.map(\.count).max() ?? 0) + 2
        let perRow = max(1, 80 / width)
        var rows: [String] = []
        var row = ""
        for (index, candidate) in candidates.enumerated() {
            row += candidate.padding(toLength: width, withPad: " ", startingAt: 0)
            if (index + 1) % perRow == 0 {
                rows.append(row.trimmingSpaces())
                row = ""
            }
        }
        if !row.isEmpty { rows.append(row.trimmingSpaces()) }
        return rows.joined(separator: "\n")
    }
}

private func editor(_ editLine: OpaquePointer?) -> LineEditor? {
    guard let editLine, let data = mskesm_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
}

private let lineEditorPrompt: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { editLine in
    editor(editLine)?.currentPrompt
}

private let lineEditorCancel: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
    editor(editLine)?.lineCancelled = true
    FileHandle.standardOutput.write(Data("^C".utf8))
    return UInt8(CC_NEWLINE)
}

private let lineEditorComplete: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
    editor(editLine)?.completeAtCursor() ?? UInt8(CC_ERROR)
}
