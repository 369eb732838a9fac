import CShims
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that an interrupted command never leaves a half-written one: the bytes go to a
/// temporary file in the same directory (created with the final mode, so private material is never
/// readable by others, even briefly), which is then renamed over the target. Termination signals (Ctrl-C,
/// SIGTERM, SIGHUP) that arrive meanwhile take effect right after the file is in place or removed, so no
/// temporary file holding private material is ever left behind; a write over the file size limit fails
/// cleanly instead of killing the process (SIGXFSZ).
public enum AtomicFileWriter {
    /// - Parameters:
    ///   - mode: permission bits, e.g. `0o600` for private material.
    ///   - overwrite: replace an existing file; without it an existing file is an error.
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o644, overwrite: Bool) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try checkTarget(path, overwrite: overwrite)
        mskesm_defer_termination_begin()
        defer { mskesm_defer_termination_end() }
        var template = Array((directory + "/.\(url.lastPathComponent).tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ToolError.usage("cannot create a file in the directory", input: path, fix: "check its permissions")
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
            throw ToolError.usage("cannot write the file", input: path, fix: "check free space and permissions")
        }
        if overwrite {
            guard rename(temporaryPath, path) == 0 else {
                throw ToolError.usage("cannot move the finished file into place", input: path, fix: "check permissions")
            }
        } else {
            // link() fails when the target exists, so a file created since the check above is never replaced.
            guard link(temporaryPath, path) == 0 else {
                if errno == EEXIST {
                    throw ToolError.usage(
                        "the file exists", input: path, fix: "choose another path, or add --force to replace it")
                }
                throw ToolError.usage("cannot move the finished file into place", input: path, fix: "check permissions")
            }
            unlink(temporaryPath)
        }
        finished = true
    }

    /// Fails as ``write(_:to:mode:overwrite:)`` would before writing anything: the target is a directory, it
    /// exists and `overwrite` is false, or its directory does not exist. Commands that do slow work (AWS
    /// reads) before writing call it first, so a bad target fails at once.
    public static func checkTarget(_ path: String, overwrite: Bool) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw ToolError.usage("is a directory", input: path, fix: "name a file to write")
            }
            if !overwrite {
                throw ToolError.usage(
                    "the file exists", input: path, fix: "choose another path, or add --force to replace it")
            }
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ToolError.usage("the directory does not exist", input: path, fix: "create the directory first")
        }
    }
}
