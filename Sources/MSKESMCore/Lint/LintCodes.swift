extension FindingCode {
    /// The LNT codes: what `msk-esm lint` finds in a template itself (docs/findings.md#lnt-templates).
    public static let lintCodes: [FindingCode] = [lnt001]

    /// LNT001 (`info`): the template declares no Kafka event source mapping.
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html
    public static let lnt001 = FindingCode("LNT001", "the template declares no Kafka event source mapping")
}
