import Foundation

extension DoctorContext {
    /// Reads every raw part (kept as JSON until a check needs it) as the checks that need it do: the EC2
    /// parts as the network checks (``networkInputs()``), the role's policies, boundary and trust policy as the
    /// IAM checks (``mappingPermissionContext()``). A part of the wrong type is the `ToolError` (exit 2) those
    /// checks would throw, naming the file and the JSON path — thrown before any check runs, whichever checks
    /// run. The decoded parts stay with the context, so the checks do not decode them again.
    public func checkRawParts() throws {
        _ = try networkInputs()
        _ = try mappingPermissionContext()
    }
}

extension Snapshot {
    /// ``DoctorContext/checkRawParts()`` for a snapshot read by a command that does not run the doctor, so
    /// that `brokers explain` or `policy check` refuse the file just as `doctor` does.
    public func checkRawParts() throws {
        try DoctorContext(snapshot: self, now: Date()).checkRawParts()
    }
}
