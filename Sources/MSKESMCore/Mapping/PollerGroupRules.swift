import Foundation

/// TOP006 / TOP007: the provisioned-mode poller groups that the mappings of one `doctor --all` (or `--function`)
/// run belong to. Mappings with the same `ProvisionedPollerConfig.PollerGroupName` in one Region share their
/// pollers; Lambda allows up to 100 mappings per group, whose `MaximumPollers` add up to at most 2,000
/// (https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html). The counts are of the
/// mappings the run sees: a run narrowed by `--function` or `--cluster` sees part of a group at most.
public enum PollerGroupRules {
    /// The most mappings one poller group holds.
    public static let maximumMappings = 100
    /// The most `MaximumPollers` the mappings of one poller group add up to.
    public static let maximumPollers = 2000

    /// One poller group as the run sees it.
    public struct Group: Sendable, Equatable {
        /// The Region of its mappings.
        public var region: String
        /// `PollerGroupName`.
        public var name: String
        /// The UUIDs of its mappings, in the order given.
        public var mappings: [String]
        /// The sum of their `MaximumPollers` (200, Lambda's default for Kafka, where a mapping names none).
        public var maximumPollers: Int
    }

    /// The groups of `mappings` (each with its Region), in the order they first appear.
    public static func groups(_ mappings: [(region: String, mapping: JSONValue)]) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for (region, mapping) in mappings {
            let config = mapping["ProvisionedPollerConfig"]
            guard let name = config?["PollerGroupName"]?.stringValue, !name.isEmpty else { continue }
            let uuid = mapping["UUID"]?.stringValue ?? "(no UUID)"
            let pollers = config?["MaximumPollers"]?.intValue ?? TopicCheck.defaultMaximumPollers
            // A group belongs to one account and Region: `doctor --all --accounts` sees several accounts' groups.
            let account = FleetAccount.accountId(ofArn: mapping["FunctionArn"]?.stringValue ?? "") ?? ""
            let key = account + "|" + region + "|" + name
            if let at = index[key] {
                groups[at].mappings.append(uuid)
                groups[at].maximumPollers += pollers
            } else {
                index[key] = groups.count
                groups.append(Group(region: region, name: name, mappings: [uuid], maximumPollers: pollers))
            }
        }
        return groups
    }

    /// By mapping UUID, the findings of its group: TOP006 and TOP007 (`warn`) when the group is over a limit,
    /// else a `pass` with the group's counts.
    public static func findings(_ mappings: [(region: String, mapping: JSONValue)]) -> [String: [Finding]] {
        var byMapping: [String: [Finding]] = [:]
        for group in groups(mappings) {
            let evidence: [String: JSONValue] = [
                "region": .string(group.region), "pollerGroupName": .string(group.name),
                "mappings": .number(Double(group.mappings.count)),
                "maximumPollers": .number(Double(group.maximumPollers)),
            ]
            let counts = "\(group.mappings.count) mappings, MaximumPollers adding up to \(group.maximumPollers)"
            var found: [Finding] = []
            if group.mappings.count > maximumMappings {
                found.append(
                    Finding(
                        code: .top006, severity: .warn,
                        title:
                            "poller group \(group.name) has \(group.mappings.count) mappings (at most \(maximumMappings))",
                        detail: "In \(group.region): \(counts). A poller group holds up to \(maximumMappings) mappings "
                            + "(https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html).",
                        fix: "move mappings to another group: aws lambda update-event-source-mapping --uuid UUID "
                            + "--provisioned-poller-config MinimumPollers=N,MaximumPollers=M,PollerGroupName=OTHER",
                        evidence: evidence))
            }
            if group.maximumPollers > maximumPollers {
                found.append(
                    Finding(
                        code: .top007, severity: .warn,
                        title: "poller group \(group.name): MaximumPollers add up to \(group.maximumPollers) "
                            + "(at most \(maximumPollers))",
                        detail: "In \(group.region): \(counts) (200 where a mapping names none). The MaximumPollers "
                            + "of a group's mappings add up to at most \(maximumPollers) "
                            + "(https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html).",
                        fix: "lower MaximumPollers of the group's mappings, or split the group: "
                            + "aws lambda update-event-source-mapping --uuid UUID "
                            + "--provisioned-poller-config MinimumPollers=N,MaximumPollers=M,PollerGroupName=NAME",
                        evidence: evidence))
            }
            if found.isEmpty {
                found.append(
                    Finding(
                        code: .top006, severity: .pass,
                        title: "poller group \(group.name) is within its limits",
                        detail: "In \(group.region): \(counts) (limits \(maximumMappings) and \(maximumPollers)).",
                        evidence: evidence))
            }
            for uuid in group.mappings { byMapping[uuid, default: []] += found }
        }
        return byMapping
    }
}
