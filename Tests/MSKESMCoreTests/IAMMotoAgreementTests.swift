import Foundation
import Testing

@testable import MSKESMCore

/// The evaluator against an independent implementation: moto's IAMPolicy.is_action_permitted over real AWS
/// managed policies, restricted to what moto gets right (see Tests/Fixtures/iam/generate_moto_vectors.py).
struct IAMMotoAgreementTests {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        var policy: String
        var action: String
        var resource: String
        var decision: String
        var testDescription: String { "\(policy) \(action) \(resource)" }
    }

    struct VectorFile: Decodable {
        var policies: [String: JSONValue]
        var vectors: [Vector]
    }

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/iam/moto-vectors.json")

    static func load() throws -> VectorFile {
        try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: fixture))
    }

    @Test func vectorFileHoldsHundredsOfVectorsOfEveryDecision() throws {
        let file = try Self.load()
        #expect(file.vectors.count >= 500)
        #expect(Set(file.vectors.map(\.decision)) == ["allowed", "implicitDeny", "explicitDeny"])
        #expect(file.policies["AWSLambdaMSKExecutionRole"] != nil)
    }

    @Test func evaluatorAgreesWithMotoOnEveryVector() throws {
        let file = try Self.load()
        var evaluators: [String: PolicyEvaluator] = [:]
        for (name, document) in file.policies {
            let policy = try PolicyDocumentReader.document(document, name: name, source: name, path: "$")
            evaluators[name] = PolicyEvaluator(policies: [policy])
        }
        var disagreements: [String] = []
        for vector in file.vectors {
            let evaluator = try #require(evaluators[vector.policy])
            let decision = evaluator.evaluate(action: vector.action, resource: vector.resource).decision
            if decision.rawValue != vector.decision {
                disagreements.append("\(vector.testDescription): moto \(vector.decision), ours \(decision.rawValue)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements: \(disagreements.prefix(10))")
    }

    /// The bundled copy of AWSLambdaMSKExecutionRole is the one moto ships (v2,
    /// docs/aws-facts.md#awslambdamskexecutionrole).
    @Test func bundledManagedPolicyMatchesMotosCopy() throws {
        let file = try Self.load()
        let moto = try PolicyDocumentReader.document(
            try #require(file.policies["AWSLambdaMSKExecutionRole"]), name: "AWSLambdaMSKExecutionRole",
            source: "moto", path: "$")
        let bundled = try #require(BundledPolicies.document(named: "AWSLambdaMSKExecutionRole"))
        #expect(Set(bundled.statements.flatMap(\.actions.values)) == Set(moto.statements.flatMap(\.actions.values)))
        #expect(bundled.statements.map(\.resources) == moto.statements.map(\.resources))
    }
}
