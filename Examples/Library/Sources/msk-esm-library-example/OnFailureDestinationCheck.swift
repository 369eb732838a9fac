import MSKESMCore

/// A house rule the doctor does not know: every mapping sends the batches it gives up on to an on-failure
/// destination (an SQS queue, SNS topic, S3 bucket or Kafka topic), so that no record is dropped silently.
/// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
struct OnFailureDestinationCheck: DoctorCheck {
    /// Outside the doctor's prefixes (MAP, BRK, SEC, IAM, NET, ACC, PRB), so it cannot collide with theirs.
    static let code = FindingCode("ORG001", "the mapping has no on-failure destination")

    let name = "org-on-failure-destination"
    var codes: [FindingCode] { [Self.code] }

    func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [] }

    func run(_ context: DoctorContext) throws -> [Finding] {
        let mapping = context.snapshot.eventSourceMapping
        if let destination = mapping.destinationConfig?.onFailure?.destination, !destination.isEmpty {
            return [Finding(code: Self.code, severity: .pass, title: "failed batches go to \(destination)")]
        }
        return [
            Finding(
                code: Self.code, severity: .warn, title: "the mapping has no on-failure destination",
                detail: "our rule: a batch Lambda gives up on must be kept, not dropped",
                fix:
                    "aws lambda update-event-source-mapping --uuid \(mapping.uuid ?? "UUID") --destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:REGION:ACCOUNT:QUEUE\"}}'"
            )
        ]
    }
}
