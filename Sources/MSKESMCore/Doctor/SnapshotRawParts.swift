import Foundation

extension Snapshot {
    /// Reads every raw part (kept as JSON until a check needs it) as the checks that need it do: the EC2
    /// parts as the network checks (``DoctorContext/networkInputs()``), the role's policies, boundary and trust
    /// policy as the IAM checks (``DoctorContext/mappingPermissionContext()``). A part of the wrong type is the
    /// `ToolError` (exit 2) those checks would throw, naming the file and the JSON path — thrown when the
    /// snapshot is read, so `brokers explain` or `policy check` refuse the file just as `doctor` does.
    public func checkRawParts() throws {
        let context = DoctorContext(snapshot: self, now: Date())
        _ = try context.networkInputs()
        _ = try context.mappingPermissionContext()
    }
}
