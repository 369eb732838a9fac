import Foundation

/// The problems of a previous `doctor --all` report (`--output json` or `--output jsonl`), read for
/// `doctor --all --baseline FILE` (docs/output.md, "Changes since a baseline").
///
/// The file is read as a stream, 1 MiB at a time, whatever its size: only one mapping document is held at once
/// (at most `documentLimit` bytes), and what is kept is the keys of its problems. A jsonl report is a sequence
/// of mapping documents; a json report is one document whose `mappings` array is read element by element.
public struct ReportBaseline: Sendable {
    /// The problems the baseline report holds.
    public private(set) var problems: Set<BaselineFindingKey> = []
    /// How many mapping documents the report holds.
    public private(set) var mappingCount = 0

    /// The largest single mapping document read (a whole report may be any size): 64 MiB.
    public static let documentLimit = 64 << 20

    /// Reads the report at `path`.
    /// - Parameter path: the report file (`--baseline`).
    /// - Throws: `ToolError` (exit 2) when the file cannot be read or is not a `doctor --all` report.
    public init(path: String) throws {
        // Opened as every input is (a FIFO, a device or a directory is refused, never waited on), then read
        // as a stream: a baseline report has no size limit.
        let descriptor = try InputReader.openInput(path, input: "--baseline \(path == "-" ? "standard input" : path)")
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: path != "-")
        var scanner = ReportDocumentScanner()
        var found = false
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try scanner.feed(chunk) { document in
                    guard document["uuid"] != nil else { return }
                    found = true
                    mappingCount += 1
                    problems.formUnion(BaselineFindingKey.problems(in: document))
                }
            }
            try scanner.finish()
        } catch let error as ReportDocumentScanner.ScanError {
            throw Self.error("the baseline is not a doctor report (\(error.reason))", path, Self.fix)
        } catch let error as ToolError {
            throw error
        } catch {
            throw Self.error("cannot read the baseline report (\(error.localizedDescription))", path, Self.fix)
        }
        if !found { throw Self.error("the baseline holds no mapping documents", path, Self.fix) }
    }

    private static let fix =
        "give a report written by msk-esm doctor --all --output json (or --output jsonl) without --query"

    private static func error(_ what: String, _ path: String, _ fix: String) -> ToolError {
        ToolError.usage(what, input: "--baseline \(path)", fix: fix)
    }
}

/// Splits a stream of JSON text into the mapping documents of a doctor report: each top-level object (a jsonl
/// line), except that a top-level object's `mappings` array is split into its elements instead of being
/// collected whole. Only the bytes of the document being read are kept.
struct ReportDocumentScanner {
    struct ScanError: Error { var reason: String }

    private var depth = 0
    private var inString = false
    private var escaped = false
    /// The bytes of the document being collected, and the depth it started at.
    private var buffer: [UInt8] = []
    private var collectingFrom: Int?
    /// The last string closed at depth 1 and the key of the member being read there.
    private var stringStart = 0
    private var lastKey: [UInt8] = []
    private var keyBytes: [UInt8] = []
    private var memberKey: [UInt8] = []
    /// The depth of the `mappings` array's contents, while inside it.
    private var mappingsDepth: Int?
    private var offset = 0

    private static let mappingsKey = Array("mappings".utf8)

    mutating func feed(_ data: Data, _ emit: (JSONValue) throws -> Void) throws {
        for byte in data {
            offset += 1
            if collectingFrom != nil {
                buffer.append(byte)
                if buffer.count > ReportBaseline.documentLimit {
                    throw ScanError(reason: "a document larger than 64 MiB at byte \(offset)")
                }
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 { lastKey = keyBytes }
                } else if depth == 1 {
                    keyBytes.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                keyBytes = []
            case UInt8(ascii: ":") where depth == 1:
                memberKey = lastKey
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 {
                    guard byte == UInt8(ascii: "{") else { throw ScanError(reason: "a top-level array") }
                    collectingFrom = 0
                    buffer = [byte]
                    memberKey = []
                } else if depth == 1 && byte == UInt8(ascii: "[") && memberKey == Self.mappingsKey {
                    // A json report: its elements are the documents, the report itself is not kept.
                    mappingsDepth = 2
                    collectingFrom = nil
                    buffer = []
                } else if let mappingsDepth, depth == mappingsDepth, byte == UInt8(ascii: "{") {
                    collectingFrom = depth
                    buffer = [byte]
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { throw ScanError(reason: "an unbalanced bracket at byte \(offset)") }
                depth -= 1
                if depth == mappingsDepth.map({ $0 - 1 }) { mappingsDepth = nil }
                if let start = collectingFrom, depth == start {
                    collectingFrom = nil
                    let document: JSONValue
                    do {
                        document = try JSONParser.parse(Data(buffer))
                    } catch {
                        throw ScanError(reason: "invalid JSON before byte \(offset)")
                    }
                    buffer = []
                    try emit(document)
                }
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            default:
                if depth == 0 { throw ScanError(reason: "text outside a JSON object at byte \(offset)") }
            }
        }
    }

    /// Checks that the stream ended between documents.
    func finish() throws {
        if depth != 0 || inString { throw ScanError(reason: "the report ends inside a document") }
    }
}
