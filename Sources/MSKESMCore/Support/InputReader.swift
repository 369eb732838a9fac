import Foundation

/// Reads a user-named input (a file path, or `-` for standard input) with the limits of DESIGN §5:
/// at most 1 MiB, and text must be UTF-8. Failures are `ToolError`s naming the input.
public enum InputReader {
    /// The largest input any command reads.
    public static let maximumSize = 1 << 20

    /// Reads raw bytes. `label` names the input in errors (e.g. "--policy").
    public static func data(from path: String, label: String? = nil) throws -> Data {
        let name = path == "-" ? "standard input" : path
        let input = label.map { "\($0) \(name)" } ?? name
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ToolError.usage("file not found", input: input, fix: "check the path")
            }
            if isDirectory.boolValue {
                throw ToolError.usage("is a directory", input: input, fix: "name a file")
            }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw ToolError.usage("cannot read the file", input: input, fix: "check its permissions")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        // Read one byte past the limit so an oversized input is detected without reading all of it.
        let data: Data
        do {
            data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw ToolError.usage("cannot read the input", input: input, fix: "check that it is a readable file")
        }
        if data.count > maximumSize {
            throw ToolError.usage(
                "larger than 1 MiB", input: input, fix: "give the file itself, not an archive or a log holding it")
        }
        if data.isEmpty {
            throw ToolError.usage("empty input", input: input, fix: "give a file with content")
        }
        return data
    }

    /// Reads UTF-8 text.
    public static func text(from path: String, label: String? = nil) throws -> String {
        let data = try data(from: path, label: label)
        guard let text = String(data: data, encoding: .utf8) else {
            let name = path == "-" ? "standard input" : path
            throw ToolError.usage(
                "not UTF-8 text", input: label.map { "\($0) \(name)" } ?? name,
                fix: "give a text file (PEM or JSON), not DER or another binary format")
        }
        return text
    }
}
