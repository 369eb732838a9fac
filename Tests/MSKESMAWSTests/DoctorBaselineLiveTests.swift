import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// `msk-esm doctor --all --baseline FILE [--new-only]` against the fleet test bed (start_for_fleet.py), with
/// baselines the binary wrote itself and edited copies of them (docs/output.md, "Changes since a baseline").
@Suite(
    "doctor baseline live", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct DoctorBaselineLiveTests {
    let fleet = ["doctor", "--all", "--function-prefix", "fleet-fn-"]

    func decode(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    /// The (UUID, code) pairs of the fail and warn findings of mapping documents: counted independently of the
    /// tool's own key type.
    func problems(_ mappings: [JSONValue]) -> Set<String> {
        var keys: Set<String> = []
        for mapping in mappings {
            for finding in mapping["findings"]?.arrayValue ?? []
            where ["fail", "warn"].contains(finding["severity"]?.stringValue) {
                keys.insert("\(mapping["uuid"]?.stringValue ?? "") \(finding["code"]?.stringValue ?? "")")
            }
        }
        return keys
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID())-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a json report is streamed mappings first, verdict last, in the same order as jsonl")
    func streamedOrder() async throws {
        let bed = try await FleetTestBed.shared()
        let json = try await NiceRunner.run(fleet + ["--output", "json"], environment: bed.environment())
        let jsonl = try await NiceRunner.run(fleet + ["--output", "jsonl"], environment: bed.environment())
        let document = try decode(json.stdout)
        let lines = try jsonl.stdout.split(separator: "\n").map { try decode(String($0)) }
        #expect(
            (document["mappings"]?.arrayValue ?? []).compactMap { $0["uuid"]?.stringValue }
                == lines.compactMap { $0["uuid"]?.stringValue })
        #expect(lines.count == 40)
        let mappingsAt = try #require(json.stdout.range(of: "\"mappings\""))
        let verdictAt = try #require(json.stdout.range(of: "\"verdict\"", options: .backwards))
        #expect(mappingsAt.lowerBound < verdictAt.lowerBound)
        #expect(document["verdict"]?.stringValue == "fail")
    }

    @Test("the run's own report as baseline (json and jsonl): nothing new or fixed, every problem unchanged")
    func unchanged() async throws {
        let bed = try await FleetTestBed.shared()
        for format in ["json", "jsonl"] {
            let first = try await NiceRunner.run(fleet + ["--output", format], environment: bed.environment())
            let mappings =
                format == "json"
                ? try decode(first.stdout)["mappings"]?.arrayValue ?? []
                : try first.stdout.split(separator: "\n").map { try decode(String($0)) }
            let path = try write(first.stdout, "report.\(format)")
            let again = try await NiceRunner.run(
                fleet + ["--output", "json", "--baseline", path], environment: bed.environment())
            let changes = try decode(again.stdout)["baseline"]
            #expect(changes?["new"]?.intValue == 0)
            #expect(changes?["fixed"]?.intValue == 0)
            #expect(changes?["unchanged"]?.intValue == problems(mappings).count)
            #expect(problems(mappings).count > 0)
            #expect(again.exitCode == 1, "the fleet fails: without --new-only the verdict decides")
            let newOnly = try await NiceRunner.run(
                fleet + ["--baseline", path, "--new-only"], environment: bed.environment())
            #expect(newOnly.exitCode == 0, "\(newOnly.stderr)")
            #expect(newOnly.stdout.contains("since the baseline: 0 new, 0 fixed"))
        }
    }

    @Test(
        "an edited jsonl baseline: a mapping's problems left out are new (exit 1 with --new-only), an extra one is fixed"
    )
    func newAndFixed() async throws {
        let bed = try await FleetTestBed.shared()
        let first = try await NiceRunner.run(fleet + ["--output", "jsonl"], environment: bed.environment())
        var lines = try first.stdout.split(separator: "\n").map { try decode(String($0)) }
        let dropped = problems([lines[0]]).count
        guard case .object(var edited) = lines[0], case .object(var other) = lines[1] else {
            Issue.record("not objects")
            return
        }
        edited["findings"] = .array([])
        var findings = other["findings"]?.arrayValue ?? []
        findings.append(["code": "MAP999", "severity": "fail", "title": "gone since"])
        other["findings"] = .array(findings)
        lines[0] = .object(edited)
        lines[1] = .object(other)
        let text = lines.map { JSONWriter.write($0, pretty: false) }.joined(separator: "\n") + "\n"
        let path = try write(text, "edited.jsonl")
        let result = try await NiceRunner.run(
            fleet + ["--output", "jsonl", "--baseline", path, "--new-only"], environment: bed.environment())
        #expect(result.exitCode == 1)
        let last = try decode(String(result.stdout.split(separator: "\n").last ?? ""))["baseline"]
        #expect(last?["new"]?.intValue == dropped)
        #expect(last?["fixed"]?.intValue == 1)
        #expect(last?["fixedFindings"]?.arrayValue?.first?["code"]?.stringValue == "MAP999")
    }

    @Test(
        "a bad baseline file: one-line error naming --baseline, exit 2",
        arguments: ["not json\n", "{\"mappings\": [", ""])
    func badBaseline(content: String) async throws {
        let bed = try await FleetTestBed.shared()
        let path = try write(content, "bad.json")
        let result = try await NiceRunner.run(fleet + ["--baseline", path], environment: bed.environment())
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--baseline"))
        #expect(result.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
