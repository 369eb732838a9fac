/// Finds the region `network check` names endpoint services in: the flag, else `AWS_REGION`, else
/// `AWS_DEFAULT_REGION` (the AWS CLI's variable), else the region of the subnets' availability zones.
package enum RegionResolver {
    package static func resolve(
        flag: String?, environment: [String: String], subnets: DescribeSubnetsResponse?, subnetIds: [String]
    ) throws -> String {
        if let flag, !flag.isEmpty { return flag }
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        let all = subnets?.subnets ?? []
        let chosen = subnetIds.isEmpty ? all : all.filter { subnetIds.contains($0.subnetId) }
        let regions = Set(chosen.compactMap { $0.availabilityZone.flatMap(region(ofZone:)) })
        if regions.count == 1, let region = regions.first { return region }
        if regions.count > 1 {
            throw ToolError.usage(
                .invalidArgument, "the subnets lie in several regions (\(regions.sorted().joined(separator: ", ")))",
                input: "--subnets-json",
                fix: "give --region")
        }
        throw ToolError.usage(
            .invalidArgument, "no region", input: "--region",
            fix: "give --region (or set AWS_REGION), or --subnets-json with the subnets' AvailabilityZone")
    }

    /// `us-east-1a` → `us-east-1`; `us-west-2-lax-1a` (a Local Zone) → `us-west-2`; nil if not a zone name.
    package static func region(ofZone zone: String) -> String? {
        let parts = zone.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        // A region is letters-…-digits: take parts up to the first one that starts with a digit.
        guard parts.count >= 3, parts[0].count == 2, parts[0].allSatisfy(\.isLetter) else { return nil }
        for index in 1..<parts.count {
            let part = parts[index]
            guard let first = part.first, first.isNumber else { continue }
            let digits = part.prefix(while: \.isNumber)
            guard !digits.isEmpty, index >= 2 else { return nil }
            return (parts[0..<index] + [String(digits)]).joined(separator: "-")
        }
        return nil
    }
}
