import Foundation

/// The raw parts a ``DoctorContext`` has decoded, kept for the context's lifetime: several checks (and the
/// raw-part check that runs first) read the same network and IAM inputs, and decoding the role's policies and
/// the EC2 answers of a large snapshot once instead of three times is a quarter of `doctor --snapshot`'s time
/// (BENCHMARKS.md). Safe to share between copies of one context: its snapshot cannot change.
final class DecodedRawParts: @unchecked Sendable {
    private let lock = NSLock()
    private var network: Result<NetworkInputs, Error>?
    private var permissions: Result<DoctorContext.MappingPermissionFacts, Error>?

    func networkInputs(_ decode: () throws -> NetworkInputs) throws -> NetworkInputs {
        try remembered(\.network, decode)
    }

    func permissionFacts(_ decode: () throws -> DoctorContext.MappingPermissionFacts) throws
        -> DoctorContext.MappingPermissionFacts
    {
        try remembered(\.permissions, decode)
    }

    /// The value (or the error) decoded the first time, decoding under the lock so that checks running at
    /// once decode a part only once.
    private func remembered<Value>(
        _ slot: ReferenceWritableKeyPath<DecodedRawParts, Result<Value, Error>?>, _ decode: () throws -> Value
    ) throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let known = self[keyPath: slot] { return try known.get() }
        let result = Result(catching: decode)
        self[keyPath: slot] = result
        return try result.get()
    }
}
