import Foundation
import MSKESMCore

/// EC2 (ec2 query protocol). Responses become the AWS CLI's JSON (`securityGroupInfo` → `SecurityGroups`,
/// `groups` → `UserIdGroupPairs`, …) through the generated shape table.
public struct EC2Client: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// A filter, e.g. `("vpc-id", ["vpc-1"])`.
    public typealias Filter = (name: String, values: [String])

    /// `aws ec2 describe-security-groups --group-ids …`.
    public func describeSecurityGroups(groupIds: [String] = [], filters: [Filter] = []) async throws -> JSONValue {
        try await describe(
            "DescribeSecurityGroups", ids: ("GroupId", groupIds), filters: filters, filterMember: "Filter",
            listKey: "SecurityGroups")
    }

    /// `aws ec2 describe-subnets --subnet-ids …`.
    public func describeSubnets(subnetIds: [String] = [], filters: [Filter] = []) async throws -> JSONValue {
        try await describe(
            "DescribeSubnets", ids: ("SubnetId", subnetIds), filters: filters, filterMember: "Filter",
            listKey: "Subnets")
    }

    /// `aws ec2 describe-route-tables --filters …`.
    public func describeRouteTables(filters: [Filter]) async throws -> JSONValue {
        try await describe(
            "DescribeRouteTables", ids: ("RouteTableId", []), filters: filters, filterMember: "Filter",
            listKey: "RouteTables")
    }

    /// `aws ec2 describe-nat-gateways --filter …` (the request member is `Filter`, singular:
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html).
    public func describeNatGateways(filters: [Filter]) async throws -> JSONValue {
        try await describe(
            "DescribeNatGateways", ids: ("NatGatewayId", []), filters: filters, filterMember: "Filter",
            listKey: "NatGateways")
    }

    /// `aws ec2 describe-vpc-endpoints --filters …`.
    public func describeVpcEndpoints(filters: [Filter]) async throws -> JSONValue {
        try await describe(
            "DescribeVpcEndpoints", ids: ("VpcEndpointId", []), filters: filters, filterMember: "Filter",
            listKey: "VpcEndpoints")
    }

    /// `aws ec2 describe-regions`: the Regions enabled for the account (`doctor --all --all-regions`).
    public func describeRegions() async throws -> JSONValue {
        try await client.sendShaped(.query(.ec2, "DescribeRegions", []))
    }

    /// Sends one describe call, following `NextToken`, and merges the pages' lists.
    private func describe(
        _ operation: String, ids: (String, [String]), filters: [Filter], filterMember: String, listKey: String
    ) async throws -> JSONValue {
        var parameters: [(String, String)] = []
        for (index, id) in ids.1.enumerated() { parameters.append(("\(ids.0).\(index + 1)", id)) }
        for (index, filter) in filters.enumerated() {
            parameters.append(("\(filterMember).\(index + 1).Name", filter.name))
            for (valueIndex, value) in filter.values.enumerated() {
                parameters.append(("\(filterMember).\(index + 1).Value.\(valueIndex + 1)", value))
            }
        }
        var items: [JSONValue] = []
        var token: String?
        repeat {
            var page = parameters
            if let token { page.append(("NextToken", token)) }
            let result = try await client.sendShaped(.query(.ec2, operation, page))
            items += result[listKey]?.arrayValue ?? []
            token = result["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return .object([listKey: .array(items)])
    }
}
