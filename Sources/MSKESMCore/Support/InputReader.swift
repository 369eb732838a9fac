import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a user-named input with the limits the README states: a regular file, or a stream (`-` for
/// standard input, `/dev/fd/N` from the shell's `<(command)`), at most 1 MiB (64 MiB for event files), and text
/// must be UTF-8.
/// Failures are `ToolError`s naming the input. Every command reads its input files here, so what is
/// accepted is decided once, in `openInput`.
package enum InputReader {
    /// The largest snapshot, secret, policy or request file a command reads.
    package static let maximumSize = 1 << 20

    /// How large an input may be: 1 MiB for what people write or the tool writes (snapshots, secrets,
    /// policies, requests), 64 MiB for Kafka event files (`event decode`, `filter test`: a batch of up to 10,000
    /// records as Lambda delivers it is several MiB) and for templates and plans, which generators make large
    /// (`msk-esm lint`).
    package enum Limit: Sendable {
        case standard, event, template

        /// The limit in bytes.
        package var bytes: Int { self == .standard ? InputReader.maximumSize : 64 << 20 }
        /// The limit for people.
        package var text: String { "\(bytes >> 20) MiB" }
    }

    /// Reads raw bytes, at most `limit` of them. `label` names the input in errors (e.g. "--policy").
    package static func data(from path: String, label: String? = nil, limit: Limit = .standard) throws -> Data {
        let name = path == "-" ? "standard input" : path
        let input = label.map { "\($0) \(name)" } ?? name
        let descriptor = try openInput(path, input: input)
        defer { if path != "-" { close(descriptor) } }
        guard let bytes = readLimited(descriptor, limit: limit.bytes) else {
            throw ToolError.usage(
                .inputUnreadable, "cannot read the input", input: input, fix: "check that it is a readable file")
        }
        let data = Data(bytes)
        if data.count > limit.bytes {
            throw ToolError.usage(
                .inputTooLarge, "larger than \(limit.text)", input: input,
                fix: "give the file itself, not an archive or a log holding it")
        }
        if data.isEmpty {
            throw ToolError.usage(.inputEmpty, "empty input", input: input, fix: "give a file with content")
        }
        return data
    }

    /// The UTF-8 text of a file that may legitimately be absent (the AWS config and credentials files, a
    /// web identity or container token file): nil when it does not exist, cannot be read, is not a file
    /// `data(from:)` would accept (a named FIFO would block the read forever), is larger than
    /// `maximumSize` or is not UTF-8. Plain POSIX reads, like `data(from:)`: Foundation's
    /// `String(contentsOfFile:)` leaks on Linux (LeakSanitizer).
    package static func optionalText(atPath path: String) -> String? {
        guard path != "-", let descriptor = try? openInput(path, input: path) else { return nil }
        defer { close(descriptor) }
        guard let bytes = readLimited(descriptor), bytes.count <= maximumSize else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Opens a named input for reading, deciding by what it is rather than by its name alone:
    /// - `-` is standard input, read as a stream;
    /// - a regular file is read by path;
    /// - a path naming a descriptor this process already holds (`/dev/stdin`, `/dev/fd/N`,
    ///   `/proc/self/fd/N`: what the shell's `<(command)` passes) is read as a stream, whatever it is;
    /// - anything else — a named FIFO, a socket, a device, a directory — is refused (exit 2) without being
    ///   opened. A FIFO with no writer would block the read forever, and a device such as `/dev/zero` never
    ///   ends. The path is opened with O_NONBLOCK, and the opened descriptor's type checked again (fstat),
    ///   so that a FIFO put in the file's place meanwhile is refused too instead of blocking the open.
    static func openInput(_ path: String, input: String) throws -> Int32 {
        if path == "-" { return STDIN_FILENO }
        let stream = namesOpenDescriptor(path)
        func refuse(_ kind: FileKind) -> ToolError {
            if kind == .directory {
                return ToolError.usage(.inputUnreadable, "is a directory", input: input, fix: "name a file")
            }
            return ToolError.usage(
                .inputUnreadable, "\(kind.phrase), not a regular file", input: input, fix: acceptedInputs)
        }
        var status = stat()
        if !stream, stat(path, &status) == 0, FileKind(mode: status.st_mode) != .regular {
            throw refuse(FileKind(mode: status.st_mode))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR:
                throw ToolError.usage(.inputNotFound, "file not found", input: input, fix: "check the path")
            case ENXIO: throw refuse(.socket)  // what open() says of a Unix socket
            case ENAMETOOLONG:
                throw ToolError.usage(.inputNotFound, "the path is too long", input: input, fix: "check the path")
            case EACCES:
                throw ToolError.usage(
                    .inputUnreadable, "cannot read the file", input: input, fix: "check its permissions")
            default:
                throw ToolError.usage(
                    .inputUnreadable, "cannot read the file: \(String(cString: strerror(code)))", input: input,
                    fix: "check the path")
            }
        }
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw ToolError.usage(.inputUnreadable, "cannot read the file", input: input, fix: "check its permissions")
        }
        guard stream || FileKind(mode: status.st_mode) == .regular else {
            close(descriptor)
            throw refuse(FileKind(mode: status.st_mode))
        }
        // Streams are read with blocking reads: a pipe's writer may be slower than this reader.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    private static let acceptedInputs =
        "give a regular file; to read a stream, use - (standard input) or <(command), which passes /dev/fd/N"

    /// `/dev/stdin`, `/dev/fd/N` or `/proc/self/fd/N`: a descriptor the caller handed over already open.
    static func namesOpenDescriptor(_ path: String) -> Bool {
        if path == "/dev/stdin" { return true }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            let number = path.dropFirst(prefix.count)
            return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }

    /// Reads to the end of `descriptor`, but at most one byte past `limit` (so that an oversized
    /// input is detected without reading all of it); nil on a read error (e.g. EISDIR).
    static func readLimited(_ descriptor: Int32, limit: Int = maximumSize) -> [UInt8]? {
        var bytes: [UInt8] = []
        // A regular file says its size: one allocation, and large reads, instead of growing 64 KiB at a time.
        var status = stat()
        if fstat(descriptor, &status) == 0, FileKind(mode: status.st_mode) == .regular {
            bytes.reserveCapacity(min(Int(status.st_size), limit) + 1)
        }
        let chunkSize = bytes.capacity > 1 << 20 ? 1 << 20 : 1 << 16
        while bytes.count <= limit {
            let wanted = min(chunkSize, limit + 1 - bytes.count)
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
    package static func text(from path: String, label: String? = nil) throws -> String {
        let data = try data(from: path, label: label)
        if let offset = invalidUTF8Offset(in: data) {
            let name = path == "-" ? "standard input" : path
            throw notUTF8(offset: offset, input: label.map { "\($0) \(name)" } ?? name)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or nil when all of `data` is.
    package static func invalidUTF8Offset(in data: Data) -> Int? {
        // The standard library validates a contiguous buffer many bytes at a time; the scalar-by-scalar scan
        // below, through Data's iterator, costs about a millisecond per 100 KB and only runs to find the offset.
        let valid = data.withUnsafeBytes { raw in
            String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) != nil
        }
        if valid { return nil }
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
    package static func notUTF8(offset: Int, input: String) -> ToolError {
        ToolError.usage(
            .inputNotText, "not UTF-8 text: invalid byte at offset \(offset)", input: input,
            fix: "give a UTF-8 text file (PEM or JSON), not DER or another encoding or binary format")
    }
}
