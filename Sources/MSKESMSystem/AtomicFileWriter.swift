import CPOSIXShims
import Foundation
import MSKESMCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that an interrupted command never leaves a half-written one: the bytes go to a
/// temporary file in the same directory (created with the final mode, so private material is never
/// readable by others, even briefly), which is then renamed over the target. Termination signals (Ctrl-C,
/// SIGTERM, SIGHUP) that arrive meanwhile take effect right after the file is in place or removed, so no
/// temporary file holding private material is ever left behind; a write over the file size limit fails
/// cleanly instead of killing the process (SIGXFSZ).
///
/// Only a regular file is ever replaced. A symbolic link is refused (exit 2, naming the link), with or
/// without `--force`: renaming over it would replace the link, not the file it points to, and writing
/// through it could put private material wherever the link leads. A device, a named pipe, a socket or a
/// directory is refused too: `--force` must never turn `/dev/…` or a FIFO into a file holding a key.
public enum AtomicFileWriter {
    /// Checks that `path` may be written, without writing: a name is given, no symbolic link or non-regular
    /// file is there, an existing file only with `overwrite`, and the directory exists. `write` checks the
    /// same; commands call this first so that a bad target fails before any work (or AWS call) is done.
    /// - Parameters:
    ///   - path: the file that would be written.
    ///   - overwrite: whether an existing regular file may be replaced.
    ///   - label: the flag that named the path, for errors (e.g. "--write").
    public static func checkTarget(_ path: String, overwrite: Bool, label: String = "--write") throws {
        guard !path.isEmpty else {
            throw ToolError.usage(
                .outputNotWritable, "no file named", input: "\(label) ''",
                fix: "name the file to write, or - for standard output")
        }
        let input = "\(label) \(path)"
        if let kind = FileKind.ofEntry(at: path) {
            switch kind {
            case .regular:
                if !overwrite {
                    throw ToolError.usage(
                        .outputNotWritable, "the file exists", input: input,
                        fix: "choose another path, or add --force to replace it")
                }
            case .symbolicLink:
                throw ToolError.usage(
                    .outputNotWritable, "is a symbolic link", input: input,
                    fix:
                        "name the file it points to (or - for standard output): a link is never replaced or written through"
                )
            case .directory:
                throw ToolError.usage(.outputNotWritable, "is a directory", input: input, fix: "name a file inside it")
            default:
                throw ToolError.usage(
                    .outputNotWritable, "\(kind.phrase), not a regular file", input: input,
                    fix: "name a regular file (--force replaces only regular files), or use - for standard output")
            }
        }
        var isDirectory: ObjCBool = false
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ToolError.usage(
                .outputNotWritable, "the directory does not exist", input: input, fix: "create the directory first")
        }
    }

    /// - Parameters:
    ///   - data: the file's whole new content.
    ///   - path: the file to write.
    ///   - mode: permission bits, e.g. `0o600` for private material.
    ///   - overwrite: replace an existing regular file; without it an existing file is an error.
    ///   - label: the flag that named the path, for errors.
    public static func write(
        _ data: Data, to path: String, mode: mode_t = 0o644, overwrite: Bool, label: String = "--write"
    ) throws {
        try checkTarget(path, overwrite: overwrite, label: label)
        let input = "\(label) \(path)"
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        mskesm_defer_termination_begin()
        defer { mskesm_defer_termination_end() }
        var template = Array((directory + "/.\(url.lastPathComponent).tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ToolError.usage(
                .outputNotWritable, "cannot create a file in the directory", input: input, fix: "check its permissions")
        }
        let temporaryPath = String(
            decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var finished = false
        defer {
            if !finished { unlink(temporaryPath) }
        }
        fchmod(descriptor, mode)
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else {
            throw ToolError.usage(
                .outputNotWritable, "cannot write the file", input: input, fix: "check free space and permissions")
        }
        if overwrite {
            // Checked again just before the rename: whatever took the name meanwhile (a link, a device) is
            // refused rather than replaced.
            try checkTarget(path, overwrite: true, label: label)
            guard rename(temporaryPath, path) == 0 else {
                throw ToolError.usage(
                    .outputNotWritable, "cannot move the finished file into place", input: input,
                    fix: "check permissions")
            }
        } else {
            // link() fails when the target exists, so a file created since the check above is never replaced.
            guard link(temporaryPath, path) == 0 else {
                if errno == EEXIST {
                    throw ToolError.usage(
                        .outputNotWritable, "the file exists", input: input,
                        fix: "choose another path, or add --force to replace it")
                }
                throw ToolError.usage(
                    .outputNotWritable, "cannot move the finished file into place", input: input,
                    fix: "check permissions")
            }
            unlink(temporaryPath)
        }
        finished = true
    }
}
