/// One Kafka broker address, `host:port` (also `[v6]:port`), as bootstrap-server lists write it. The one
/// reader of `host:port` in the project: every flag that takes brokers (`--bootstrap-servers` of create,
/// update, probe and brokers explain) and the probe's connections parse them here, so a port outside TCP's
/// 1–65535 is refused the same way everywhere.
package struct BrokerAddress: Sendable, Equatable {
    /// The host name or address, without the brackets of an IPv6 literal.
    package var host: String
    package var port: Int

    /// nil unless `text` is `host:port` with a non-empty host and a port in 1–65535.
    package init?(_ text: some StringProtocol) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    /// Why a broker list was refused.
    package enum ListError: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case invalid(String)

        package var description: String {
            switch self {
            case .empty: "names no broker (host:port,…)"
            case .invalid(let broker): "'\(broker)' is not host:port with a port from 1 to 65535"
            }
        }
    }

    /// The brokers of a comma-separated list as written (spaces around each trimmed, empty entries dropped),
    /// each checked; an empty list, or an entry that is not `host:port`, is an error.
    package static func list(_ text: String) throws(ListError) -> [String] {
        let brokers = BrokerSelector.splitBrokers(text)
        guard !brokers.isEmpty else { throw .empty }
        if let invalid = brokers.first(where: { BrokerAddress($0) == nil }) { throw .invalid(invalid) }
        return brokers
    }
}
