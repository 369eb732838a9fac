import Foundation

/// Rules on what an existing mapping and its function report: MAP001, MAP010, MAP014, MAP015.
package enum MappingStatusRules {
    /// The function-timeout limit for Kafka mappings (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html).
    package static let maximumFunctionTimeout = 840

    /// MAP001: the function timeout is at most 840 s (14 minutes) for Kafka mappings.
    package static func functionTimeout(_ function: FunctionConfiguration) -> [Finding] {
        guard let timeout = function.timeout else { return [] }
        let name = function.functionName ?? "<function>"
        if timeout > maximumFunctionTimeout {
            return [
                Finding(
                    code: .map001, severity: .fail, title: "function timeout \(timeout) s exceeds 840 s",
                    detail: "Lambda allows 15 minutes, but functions behind Kafka (MSK or self-managed) event source "
                        + "mappings must time out within 14 minutes (840 s).",
                    fix: "aws lambda update-function-configuration --function-name \(name) --timeout 840",
                    evidence: ["Timeout": .number(Double(timeout)), "FunctionName": .string(name)])
            ]
        }
        return [Finding(code: .map001, severity: .pass, title: "function timeout \(timeout) s is within 840 s")]
    }

    /// MAP014: the function is Active and its last update did not fail (docs/aws-facts.md#kafka-specific-limits).
    package static func functionState(_ function: FunctionConfiguration) -> [Finding] {
        let name = function.functionName ?? "<function>"
        var evidence: [String: JSONValue] = [:]
        if let state = function.state { evidence["State"] = .string(state) }
        if let status = function.lastUpdateStatus { evidence["LastUpdateStatus"] = .string(status) }
        if let code = function.stateReasonCode { evidence["StateReasonCode"] = .string(code) }
        if let state = function.state, state != "Active" {
            let transient = state == "Pending"
            return [
                Finding(
                    code: .map014, severity: transient ? .warn : .fail, title: "function \(name) is \(state)",
                    detail: "The mapping invokes the function only while it is Active."
                        + (function.stateReason.map { " Lambda says: \($0)" } ?? ""),
                    fix: transient
                        ? "aws lambda wait function-active-v2 --function-name \(name)"
                        : "aws lambda get-function-configuration --function-name \(name) "
                            + "--query '[State,StateReason,StateReasonCode]', fix the cause, then update the function",
                    evidence: evidence)
            ]
        }
        if function.lastUpdateStatus == "Failed" {
            return [
                Finding(
                    code: .map014, severity: .fail, title: "the last update of function \(name) failed",
                    detail: "LastUpdateStatus is Failed"
                        + (function.lastUpdateStatusReason.map { ": \($0)" } ?? "."),
                    fix: "aws lambda get-function-configuration --function-name \(name) "
                        + "--query '[LastUpdateStatus,LastUpdateStatusReason]', then deploy the function again",
                    evidence: evidence)
            ]
        }
        return [Finding(code: .map014, severity: .pass, title: "function \(name) is \(function.state ?? "present")")]
    }

    /// MAP014 when the function could not be found (a `ResourceNotFoundException` in the snapshot's `Errors`).
    package static func functionMissing(name: String?, message: String, mappingUUID: String? = nil) -> Finding {
        Finding(
            code: .map014, severity: .fail, title: "function \(name ?? "of the mapping") does not exist",
            detail: "Reading the function failed: \(message.prefix(200))",
            fix:
                "create the function\(name.map { " \($0)" } ?? ""), or point the mapping at an existing one: aws lambda "
                + "update-event-source-mapping --uuid \(mappingUUID ?? "<uuid>") --function-name <existing function>",
            evidence: ["error": .string(String(message.prefix(200)))])
    }

    /// `StateTransitionReason` values with which Lambda itself stopped a Kafka consumer
    /// (docs/aws-facts.md#mapping-state-and-statetransitionreason).
    package static let stoppedByLambdaReasons: [String: String] = [
        "ESM_CONFIG_NOT_VALID": "the mapping's configuration is not valid",
        "EVENT_SOURCE_AUTHN_ERROR": "Lambda could not authenticate to the brokers",
        "EVENT_SOURCE_AUTHZ_ERROR": "the brokers refused Lambda access to the topic or group",
        "FUNCTION_CONFIG_NOT_VALID": "the function's configuration is not valid",
    ]

    /// MAP010: `State` should be Enabled; Lambda may stop a consumer and say why in StateTransitionReason.
    package static func state(_ mapping: EventSourceMappingConfiguration) -> [Finding] {
        guard let state = mapping.state else { return [] }
        let reason = mapping.stateTransitionReason ?? ""
        let uuid = mapping.uuid ?? "<uuid>"
        var evidence: [String: JSONValue] = ["State": .string(state)]
        if !reason.isEmpty { evidence["StateTransitionReason"] = .string(reason) }
        if let meaning = stoppedByLambdaReasons[reason] {
            return [
                Finding(
                    code: .map010, severity: .fail, title: "Lambda stopped the mapping: \(reason)",
                    detail: "State is \(state); StateTransitionReason \(reason) means \(meaning). See "
                        + "LastProcessingResult and the other findings for the cause.",
                    fix: "fix the cause, then: aws lambda update-event-source-mapping --uuid \(uuid) --enabled",
                    evidence: evidence)
            ]
        }
        switch state {
        case "Enabled":
            return [Finding(code: .map010, severity: .pass, title: "the mapping is Enabled", evidence: evidence)]
        case "Disabled":
            return [
                Finding(
                    code: .map010, severity: .warn, title: "the mapping is Disabled",
                    detail: "State is Disabled" + (reason.isEmpty ? "" : " (\(reason))") + ": it reads nothing.",
                    fix: "aws lambda update-event-source-mapping --uuid \(uuid) --enabled", evidence: evidence)
            ]
        case "Creating", "Enabling", "Updating", "Disabling":
            return [
                Finding(
                    code: .map010, severity: .warn, title: "the mapping is \(state)",
                    detail: "The mapping is changing state; check again in a few minutes.",
                    fix: "aws lambda get-event-source-mapping --uuid \(uuid) --query State", evidence: evidence)
            ]
        default:
            return [
                Finding(
                    code: .map010, severity: .fail, title: "the mapping is \(state)",
                    detail: "State is \(state)" + (reason.isEmpty ? "" : " (\(reason))") + "; only Enabled reads.",
                    fix: "aws lambda create-event-source-mapping … (the mapping is going away)", evidence: evidence)
            ]
        }
    }

    /// MAP015: OffsetLag (`AWS/Lambda`, records) rising over the window of a GetMetricData result: a
    /// least-squares slope above zero and a last value above the first. An inference about the trend, hence
    /// `warn` (docs/aws-facts.md#metrics). Fewer than three points give `info`.
    package static func offsetLag(_ output: GetMetricDataOutput, mappingUUID: String? = nil) -> [Finding] {
        let result = output.metricDataResults?.first
        let points = zip(result?.timestamps ?? [], result?.values ?? []).map { ($0.0.date, $0.1) }
        return offsetLag(points: points, metric: "OffsetLag", scope: nil, mappingUUID: mappingUUID)
    }

    /// MAP015 over points of `metric` (`OffsetLag` per function, or the mapping's own `MaxOffsetLag`); `scope`,
    /// when given, says whose lag it is, in the detail and the evidence.
    package static func offsetLag(
        points unsorted: [(Date, Double)], metric: String, scope: String?, mappingUUID: String? = nil
    ) -> [Finding] {
        let points = unsorted.map { (AWSTimestamp($0.0), $0.1) }.sorted { $0.0 < $1.0 }
        let scopeNote = scope.map { " (\($0))" } ?? ""
        guard points.count >= 3 else {
            return [
                Finding(
                    code: .map015, severity: .info, title: "too few \(metric) points to see a trend (\(points.count))",
                    detail: "GetMetricData returned \(points.count) data points; three or more are needed.",
                    fix: "capture a longer window, e.g. the last hour at a 60 s period")
            ]
        }
        let xs = points.map { $0.0.date.timeIntervalSince(points[0].0.date) }
        let ys = points.map(\.1)
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        let covariance = zip(xs, ys).reduce(0.0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let variance = xs.reduce(0.0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let slopePerMinute = variance > 0 ? covariance / variance * 60 : 0
        let first = ys[0]
        let last = ys[ys.count - 1]
        var evidence: [String: JSONValue] = [
            "first": .number(first), "last": .number(last), "points": .number(Double(points.count)),
            "slopePerMinute": .number((slopePerMinute * 100).rounded() / 100),
            "from": .string(ISO8601Instant.format(points[0].0.date)),
            "to": .string(ISO8601Instant.format(points[points.count - 1].0.date)), "metric": .string(metric),
        ]
        if let scope { evidence["scope"] = .string(scope) }
        if slopePerMinute > 0 && last > first {
            return [
                Finding(
                    code: .map015, severity: .warn,
                    title: "\(metric) rose from \(Int(first)) to \(Int(last)) records",
                    detail:
                        "Over \(points.count) points the lag\(scopeNote) grew by about \(Int(slopePerMinute.rounded())) "
                        + "records a minute: the function does not keep up, or the consumer is stuck. On-demand "
                        + "pollers scale within about 3 minutes (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html).",
                    fix: "check the function's errors and duration; raise BatchSize, or set provisioned pollers: "
                        + "aws lambda update-event-source-mapping --uuid \(mappingUUID ?? "<uuid>") --provisioned-poller-config "
                        + "MinimumPollers=2,MaximumPollers=20",
                    evidence: evidence)
            ]
        }
        return [
            Finding(
                code: .map015, severity: .pass, title: "\(metric) is not rising (\(Int(first)) → \(Int(last)))",
                evidence: evidence)
        ]
    }
}
