extension FindingCode {
    /// The LNT codes: what `msk-esm lint` finds in a template itself (docs/findings.md#lnt-templates).
    public static let lintCodes: [FindingCode] = [lnt001, lnt002]

    /// LNT001 (`info`): the template declares no Kafka event source mapping.
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html
    public static let lnt001 = FindingCode("LNT001", "the template declares no Kafka event source mapping")

    /// LNT002 (`warn`, `info`, `skipped`): a Terraform plan replaces a Kafka mapping (a create-only attribute
    /// changes, or it is tainted): the new consumer starts at StartingPosition unless it keeps the consumer group.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
    public static let lnt002 = FindingCode(
        "LNT002", "a Terraform plan replaces a Kafka mapping: its consumer restarts at StartingPosition")
}
