import Foundation
import Testing

@testable import MSKESMCore

/// The security-group reasoning against Python's `ipaddress` as the oracle: `sg-vectors.json` holds random
/// rule sets, queries and answers computed by `Tests/Fixtures/network/generate_sg_vectors.py`.
struct NetworkPropertyTests {
    struct Vectors: Decodable {
        struct World: Decodable {
            var groups: [SecurityGroup]
            var queries: [Query]
        }
        struct Query: Decodable {
            var direction: String
            var groupIds: [String]
            var port: Int
            var peerGroupIds: [String]
            var peerNetworks: [String]
            var expected: String
        }
        struct Address: Decodable {
            var text: String
            var canonical: String?
        }
        var worlds: [World]
        var addresses: [Address]
    }

    static func load() throws -> Vectors {
        let url = NetworkFixtures.directory.appendingPathComponent("sg-vectors.json")
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    static func name(_ answer: ReachabilityAnswer) -> String {
        switch answer {
        case .allowed: "allowed"
        case .notAllowed: "notAllowed"
        case .unverifiable: "unverifiable"
        }
    }

    @Test func reachabilityAgreesWithIpaddressOracle() throws {
        let vectors = try Self.load()
        var total = 0
        var disagreements: [String] = []
        var seen: [String: Int] = [:]
        for (worldIndex, world) in vectors.worlds.enumerated() {
            let reachability = SecurityGroupReachability(groups: world.groups)
            for (queryIndex, query) in world.queries.enumerated() {
                total += 1
                let networks = query.peerNetworks.compactMap(IPNetwork.init)
                #expect(networks.count == query.peerNetworks.count, "unparsed peer network in \(query.peerNetworks)")
                let peer = TrafficPeer(groupIds: query.peerGroupIds, networks: networks)
                let answer =
                    query.direction == "inbound"
                    ? reachability.admitsTCP(into: query.groupIds, port: query.port, from: peer)
                    : reachability.allowsTCP(outOf: query.groupIds, port: query.port, to: peer)
                seen[query.expected, default: 0] += 1
                if Self.name(answer) != query.expected {
                    disagreements.append(
                        "world \(worldIndex) query \(queryIndex): expected \(query.expected), got \(answer)")
                }
            }
        }
        #expect(total >= 2500)
        #expect(seen.count == 3, "every kind of answer is exercised: \(seen)")
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(total) disagree; first: \(disagreements.prefix(3))")
    }

    @Test func addressParsingAgreesWithIpaddressOracle() throws {
        let vectors = try Self.load()
        #expect(vectors.addresses.count > 400)
        for vector in vectors.addresses {
            #expect(IPAddress(vector.text)?.description == vector.canonical, "\(vector.text)")
        }
    }
}

enum NetworkFixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/network")
    }
}
