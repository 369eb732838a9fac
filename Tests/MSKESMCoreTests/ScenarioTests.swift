import Foundation
import Testing

@testable import MSKESMCore

/// The scenario snapshots of Tests/Fixtures/scenarios/ against their README table; the preflight against the
/// doctor over each; and the fixes of every example and scenario against the values their snapshot knows.
struct ScenarioTests {
    static let now = DoctorTests.now
    static let directory = MappingFactsDefectTests.scenarios

    /// The README's rows: file, verdict, codes.
    static func rows() throws -> [(file: String, verdict: String, codes: [String])] {
        try SnapshotTestSupport.tableRows(
            directory.appendingPathComponent("README.md"), verdictColumn: 2, codesColumn: 3)
    }

    /// Every example and every scenario.
    static func allSnapshots() throws -> [String] {
        let examples = try FileManager.default.contentsOfDirectory(atPath: SnapshotTestSupport.examples.path)
            .filter { $0.hasSuffix(".json") }.map { SnapshotTestSupport.examples.appendingPathComponent($0).path }
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.map { directory.appendingPathComponent($0).path }
        return (examples + scenarios).sorted()
    }

    @Test func thereAreAtLeastThirtyScenariosAllInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 30)
        #expect(try Self.rows().map(\.file).sorted() == files)
    }

    @Test(arguments: try rows().map(\.file))
    func scenarioDiagnosesAsTheTableSays(file: String) throws {
        let row = try #require(try Self.rows().first { $0.file == file })
        try SnapshotTestSupport.expectDiagnosis(
            Self.directory.appendingPathComponent(file).path, verdict: row.verdict, codes: row.codes, at: Self.now)
    }

    /// The preflight is the doctor minus the checks that judge a running mapping: on the same environment, the
    /// checks both run give the same findings, and the others are not in the preflight at all (not skipped).
    @Test(arguments: try allSnapshots())
    func preflightAndDoctorAgreeOnTheChecksBothRun(path: String) throws {
        let snapshot = try Snapshot.load(path: path)
        let doctor = try Doctor().run(snapshot, at: Self.now)
        let preflight = try Doctor.preflight.run(snapshot, at: Self.now)
        let runningOnly = Set(
            DoctorCatalogue.checks.filter(\.judgesExistingMapping).flatMap(\.codes).map(\.code))
        #expect(!runningOnly.isEmpty)
        let shared = doctor.findings.filter { !runningOnly.contains($0.code) }
        #expect(preflight.findings == shared)
        #expect(!preflight.findings.contains { runningOnly.contains($0.code) })
        func ran(_ report: CheckReport<DoctorSummary>) -> Set<String> {
            Set(report.summary.checks)
        }
        let runningNames = Set(DoctorCatalogue.checks.filter(\.judgesExistingMapping).map(\.name))
        #expect(ran(preflight) == ran(doctor).subtracting(runningNames))
    }

    /// A fix names what the snapshot knows: no `<uuid>`, `<cluster>`, `<version>`, `<topic>`,
    /// `<boundary-policy-arn>` or `UUID` placeholder when the snapshot holds its value.
    @Test(arguments: try allSnapshots())
    func fixesUseTheValuesTheSnapshotHolds(path: String) throws {
        let snapshot = try Snapshot.load(path: path)
        let mapping = snapshot.eventSourceMapping
        var known: [String] = []
        if mapping.uuid != nil { known += ["<uuid>", "--uuid UUID", "snapshot UUID", "<mapping-uuid>"] }
        if snapshot.cluster?.clusterInfo?.clusterArn != nil || mapping.eventSourceArn?.contains(":cluster/") == true {
            known.append("<cluster>")
        }
        if snapshot.cluster?.clusterInfo?.currentVersion != nil { known.append("<version>") }
        if MappingSettings(mapping).topic != nil { known.append("<topic>") }
        if snapshot.role?.role?.permissionsBoundary?.permissionsBoundaryArn != nil {
            known.append("<boundary-policy-arn>")
        }
        for report in [try Doctor().run(snapshot, at: Self.now), try Doctor.preflight.run(snapshot, at: Self.now)] {
            for finding in report.findings {
                for placeholder in known {
                    #expect(
                        !finding.fix.contains(placeholder),
                        "\(URL(fileURLWithPath: path).lastPathComponent): \(finding.code) fix has \(placeholder): \(finding.fix)"
                    )
                }
            }
        }
    }
}
