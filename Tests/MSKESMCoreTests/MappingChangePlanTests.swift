import Foundation
import MSKESMCore
import Testing

@Suite("mapping update plan and identity")
struct MappingChangePlanTests {
    /// A mapping as `aws lambda get-event-source-mapping` prints it (AWS CLI v2: ISO 8601 timestamps).
    let current: JSONValue = [
        "UUID": "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "State": "Enabled",
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders",
        "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/prod/1a2b3c4d-5e6f-2", "Topics": ["orders"],
        "StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": "2026-11-01T00:00:00Z", "BatchSize": 100,
        "SourceAccessConfigurations": [
            [
                "Type": "SASL_SCRAM_512_AUTH",
                "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_a-AbCdEf",
            ],
            [
                "Type": "SERVER_ROOT_CA_CERTIFICATE",
                "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:ca-AbCdEf",
            ],
        ],
        "AmazonManagedKafkaEventSourceConfig": ["ConsumerGroupId": "orders-group"],
    ]

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var request: [String: JSONValue]
        var changedFields: [String]
        var createOnlyFields: [String]
    }

    static let cases: [Case] = [
        Case(
            description: "same values, lists reordered, timestamp as epoch seconds, function by name",
            request: [
                "FunctionName": "orders", "BatchSize": 100, "StartingPositionTimestamp": 1_793_491_200,
                "SourceAccessConfigurations": [
                    [
                        "Type": "SERVER_ROOT_CA_CERTIFICATE",
                        "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:ca-AbCdEf",
                    ],
                    [
                        "Type": "SASL_SCRAM_512_AUTH",
                        "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_a-AbCdEf",
                    ],
                ],
                "AmazonManagedKafkaEventSourceConfig": ["ConsumerGroupId": "orders-group"], "Enabled": true,
            ], changedFields: [], createOnlyFields: []),
        Case(
            description: "updatable fields", request: ["BatchSize": 500, "Enabled": false, "MaximumRetryAttempts": 3],
            changedFields: ["BatchSize", "Enabled", "MaximumRetryAttempts"], createOnlyFields: []),
        Case(
            description: "create-only fields",
            request: [
                "Topics": ["payments"], "StartingPosition": "LATEST",
                "AmazonManagedKafkaEventSourceConfig": ["ConsumerGroupId": "other"],
            ], changedFields: [],
            createOnlyFields: ["AmazonManagedKafkaEventSourceConfig.ConsumerGroupId", "StartingPosition", "Topics"]),
        Case(
            description: "schema registry changes, consumer group the same",
            request: [
                "AmazonManagedKafkaEventSourceConfig": [
                    "ConsumerGroupId": "orders-group", "SchemaRegistryConfig": ["EventRecordFormat": "JSON"],
                ]
            ], changedFields: ["AmazonManagedKafkaEventSourceConfig"], createOnlyFields: []),
    ]

    @Test("the plan lists exactly the changed and the create-only fields", arguments: cases)
    func plan(_ example: Case) {
        let plan = MappingUpdatePlan(current: current, request: example.request)
        #expect(plan.changes.map(\.field) == example.changedFields)
        #expect(plan.body.keys.sorted() == example.changedFields)
        #expect(plan.createOnlyFindings.compactMap { $0.evidence["field"]?.stringValue } == example.createOnlyFields)
        #expect(plan.createOnlyFindings.allSatisfy { $0.code == "MAP008" && $0.severity == .fail })
        #expect(plan.isEmpty == (example.changedFields.isEmpty && example.createOnlyFields.isEmpty))
        // The schema registry change is sent without the (create-only) consumer group id.
        #expect(plan.body["AmazonManagedKafkaEventSourceConfig"]?["ConsumerGroupId"] == nil)
    }

    @Test(
        "same mapping: same function (name, ARN), same source, same topic; qualified ARNs are other functions",
        arguments: [
            ("orders", "orders", true), ("arn:aws:lambda:us-east-1:123456789012:function:orders", "orders", true),
            ("orders:live", "orders", false), ("orders", "payments", false),
        ])
    func identity(function: String, topic: String, same: Bool) {
        let request: [String: JSONValue] = [
            "FunctionName": .string(function), "EventSourceArn": current["EventSourceArn"] ?? .null,
            "Topics": [.string(topic)],
        ]
        #expect(MappingIdentity.sameMappings(as: request, in: [current]).count == (same ? 1 : 0))
    }
}
