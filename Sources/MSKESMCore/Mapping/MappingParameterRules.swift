import Foundation

/// The parameter rules of a Kafka mapping that need no AWS call (docs/aws-facts.md#request-members-and-limits,
/// docs/aws-facts.md#consumer-group; the botocore Lambda model constraints). They run on `MappingSettings`, so the
/// doctor (on an existing mapping) and the create/update preflight (on a request body) give the same answers.
///
/// Every rule returns its findings: a `fail`/`warn`/`info` when it applies, a `pass` when it was checked and
/// holds, nothing when it does not apply (e.g. no on-failure destination set).
package enum MappingParameterRules {
    /// All parameter rules, in catalogue order. `now` is the `--at` instant (for MAP004).
    package static func findings(_ settings: MappingSettings, at now: Date) -> [Finding] {
        batching(settings) + topics(settings) + startingPosition(settings, at: now) + consumerGroup(settings)
            + recordAgeAndRetries(settings) + onFailureDestination(settings) + provisionedPollers(settings)
            + OAuthAccessRules.findings(settings)
    }

    // MARK: MAP002 — BatchSize 1..10000, MaximumBatchingWindowInSeconds 0..300

    /// MAP002. https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    package static func batching(_ settings: MappingSettings) -> [Finding] {
        var findings: [Finding] = []
        if let size = settings.batchSize, !(1...10000).contains(size) {
            findings.append(
                Finding(
                    code: .map002, severity: .fail, title: "BatchSize \(size) is outside 1..10000",
                    detail: "Kafka mappings take 1 to 10,000 records per batch (default 100); the API rejects \(size).",
                    fix: "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) --batch-size 100",
                    evidence: ["BatchSize": .number(Double(size))]))
        }
        if let window = settings.maximumBatchingWindowInSeconds, !(0...300).contains(window) {
            findings.append(
                Finding(
                    code: .map002, severity: .fail,
                    title: "MaximumBatchingWindowInSeconds \(window) is outside 0..300",
                    detail: "The batching window is 0 to 300 whole seconds; the API rejects \(window).",
                    fix: "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) "
                        + "--maximum-batching-window-in-seconds 1",
                    evidence: ["MaximumBatchingWindowInSeconds": .number(Double(window))]))
        }
        if findings.isEmpty {
            findings.append(
                Finding(
                    code: .map002, severity: .pass,
                    title: "batch size \(settings.batchSize.map(String.init) ?? "default 100") and window "
                        + "\(settings.maximumBatchingWindowInSeconds.map { "\($0) s" } ?? "default 500 ms") within range"
                ))
        }
        return findings
    }

    // MARK: MAP003 — exactly one topic, 1..249 characters, full match of [^.]([a-zA-Z0-9\-_.]+)

    /// Whether `name` fully matches the model's topic pattern `[^.]([a-zA-Z0-9\-_.]+)` within 1..249
    /// characters. The pattern needs two characters at least, so the length alone is not enough
    /// (docs/aws-facts.md#request-members-and-limits).
    package static func isValidTopicName(_ name: String) -> Bool {
        let characters = Array(name)
        guard (2...249).contains(characters.count), characters[0] != ".", characters[0] != "\n" else { return false }
        return characters.dropFirst().allSatisfy(isTopicCharacter)
    }

    static func isTopicCharacter(_ character: Character) -> Bool {
        guard character.isASCII, let scalar = character.unicodeScalars.first else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
        default: return false
        }
    }

    /// MAP003.
    package static func topics(_ settings: MappingSettings) -> [Finding] {
        let topics = settings.topics ?? []
        let fix =
            settings.uuid == nil
            ? "give exactly one topic: --topics my-topic"
            : "Topics cannot be updated: delete the mapping and create it again with one valid topic"
        if topics.count != 1 {
            return [
                Finding(
                    code: .map003, severity: .fail,
                    title: topics.isEmpty
                        ? "no topic is set" : "\(topics.count) topics are set; a mapping reads exactly one",
                    detail: "The Topics list must hold exactly one name (model: min 1, max 1).", fix: fix,
                    evidence: ["Topics": .array(topics.map(JSONValue.string))])
            ]
        }
        let topic = topics[0]
        guard isValidTopicName(topic) else {
            return [
                Finding(
                    code: .map003, severity: .fail, title: "topic name '\(topic.prefix(60))' is not valid",
                    detail: "A topic name has 1..249 characters and must fully match [^.]([a-zA-Z0-9\\-_.]+): "
                        + "at least two characters, not starting with '.', then only letters, digits, '-', '_' and '.'.",
                    fix: fix, evidence: ["Topic": .string(topic), "length": .number(Double(topic.count))])
            ]
        }
        return [Finding(code: .map003, severity: .pass, title: "one valid topic: \(topic)")]
    }

    // MARK: MAP004, MAP005 — StartingPosition

    /// MAP004 and MAP005. StartingPosition is required for MSK and self-managed Kafka
    /// (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html); the timestamp goes
    /// only with AT_TIMESTAMP and "cannot be in the future".
    package static func startingPosition(_ settings: MappingSettings, at now: Date) -> [Finding] {
        let fix =
            settings.uuid == nil
            ? "--starting-position TRIM_HORIZON (or AT_TIMESTAMP with --starting-position-timestamp in the past)"
            : "StartingPosition cannot be updated: delete the mapping and create it again with "
                + "--starting-position TRIM_HORIZON (or AT_TIMESTAMP with a past timestamp)"
        guard let position = settings.startingPosition else {
            return [
                Finding(
                    code: .map004, severity: .fail, title: "StartingPosition is not set",
                    detail: "Kafka mappings need StartingPosition: TRIM_HORIZON, LATEST or AT_TIMESTAMP.", fix: fix)
            ]
        }
        var evidence: [String: JSONValue] = ["StartingPosition": .string(position)]
        if let timestamp = settings.startingPositionTimestamp {
            evidence["StartingPositionTimestamp"] = .string(ISO8601Instant.format(timestamp))
        }
        switch position {
        case "TRIM_HORIZON", "LATEST":
            if settings.startingPositionTimestamp != nil {
                return [
                    Finding(
                        code: .map004, severity: .fail, title: "StartingPositionTimestamp is set with \(position)",
                        detail: "A timestamp goes only with StartingPosition AT_TIMESTAMP.", fix: fix,
                        evidence: evidence)
                ]
            }
            if position == "LATEST" {
                return [
                    Finding(
                        code: .map005, severity: .warn, title: "StartingPosition LATEST can miss records",
                        detail: "With LATEST the consumer starts at the end of the topic when it first joins; records "
                            + "written while the mapping is being created or enabled are not read (inference from "
                            + "the StartingPosition semantics, https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html).",
                        fix: "use TRIM_HORIZON, or AT_TIMESTAMP with the time the producer started", evidence: evidence)
                ]
            }
            return [Finding(code: .map004, severity: .pass, title: "StartingPosition \(position)")]
        case "AT_TIMESTAMP":
            guard let timestamp = settings.startingPositionTimestamp else {
                return [
                    Finding(
                        code: .map004, severity: .fail, title: "AT_TIMESTAMP without StartingPositionTimestamp",
                        detail: "StartingPosition AT_TIMESTAMP needs StartingPositionTimestamp.", fix: fix,
                        evidence: evidence)
                ]
            }
            if timestamp > now {
                return [
                    Finding(
                        code: .map004, severity: .fail,
                        title: "StartingPositionTimestamp \(ISO8601Instant.format(timestamp)) is in the future",
                        detail: "The timestamp cannot be in the future (evaluated at \(ISO8601Instant.format(now))).",
                        fix: fix, evidence: evidence)
                ]
            }
            return [
                Finding(
                    code: .map004, severity: .pass,
                    title: "StartingPosition AT_TIMESTAMP \(ISO8601Instant.format(timestamp))")
            ]
        default:
            return [
                Finding(
                    code: .map004, severity: .fail, title: "StartingPosition '\(position.prefix(40))' is not valid",
                    detail: "StartingPosition is one of TRIM_HORIZON, LATEST, AT_TIMESTAMP.", fix: fix,
                    evidence: evidence)
            ]
        }
    }

    // MARK: MAP006, MAP007 — consumer group id

    /// Whether `id` is a valid consumer group id: 1..200 characters of the `URI` shape's pattern, which the
    /// Lambda model of botocore 1.44 widened to allow a space: `[ a-zA-Z0-9-\/*:_+=.@-]*`
    /// (https://docs.aws.amazon.com/lambda/latest/api/API_AmazonManagedKafkaEventSourceConfig.html).
    package static func isValidConsumerGroupId(_ id: String) -> Bool {
        (1...200).contains(id.count)
            && id.allSatisfy { character in
                guard character.isASCII, let scalar = character.unicodeScalars.first else { return false }
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", " ", "-", "/", "*", ":", "_", "+", "=", ".", "@": return true
                default: return false
                }
            }
    }

    /// MAP006 and MAP007.
    package static func consumerGroup(_ settings: MappingSettings) -> [Finding] {
        guard let id = settings.consumerGroupId else { return [] }
        guard isValidConsumerGroupId(id) else {
            return [
                Finding(
                    code: .map006, severity: .fail, title: "consumer group id '\(id.prefix(60))' is not valid",
                    detail:
                        "ConsumerGroupId has 1..200 characters, each a letter, a digit, a space or one of - / * : _ + = . @ "
                        + "(\(id.count) characters given).",
                    fix: settings.uuid == nil
                        ? "--amazon-managed-kafka-event-source-config '{\"ConsumerGroupId\":\"my-consumer-group\"}'"
                        : "the consumer group id cannot be changed: delete the mapping and create it with a valid id",
                    evidence: ["ConsumerGroupId": .string(id), "length": .number(Double(id.count))])
            ]
        }
        let valid = Finding(code: .map006, severity: .pass, title: "consumer group id \(id) is valid")
        // The API reports the default group (the UUID) as ConsumerGroupId too; only a custom id can collide.
        if id == settings.uuid { return [valid] }
        return [
            valid,
            Finding(
                code: .map007, severity: .info,
                title: "if group '\(id)' already exists, Lambda ignores StartingPosition",
                detail: "If Kafka already has a group with this id, Lambda resumes from its committed offsets and "
                    + "ignores StartingPosition; other active members of the group take a share of the partitions "
                    + "(https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html).",
                fix: "use a group id no other consumer uses, or reset the group's offsets before creating the mapping",
                evidence: ["ConsumerGroupId": .string(id)]),
        ]
    }

    // MARK: MAP012, MAP017 — MaximumRecordAgeInSeconds, MaximumRetryAttempts

    /// MAP012 (0..59: the model allows it, the API rejects it) and MAP017 (outside the model's ranges).
    package static func recordAgeAndRetries(_ settings: MappingSettings) -> [Finding] {
        var findings: [Finding] = []
        if let age = settings.maximumRecordAgeInSeconds {
            if (0...59).contains(age) {
                findings.append(
                    Finding(
                        code: .map012, severity: .fail, title: "MaximumRecordAgeInSeconds \(age) is below 60",
                        detail: "The model allows -1..604800, but Lambda rejects 0 to 59: use -1 (no limit) or "
                            + "60..604800.",
                        fix: "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) "
                            + "--maximum-record-age-in-seconds 60",
                        evidence: ["MaximumRecordAgeInSeconds": .number(Double(age))]))
            } else if age < -1 || age > 604_800 {
                findings.append(
                    Finding(
                        code: .map017, severity: .fail, title: "MaximumRecordAgeInSeconds \(age) is out of range",
                        detail: "MaximumRecordAgeInSeconds is -1 (no limit) or 60..604800.",
                        fix: "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) "
                            + "--maximum-record-age-in-seconds -1",
                        evidence: ["MaximumRecordAgeInSeconds": .number(Double(age))]))
            } else {
                findings.append(
                    Finding(code: .map012, severity: .pass, title: "MaximumRecordAgeInSeconds \(age) is valid"))
            }
        }
        if let retries = settings.maximumRetryAttempts {
            if !(-1...10000).contains(retries) {
                findings.append(
                    Finding(
                        code: .map017, severity: .fail, title: "MaximumRetryAttempts \(retries) is out of range",
                        detail: "MaximumRetryAttempts is -1 (infinite) or 0..10000.",
                        fix: "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) "
                            + "--maximum-retry-attempts 10",
                        evidence: ["MaximumRetryAttempts": .number(Double(retries))]))
            } else {
                findings.append(
                    Finding(code: .map017, severity: .pass, title: "MaximumRetryAttempts \(retries) is valid"))
            }
        }
        return findings
    }

    // MARK: MAP013 — on-failure destination

    /// The kinds of on-failure destination a Kafka mapping takes (docs/aws-facts.md#on-failure-destinations).
    package enum DestinationKind: String, Sendable {
        case sqs, sns, s3, kafkaTopic
    }

    /// The kind of an on-failure destination, or nil when Kafka mappings cannot use it.
    package static func destinationKind(_ destination: String) -> DestinationKind? {
        if destination.hasPrefix("kafka://") {
            let topic = String(destination.dropFirst("kafka://".count))
            return isValidTopicName(topic) ? .kafkaTopic : nil
        }
        let parts = destination.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), !parts[5].isEmpty else { return nil }
        switch parts[2] {
        case "sqs": return .sqs
        case "sns": return .sns
        case "s3": return .s3
        default: return nil
        }
    }

    /// MAP013. https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
    package static func onFailureDestination(_ settings: MappingSettings) -> [Finding] {
        guard let destination = settings.onFailureDestination, !destination.isEmpty else { return [] }
        let fix =
            "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) --destination-config "
            + "'{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:<region>:<account>:<queue>\"}}'"
        guard let kind = destinationKind(destination) else {
            return [
                Finding(
                    code: .map013, severity: .fail, title: "on-failure destination is not usable for Kafka",
                    detail: "Kafka mappings send failed batches to an SQS queue, an SNS topic or an S3 bucket ARN, "
                        + "or to kafka://<topic> on the same cluster; '\(destination.prefix(120))' is none of these.",
                    fix: fix, evidence: ["Destination": .string(destination)])
            ]
        }
        if kind == .kafkaTopic, let topic = settings.topic, destination == "kafka://" + topic {
            return [
                Finding(
                    code: .map013, severity: .fail, title: "the on-failure topic is the source topic",
                    detail: "A kafka:// destination must not be the topic the mapping reads (Lambda blocks the "
                        + "recursion); it must be another topic on the same cluster.",
                    fix: fix.replacingOccurrences(
                        of: "arn:aws:sqs:<region>:<account>:<queue>", with: "kafka://\(topic)-failures"),
                    evidence: ["Destination": .string(destination), "Topic": .string(topic)])
            ]
        }
        return [
            Finding(
                code: .map013, severity: .pass, title: "on-failure destination \(destination) (\(kind.rawValue))",
                evidence: ["Destination": .string(destination), "kind": .string(kind.rawValue)])
        ]
    }

    // MARK: MAP016 — provisioned pollers

    /// MAP016: Kafka minimum 1..200, maximum 1..2000, minimum ≤ maximum
    /// (https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html).
    package static func provisionedPollers(_ settings: MappingSettings) -> [Finding] {
        guard let config = settings.provisionedPollerConfig else { return [] }
        var problems: [String] = []
        if let minimum = config.minimumPollers, !(1...200).contains(minimum) {
            problems.append("MinimumPollers \(minimum) is outside 1..200")
        }
        if let maximum = config.maximumPollers, !(1...2000).contains(maximum) {
            problems.append("MaximumPollers \(maximum) is outside 1..2000")
        }
        let minimum = config.minimumPollers ?? 1
        let maximum = config.maximumPollers ?? 200
        if minimum > maximum {
            problems.append("MinimumPollers \(minimum) is above MaximumPollers \(maximum)")
        }
        var evidence: [String: JSONValue] = [:]
        if let value = config.minimumPollers { evidence["MinimumPollers"] = .number(Double(value)) }
        if let value = config.maximumPollers { evidence["MaximumPollers"] = .number(Double(value)) }
        guard problems.isEmpty else {
            return [
                Finding(
                    code: .map016, severity: .fail, title: problems.joined(separator: "; "),
                    detail: "For Kafka, MinimumPollers is 1..200 (default 1), MaximumPollers 1..2000 (default 200), "
                        + "and the minimum may not exceed the maximum.",
                    fix: "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) "
                        + "--provisioned-poller-config MinimumPollers=1,MaximumPollers=\(max(1, min(maximum, 2000)))",
                    evidence: evidence)
            ]
        }
        return [
            Finding(
                code: .map016, severity: .pass,
                title: "provisioned pollers \(minimum)..\(maximum) within range", evidence: evidence)
        ]
    }
}
