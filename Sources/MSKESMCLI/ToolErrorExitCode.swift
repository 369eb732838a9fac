import MSKESMCore

extension ToolError {
    /// The process exit code of an error of this kind (docs/output.md#exit-codes): the CLI's business, not the
    /// core's, which reports only the kind and the code of the cause.
    var exitCode: Int32 {
        switch kind {
        case .usage: 2
        case .remote: 3
        case .interrupted: 130
        }
    }
}
