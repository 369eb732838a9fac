#if canImport(Glibc)
    import Glibc
#endif

/// What a path names, from its `stat` mode. Commands read regular files (and streams handed over as
/// descriptors, see `InputReader`) and replace only regular files (MSKESMSystem's `AtomicFileWriter`); every other kind is
/// named in the error that refuses it.
package enum FileKind: Equatable, Sendable {
    case regular, directory, namedPipe, socket, device, symbolicLink, other

    package init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .namedPipe
        case S_IFSOCK: self = .socket
        case S_IFCHR, S_IFBLK: self = .device
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// The kind of what `path` itself names (a link is not followed); nil when nothing is there.
    package static func ofEntry(at path: String) -> FileKind? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return FileKind(mode: status.st_mode)
    }

    /// As the error says it: "is a named pipe (FIFO)".
    package var phrase: String {
        switch self {
        case .regular: "is a regular file"
        case .directory: "is a directory"
        case .namedPipe: "is a named pipe (FIFO)"
        case .socket: "is a socket"
        case .device: "is a device"
        case .symbolicLink: "is a symbolic link"
        case .other: "is not a regular file"
        }
    }
}
