import Foundation
import MSKESMCore
import Testing

@testable import MSKESMKafka

/// The probe's inputs from a snapshot, chosen as Lambda would (`BrokerSelector`), and its codes.
struct ProbePlanTests {
    static func example(_ name: String) throws -> Snapshot {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/snapshots/\(name).json")
        return try Snapshot.decode(Data(contentsOf: url), source: name)
    }

    struct Expected: Sendable, CustomTestStringConvertible {
        var snapshot: String
        var method: AuthMethod
        var field: String?
        var topic: String
        var selfManaged: Bool
        var testDescription: String { snapshot }
    }

    @Test(arguments: [
        Expected(
            snapshot: "healthy-scram", method: .scram512, field: "BootstrapBrokerStringSaslScram",
            topic: "payments.settled", selfManaged: false),
        Expected(
            snapshot: "healthy-mtls", method: .mtls, field: "BootstrapBrokerStringTls", topic: "device-telemetry",
            selfManaged: false),
        Expected(
            snapshot: "healthy-iam", method: .iam, field: "BootstrapBrokerStringSaslIam", topic: "orders.v1",
            selfManaged: false),
        Expected(
            snapshot: "healthy-self-managed", method: .scram512, field: nil, topic: "inventory-changes",
            selfManaged: true),
    ])
    func snapshotChoosesBrokersMethodTopicAndGroupAsLambda(_ expected: Expected) throws {
        let snapshot = try Self.example(expected.snapshot)
        let configuration = try ProbePlan.configuration(snapshot: snapshot, timeout: 2)
        #expect(configuration.method == expected.method)
        #expect(configuration.topic == expected.topic)
        #expect(configuration.selfManaged == expected.selfManaged)
        #expect(configuration.timeout == 2)
        // The group is the custom id or the mapping's UUID (docs/aws-facts.md#consumer-group).
        #expect(
            configuration.group == (snapshot.eventSourceMapping.consumerGroupId ?? snapshot.eventSourceMapping.uuid))
        if let field = expected.field {
            let list = try #require(
                snapshot.bootstrapBrokers.flatMap { brokers in
                    BootstrapBrokers.Field(rawValue: field).flatMap { brokers[$0] }
                })
            #expect(configuration.brokers == BrokerSelector.splitBrokers(list))
        } else {
            #expect(configuration.brokers == snapshot.eventSourceMapping.selfManagedEventSource?.bootstrapServers)
        }
        // Snapshots without --include-secrets hold no secret value: the probe then skips SASL, never guesses.
        #expect(configuration.secretJSON == nil)
    }

    @Test func secretStringInTheSnapshotIsUsed() throws {
        var snapshot = try Self.example("healthy-self-managed")
        let arn = try #require(snapshot.secrets?.keys.first)
        snapshot.secrets?[arn]?.secretString = #"{"username":"u","password":"canary-pw"}"#
        let configuration = try ProbePlan.configuration(snapshot: snapshot)
        #expect(configuration.secretJSON?.contains("canary-pw") == true)
        #expect(configuration.secretLabel == arn)
    }

    @Test func everyPRBCodeIsInTheCatalogue() {
        let area = FindingCatalogue.areas.first { $0.prefix == "PRB" }
        #expect(area?.codes == FindingCode.probeCodes)
        #expect(Set(FindingCode.probeCodes.map(\.code)).count == FindingCode.probeCodes.count)
    }

    /// Each failure text the probe names is one the doctor's MAP011 knows, so a mapping's
    /// LastProcessingResult and the probe's finding point at each other.
    @Test(arguments: LambdaProcessingResult.allCases.filter { $0 != .ok })
    func lambdaTextsAreKnownToTheDoctor(_ text: LambdaProcessingResult) {
        #expect(ProcessingResult.match(text.rawValue) != nil)
    }
}
