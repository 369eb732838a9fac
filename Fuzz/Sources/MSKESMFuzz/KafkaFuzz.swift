import Foundation
import MSKESMCore

@testable import MSKESMKafka

/// The Kafka wire decoder: broker answers (ApiVersions, SaslHandshake, SaslAuthenticate, Metadata,
/// FindCoordinator, DescribeGroups) at every version, a SCRAM server-first message, and Lambda event JSON.
enum KafkaFuzz {
    static func run(_ data: Data) {
        guard data.count >= 2 else { return }
        let selector = data[data.startIndex]
        let version = Int16(data[data.startIndex + 1] % 16)
        let body = [UInt8](data.dropFirst(2))
        var reader = KafkaReader(body)
        switch selector % 9 {
        case 0: _ = try? KafkaMessages.parseApiVersions(&reader, version: version % 4)
        case 1: _ = try? KafkaMessages.parseSaslHandshake(&reader)
        case 2: _ = try? KafkaMessages.parseSaslAuthenticate(&reader, version: version % 3)
        case 3: _ = try? KafkaMessages.parseMetadata(&reader, version: version % 13)
        case 4: _ = try? KafkaMessages.parseFindCoordinator(&reader, version: version % 5)
        case 5: _ = try? KafkaMessages.parseDescribeGroups(&reader, version: version % 6)
        case 6:
            // SCRAM: the iteration count is the server's; the client refuses absurd ones (SCRAMClient), and
            // legitimate but slow ones in between (up to 1,000,000) only slow the fuzzer down.
            let text = String(decoding: body, as: UTF8.self)
            if let range = text.range(of: "i="),
                let count = Int(text[range.upperBound...].prefix { $0.isNumber }),
                count > 4096 && count <= SCRAMClient.maximumIterations
            {
                return
            }
            var client = SCRAMClient(hash: version % 2 == 0 ? .sha256 : .sha512, username: "u", password: "p", clientNonce: "fuzz")
            _ = client.firstMessage()
            if let final = try? client.finalMessage(serverFirst: body) {
                _ = final
                _ = try? client.verify(serverFinal: body)
            }
        default:
            _ = try? KafkaEventDecoder.decode(Data(body), source: "fuzz")
        }
    }
}
