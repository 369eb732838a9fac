/// MAP011: what each known `LastProcessingResult` text means (docs/aws-facts.md#lastprocessingresult-strings), and
/// which findings of the other checks name its cause. The cause often depends on how Lambda authenticates, so the
/// explanation takes the chosen ``AuthMethod``.
package enum ProcessingResult {
    /// What the fixes name, as far as the caller knows it; a placeholder stands for what it does not.
    package struct FixValues: Sendable {
        package var uuid: String?
        package var clusterArn: String?
        package var topic: String?
        /// The consumer group: the custom id, else the UUID.
        package var group: String?
        package var secretArn: String?

        package init(
            uuid: String? = nil, clusterArn: String? = nil, topic: String? = nil, group: String? = nil,
            secretArn: String? = nil
        ) {
            self.uuid = uuid
            self.clusterArn = clusterArn
            self.topic = topic
            self.group = group
            self.secretArn = secretArn
        }

        var uuidText: String { uuid ?? "<uuid>" }
        var clusterText: String { clusterArn ?? "<cluster>" }
        var topicText: String { topic ?? "<topic>" }
        var groupText: String { group ?? uuid ?? "<uuid>" }
        var secretText: String { secretArn ?? "<secret>" }
    }

    /// One known result text.
    package struct Known: Sendable {
        /// A case-insensitive fragment that identifies the text.
        package var fragment: String
        /// The meaning, by method; `nil` key = any method.
        package var meaning: @Sendable (AuthMethod?) -> String
        /// The codes of the findings that name the cause, by method.
        package var relatedCodes: @Sendable (AuthMethod?) -> [String]
        package var fix: @Sendable (AuthMethod?, FixValues) -> String
        /// `fail` for a documented problem, `warn` for one that is intermittent or not diagnosable.
        package var severity: Severity
    }

    package static let known: [Known] = [
        Known(
            fragment: "Cluster failed to authorize Lambda",
            meaning: { method in
                method == .iam
                    ? "The brokers accepted the login but the execution role lacks kafka-cluster group or topic "
                        + "actions (DescribeGroup, AlterGroup, DescribeTopic, ReadData) on the mapping's topic and "
                        + "group (the group is the mapping's UUID unless a consumer group id is set)."
                    : "The brokers accepted the login but the principal lacks Kafka ACLs: DescribeConfigs on the "
                        + "cluster, Describe and Read on the group (the mapping's UUID or custom id), Describe and "
                        + "Read on the topic. ACL changes can take minutes to apply."
            },
            relatedCodes: { $0 == .iam ? ["IAM001", "IAM002", "IAM003", "IAM005"] : [] },
            fix: { method, values in
                method == .iam
                    ? "allow kafka-cluster:DescribeGroup, AlterGroup, DescribeTopic, ReadData on the topic and group "
                        + "ARNs (msk-esm policy check shows the statement)"
                    : "kafka-acls.sh --bootstrap-server <brokers> --add --allow-principal User:<principal> "
                        + "--operation Read --operation Describe --topic \(values.topicText) --group \(values.groupText)"
            }, severity: .fail),
        Known(
            fragment: "SASL authentication failed",
            meaning: { method in
                method == .iam
                    ? "The execution role lacks kafka-cluster:Connect on the cluster ARN. It can also be intermittent "
                        + "when the cluster refuses connections above its TCP connection quota."
                    : "Wrong username or password in the SASL secret, or (MSK) the secret is not associated with "
                        + "the cluster. It can also be intermittent under the MSK connection quota."
            },
            // An MSK SCRAM secret also fails when SCRAM is off on the cluster (BRK001), or when MSK cannot use
            // it: the AmazonMSK_ name (SEC016) and a customer-managed key (SEC017) are required
            // (https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).
            relatedCodes: {
                $0 == .iam
                    ? ["IAM001", "IAM002", "IAM003"] : ["BRK001", "SEC015", "SEC016", "SEC017", "SEC021", "SEC018"]
            },
            fix: { method, values in
                method == .iam
                    ? "allow kafka-cluster:Connect on the cluster ARN in the execution role"
                    : "check the secret's username and password; for MSK the secret must be associated: aws kafka "
                        + "batch-associate-scram-secret --cluster-arn \(values.clusterText) --secret-arn-list "
                        + values.secretText
            }, severity: .fail),
        Known(
            fragment: "Server failed to authenticate Lambda",
            meaning: { _ in
                "mTLS failed: no client certificate was given, the brokers do not have mTLS on, or the client "
                    + "certificate is not signed by a CA in the brokers' trust store (the cluster's AWS Private CA)."
            },
            // No usable method (BRK002) or a secret on MSK Serverless (BRK004) fail the same way.
            relatedCodes: { _ in ["BRK001", "BRK002", "BRK004", "SEC004", "SEC005", "SEC023"] },
            fix: { _, _ in "issue the client certificate from the cluster's AWS Private CA, with the full chain" },
            severity: .fail),
        Known(
            fragment: "Lambda failed to authenticate server",
            meaning: { _ in
                "The brokers' certificate is not trusted: a private or self-signed CA without a "
                    + "SERVER_ROOT_CA_CERTIFICATE secret, the wrong root CA, or a broker certificate whose SAN "
                    + "lacks the advertised host name."
            },
            relatedCodes: { _ in ["SEC020"] },
            fix: { _, _ in
                "add {\"Type\":\"SERVER_ROOT_CA_CERTIFICATE\",\"URI\":\"<secret ARN>\"} holding the brokers' root CA"
            }, severity: .fail),
        Known(
            fragment: "Provided certificate or private key is invalid",
            meaning: { _ in
                "Lambda could not use the mTLS secret: not PEM, a key that is not PKCS#8, or a key encrypted with "
                    + "PBES2 (Lambda reads PBES1 only)."
            },
            relatedCodes: { _ in ["SEC003", "SEC008", "SEC009", "SEC010", "SEC011", "SEC013", "SEC014"] },
            fix: { _, _ in "msk-esm secret fix <secret.json> --write fixed.json, then put the fixed value" },
            severity: .fail),
        Known(
            fragment: "must be able to connect to Lambda and STS",
            meaning: { _ in
                "The mapping's subnets have no NAT gateway and no Lambda and STS interface endpoints (or their "
                    + "security groups block 443)."
            },
            relatedCodes: { _ in ["NET002", "NET004", "NET006", "NET007", "NET010"] },
            fix: { _, _ in
                "aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.sts "
                    + "--vpc-id <vpc> --subnet-ids <subnets> --security-group-ids <sg> (and the same for lambda)"
            }, severity: .fail),
        Known(
            fragment: "must be able to connect to STS",
            meaning: { _ in "The mapping's subnets have no path to STS (no NAT gateway, no STS endpoint)." },
            relatedCodes: { _ in ["NET004", "NET007"] },
            fix: { _, _ in
                "aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.sts "
                    + "--vpc-id <vpc> --subnet-ids <subnets> --security-group-ids <sg>"
            }, severity: .fail),
        Known(
            fragment: "must be able to connect to OnFailure Destination",
            meaning: { _ in "The cluster VPC has no endpoint or NAT path to the SQS, SNS or S3 on-failure destination."
            },
            relatedCodes: { _ in ["NET008", "IAM007"] },
            fix: { _, _ in "create an interface (SQS, SNS) or gateway (S3) VPC endpoint in the cluster VPC" },
            severity: .fail),
        Known(
            fragment: "Connection error",
            meaning: { _ in
                "Lambda could not reach the brokers: a security group, network ACL or route blocks the broker port, "
                    + "or (once connected) the cluster is offline or saturated, or the topic does not exist."
            },
            relatedCodes: { _ in ["NET001", "NET003", "BRK006"] },
            fix: { _, _ in
                "allow the broker port inbound from the cluster's own security group (a self-referencing rule)"
            }, severity: .fail),
        Known(
            fragment: "failed to assume your function execution role",
            meaning: { _ in
                "The role's trust policy does not let lambda.amazonaws.com assume it, or a VPC endpoint policy "
                    + "denies sts:AssumeRole."
            },
            relatedCodes: { _ in ["IAM004", "NET010"] },
            fix: { _, _ in
                "add {\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                    + "\"Action\":\"sts:AssumeRole\"} to the role's trust policy"
            }, severity: .fail),
        Known(
            fragment: "Lambda internal error",
            meaning: { _ in
                "Not diagnosable from outside; a user report ties it to a misconfigured cluster or secret."
            },
            relatedCodes: { _ in [] },
            fix: { _, _ in "check the other findings; if none explains it, contact AWS Support with the mapping's UUID"
            },
            severity: .warn),
    ]

    /// The entry for a result text, if it is known.
    package static func match(_ text: String) -> Known? {
        known.first { text.containsIgnoringCase($0.fragment) }
    }

    /// MAP011 for a mapping's `LastProcessingResult`; `method` is the broker choice when known, `values` what
    /// the fix names.
    package static func findings(_ result: String?, method: AuthMethod?, values: FixValues = FixValues()) -> [Finding] {
        guard let result, !result.isEmpty else { return [] }
        let trimmed = result.trimmingSpaces()
        if trimmed == "OK" || trimmed.hasPrefix("No records processed") {
            return [Finding(code: .map011, severity: .pass, title: "LastProcessingResult: \(trimmed)")]
        }
        let evidence: [String: JSONValue] = ["LastProcessingResult": .string(String(trimmed.prefix(300)))]
        guard let known = match(trimmed) else {
            let problem = trimmed.hasPrefix("PROBLEM")
            return [
                Finding(
                    code: .map011, severity: problem ? .fail : .info,
                    title: problem
                        ? "LastProcessingResult reports a problem" : "LastProcessingResult: \(trimmed.prefix(80))",
                    detail:
                        "Lambda reports: \(trimmed.prefix(300)). This text is not in msk-esm's list of known results.",
                    fix: problem
                        ? "check the other findings and the mapping's logs (LoggingConfig SystemLogLevel INFO)" : "",
                    evidence: evidence)
            ]
        }
        var withRelated = evidence
        let related = known.relatedCodes(method)
        withRelated["relatedCodes"] = .array(related.map(JSONValue.string))
        if let method { withRelated["method"] = .string(method.rawValue) }
        return [
            Finding(
                code: .map011, severity: known.severity, title: "LastProcessingResult: \(trimmed.prefix(100))",
                detail: known.meaning(method)
                    + (related.isEmpty
                        ? "" : " Findings that name the cause: " + related.joined(separator: ", ") + "."),
                fix: known.fix(method, values), evidence: withRelated)
        ]
    }
}
