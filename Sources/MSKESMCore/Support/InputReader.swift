import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a user-named input (a file path, or `-` for standard input) with the limits of DESIGN §5:
/// at most 1 MiB, and text must be UTF-8. Failures are `ToolError`s naming the input.
public enum InputReader {
    /// The largest input any command reads.
    public static let maximumSize = 1 << 20

    /// Reads raw bytes. `label` names the input in errors (e.g. "--policy").
    public static func data(from path: String, label: String? = nil) throws -> Data {
        let name = path == "-" ? "standard input" : path
        let input = label.map { "\($0) \(name)" } ?? name
        let descriptor: Int32
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ToolError.usage("file not found", input: input, fix: "check the path")
            }
            if isDirectory.boolValue {
                throw ToolError.usage("is a directory", input: input, fix: "name a file")
            }
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw ToolError.usage("cannot read the file", input: input, fix: "check its permissions")
            }
        }
        defer { if path != "-" { close(descriptor) } }
        guard let bytes = readLimited(descriptor) else {
            throw ToolError.usage("cannot read the input", input: input, fix: "check that it is a readable file")
        }
        let data = Data(bytes)
        if data.count > maximumSize {
            throw ToolError.usage(
                "larger than 1 MiB", input: input, fix: "give the file itself, not an archive or a log holding it")
        }
        if data.isEmpty {
            throw ToolError.usage("empty input", input: input, fix: "give a file with content")
        }
        return data
    }

    /// The UTF-8 text of a file that may legitimately be absent (the AWS config and credentials files, a
    /// web identity or container token file): nil when it does not exist, cannot be read, is larger than
    /// `maximumSize` or is not UTF-8. Plain POSIX reads, like `data(from:)`: Foundation's
    /// `String(contentsOfFile:)` leaks on Linux (LeakSanitizer).
    public static func optionalText(atPath path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let bytes = readLimited(descriptor), bytes.count <= maximumSize else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Reads to the end of `descriptor`, but at most one byte past `maximumSize` (so that an oversized
    /// input is detected without reading all of it); nil on a read error (e.g. EISDIR).
    static func readLimited(_ descriptor: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        while bytes.count <= maximumSize {
            let wanted = min(1 << 16, maximumSize + 1 - bytes.count)
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
                var result: Int
                repeat { result = read(descriptor, buffer.baseAddress, wanted) } while result < 0 && errno == EINTR
                failed = result < 0
                count = max(result, 0)
            }
            if failed { return nil }
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return bytes
    }

    /// Reads UTF-8 text.
    public static func text(from path: String, label: String? = nil) throws -> String {
        let data = try data(from: path, label: label)
        if let offset = invalidUTF8Offset(in: data) {
            let name = path == "-" ? "standard input" : path
            throw notUTF8(offset: offset, input: label.map { "\($0) \(name)" } ?? name)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or nil when all of `data` is.
    public static func invalidUTF8Offset(in data: Data) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The error for input that is not UTF-8, naming the offset of the first bad byte.
    public static func notUTF8(offset: Int, input: String) -> ToolError {
        ToolError.usage(
            "not UTF-8 text: invalid byte at offset \(offset)", input: input,
            fix: "give a UTF-8 text file (PEM or JSON), not DER or another encoding or binary format")
    }
}
