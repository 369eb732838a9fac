import Foundation

/// Runs the built `msk-esm` binary with exactly the given environment (plus PATH), capturing its output.
enum BinaryRunner {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        let directory = Bundle.main.bundleURL
        let candidate = directory.appendingPathComponent("msk-esm")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return directory.deletingLastPathComponent().appendingPathComponent("msk-esm")
    }

    static func run(_ arguments: [String], environment: [String: String], directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        let outData = Captured()
        let errData = Captured()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.append(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
                group.leave()
            }
        }
        process.waitUntilExit()
        group.wait()
        return Result(exitCode: process.terminationStatus, stdout: outData.text, stderr: errData.text)
    }
}
