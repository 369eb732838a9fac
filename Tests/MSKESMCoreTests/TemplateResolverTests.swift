import Foundation
import MSKESMCore
import Testing

/// The intrinsic functions of a template resolve to a value or to "unresolvable (reason)", never to a guess.
struct TemplateResolverTests {
    static let template: CloudFormationTemplate = {
        let root = TemplateNode(
            json: [
                "Parameters": [
                    "Env": ["Type": "String", "Default": "prod"],
                    "Size": ["Type": "Number"],
                    "Subnets": ["Type": "CommaDelimitedList", "Default": "subnet-a,subnet-b"],
                    "FromSSM": ["Type": "AWS::SSM::Parameter::Value<String>", "Default": "/orders/size"],
                ],
                "Mappings": ["Tuning": ["prod": ["Batch": 500]]],
                "Conditions": ["IsProd": ["Fn::Equals": [["Ref": "Env"], "prod"]]],
                "Resources": [
                    "Cluster": ["Type": "AWS::MSK::Cluster", "Properties": ["ClusterName": "orders"]],
                    "Group": ["Type": "AWS::EC2::SecurityGroup", "Properties": [:]],
                    "Bucket": ["Type": "AWS::S3::Bucket"],
                    "Table": ["Type": "AWS::DynamoDB::Table"],
                ],
            ])
        // The literal is a valid template: a failure here is a test bug.
        return (try? CloudFormationTemplate(root: root, source: "test")) ?? { fatalError("template") }()
    }()

    static func resolve(_ json: JSONValue, _ parameters: [String: String] = [:]) -> TemplateResolution {
        TemplateResolver(template: template, parameters: TemplateParameterValues(parameters))
            .resolve(TemplateNode(json: json))
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Data(text.utf8)) }

    @Test(arguments: [
        (#"{"Fn::Sub": "${Env}-orders"}"#, #""prod-orders""#),
        (#"{"Fn::Sub": ["${A}.${!Literal}", {"A": {"Ref": "Env"}}]}"#, #""prod.${Literal}""#),
        (#"{"Fn::Join": ["-", ["a", {"Ref": "Env"}, 3]]}"#, #""a-prod-3""#),
        (#"{"Fn::Select": [1, {"Ref": "Subnets"}]}"#, #""subnet-b""#),
        (#"{"Fn::Split": [",", "x,y"]}"#, #"["x", "y"]"#),
        (#"{"Fn::FindInMap": ["Tuning", {"Ref": "Env"}, "Batch"]}"#, "500"),
        (#"{"Fn::If": ["IsProd", 1, 2]}"#, "1"),
        (#"{"Fn::Base64": "hi"}"#, #""aGk=""#),
        (#"{"Ref": "Cluster"}"#, #""arn:aws:kafka:{AWS_Region}:{AWS_AccountId}:cluster/orders/Cluster-stand-in""#),
        (#"{"Fn::GetAtt": ["Group", "GroupId"]}"#, #""sg-Group""#),
        (#"{"a": {"Ref": "AWS::NoValue"}, "b": 1}"#, #"{"b": 1}"#),
    ])
    func resolves(_ input: String, _ expected: String) throws {
        #expect(Self.resolve(try Self.json(input)) == .value(try Self.json(expected)))
    }

    @Test(arguments: [
        (#"{"Ref": "Size"}"#, "parameter Size has no default"),
        (#"{"Ref": "FromSSM"}"#, "Systems Manager"),
        (#"{"Fn::ImportValue": "shared-arn"}"#, "Fn::ImportValue shared-arn"),
        (#"{"Fn::GetAZs": ""}"#, "Fn::GetAZs"),
        (#"{"Fn::GetAtt": ["Table", "StreamArn"]}"#, "only known after deployment"),
        (#"{"Fn::Select": [5, ["a"]]}"#, "outside the list"),
        (#"{"Ref": "Nothing"}"#, "no such parameter or resource"),
    ])
    func staysUnresolvable(_ input: String, _ reason: String) throws {
        let resolution = Self.resolve(try Self.json(input))
        #expect(resolution.value == nil)
        #expect(resolution.reason?.contains(reason) == true, "\(resolution)")
    }

    @Test func givenValuesWin() {
        #expect(Self.resolve(["Ref": "Size"], ["Size": "42"]) == .value(42))
        #expect(Self.resolve(["Fn::Sub": "${AWS::Region}"], ["AWS::Region": "eu-west-1"]) == .value("eu-west-1"))
        #expect(Self.resolve(["Fn::If": ["IsProd", 1, 2]], ["Env": "dev"]) == .value(2))
    }
}
