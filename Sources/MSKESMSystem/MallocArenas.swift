import CPOSIXShims

/// The C library's heap arenas. glibc gives threads that contend for the heap arenas of their own, up to 8 per
/// core, and each arena keeps the pages it has freed: a program that allocates from many threads at once (a
/// fleet run: Swift's concurrency pool and libcurl's transfers) holds more resident memory than it uses.
public enum MallocArenas {
    /// Allows at most `count` arenas from now on (glibc's `mallopt(M_ARENA_MAX)`); nothing elsewhere.
    /// - Parameter count: the most arenas the process may have.
    /// - Returns: whether the C library took the bound.
    @discardableResult
    public static func bound(to count: Int) -> Bool { mskesm_bound_malloc_arenas(Int32(count)) == 1 }
}
