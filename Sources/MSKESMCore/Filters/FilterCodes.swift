extension FindingCode {
    /// The FLT codes: the mapping's event filters, `FilterCriteria` (docs/findings.md#flt-event-filters).
    public static let filterCodes: [FindingCode] = [flt001, flt002, flt003, flt004, flt005, flt006]

    /// FLT001 (`fail`): a filter pattern is not valid JSON, not a pattern, or uses an operator Lambda does not list.
    /// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
    public static let flt001 = FindingCode(
        "FLT001",
        "a filter pattern is not JSON, not a pattern, or uses an operator Lambda's filter syntax does not list")
    /// FLT002 (`fail`): a pattern filters on `key`, `headers` or another field than `value`, which never matches a
    /// Kafka record. https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html
    public static let flt002 = FindingCode(
        "FLT002", "a pattern filters on key, headers or another field than value: it never matches a Kafka record")
    /// FLT003 (`fail` or `warn`): a pattern can never match (an empty numeric range, a `$or` of impossible
    /// alternatives, JSON fields where the records are plain strings). https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
    public static let flt003 = FindingCode(
        "FLT003",
        "a pattern can never match: an empty numeric range, a $or of impossible alternatives, or JSON fields "
            + "where the records are plain strings")
    /// FLT004 (`fail` or `warn`): more filters than the quota (5 by default, at most 10 after an increase).
    /// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
    public static let flt004 = FindingCode(
        "FLT004", "more filters than the quota: 5 per mapping by default, at most 10 after a quota increase")
    /// FLT005 (`fail`): a pattern is longer than 4,096 characters.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html
    public static let flt005 = FindingCode("FLT005", "a filter pattern is longer than 4,096 characters")
    /// FLT006 (`fail` or `warn`): the filter criteria's KMS key cannot be used (FilterCriteriaError, a key that is
    /// not enabled) or the filters could not be read to be checked.
    /// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filter-criteria-encryption
    public static let flt006 = FindingCode(
        "FLT006",
        "the KMS key of the filter criteria cannot be used (FilterCriteriaError, a key not enabled), or the "
            + "encrypted filters could not be read")
}
