extension FindingCode {
    /// The REG codes: the mapping's Kafka schema registry (`KafkaSchemaRegistryConfig`)
    /// (docs/findings.md#reg-schema-registries).
    public static let schemaRegistryCodes: [FindingCode] = [reg001, reg002, reg003, reg004, reg005, reg006, reg007]

    /// REG001 (`fail`): a schema registry on a mapping that is not in provisioned mode.
    /// https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html
    public static let reg001 = FindingCode(
        "REG001", "a schema registry is configured but the mapping is not in provisioned mode")
    /// REG002 (`fail`): `SchemaRegistryURI` is neither a Glue registry ARN nor an https Confluent URL.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_KafkaSchemaRegistryConfig.html
    public static let reg002 = FindingCode(
        "REG002", "the schema registry URI is neither a Glue registry ARN nor an https Confluent URL")
    /// REG003 (`fail`): `AccessConfigs` that do not fit the registry: any on Glue, unknown types, more than two,
    /// or URIs that are not Secrets Manager ARNs; (`warn`) two authentications or one type twice (inferred).
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-schemaregistryaccessconfig.html
    public static let reg003 = FindingCode(
        "REG003", "the registry's AccessConfigs do not fit it (Glue takes none; Confluent: one auth, one root CA)")
    /// REG004 (`fail`/`warn`): `EventRecordFormat` and `SchemaValidationConfigs` that do not combine.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_KafkaSchemaRegistryConfig.html
    public static let reg004 = FindingCode(
        "REG004", "EventRecordFormat / SchemaValidationConfigs: missing, unknown or repeated values")
    /// REG005 (`fail`): the execution role lacks `glue:GetRegistry` or `glue:GetSchemaVersion` for a Glue registry.
    /// https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html
    public static let reg005 = FindingCode(
        "REG005", "the execution role lacks glue:GetRegistry or glue:GetSchemaVersion on the Glue registry")
    /// REG006 (`fail`): the mapping's subnets have no path to AWS Glue (interface endpoint or NAT gateway).
    /// https://docs.aws.amazon.com/glue/latest/dg/vpc-interface-endpoints.html
    public static let reg006 = FindingCode(
        "REG006", "the mapping's subnets have no path to AWS Glue (a glue interface endpoint or a NAT gateway)")
    /// REG007 (`warn`): a Confluent registry that the mapping's subnets may not reach (a public name, no NAT).
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let reg007 = FindingCode(
        "REG007", "the Confluent registry may be out of the mapping's reach: a public URL and no NAT gateway route")
}
