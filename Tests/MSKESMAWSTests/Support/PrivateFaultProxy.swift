import Foundation

/// A fault proxy of a test's own in front of the shared test bed: faults configured and requests counted here
/// touch no other suite running at the same time (the bed's own proxy is shared by all of them).
final class PrivateFaultProxy: @unchecked Sendable {
    let process: PythonProcess
    let url: String

    init(bed: TestBed) throws {
        process = try PythonProcess(
            script: "fault_proxy.py",
            arguments: [
                "--port", "0", "--testbed-port", String(bed.info["testbedPort"]?.intValue ?? 0),
                "--moto-port", String(bed.info["motoPort"]?.intValue ?? 0), "--exit-with-stdin",
            ])
        url = "http://127.0.0.1:\(process.port)"
    }
}
