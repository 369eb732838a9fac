extension FindingCode {
    /// The ACC codes: what the *caller* of msk-esm could not read
    /// (docs/findings.md#acc-what-the-caller-could-not-read).
    public static let accessCodes: [FindingCode] = [acc001, acc002]

    /// ACC001: the caller of msk-esm was denied a read (an `AccessDenied`-like `Errors` entry); names the permission.
    public static let acc001 = FindingCode(
        "ACC001", "a read was denied; names the call and the permission the caller needs")
    /// ACC002: a read failed for another reason; the checks that needed the part are skipped.
    public static let acc002 = FindingCode(
        "ACC002", "a read failed for another reason (not found, throttled, …); the checks that needed it are skipped")
}
