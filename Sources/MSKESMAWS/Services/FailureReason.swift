import MSKESMCore

/// The one-line reason of a failed call, in the two places it goes.
public enum FailureReason {
    /// "Code: message" for AWS errors, as a snapshot's `Errors` records it (the same answer always records the
    /// same text).
    public static func recorded(_ error: Error) -> String {
        describe(error, withRequestID: false)
    }

    /// The same for error lines and findings people read: an AWS error also names its request ID, which AWS
    /// support asks for.
    public static func reported(_ error: Error) -> String {
        describe(error, withRequestID: true)
    }

    private static func describe(_ error: Error, withRequestID: Bool) -> String {
        switch error {
        case let error as AWSError: return withRequestID ? error.descriptionWithRequestID : error.description
        case let error as TransportError: return "ConnectionError: \(error.message)"
        case let error as ToolError: return error.description
        case let error as CredentialError: return "CredentialError: \(error.reason)"
        default: return String(describing: error)
        }
    }
}
