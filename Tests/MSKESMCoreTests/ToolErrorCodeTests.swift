import Foundation
import MSKESMCore
import Testing

/// A caller of the core tells failures apart by `ToolError.code`, not by message text: each input failure the
/// core reports carries the code of its cause, and every code is documented (docs/output.md#error-codes).
@Suite("error codes")
struct ToolErrorCodeTests {
    static let directory: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("msk-esm-codes-\(UUID())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func file(_ name: String, _ text: String) -> String {
        let path = directory.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// The code of the `ToolError` that `body` throws; nil when it throws none.
    static func code(_ body: () throws -> Void) -> ToolError.Code? {
        do {
            try body()
            return nil
        } catch let error as ToolError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func eachInputFailureHasTheCodeOfItsCause() throws {
        let missing = Self.directory.appendingPathComponent("nosuch.json").path
        #expect(Self.code { _ = try Snapshot.load(path: missing) } == .inputNotFound)
        #expect(Self.code { _ = try Snapshot.load(path: Self.directory.path) } == .inputUnreadable)
        #expect(Self.code { _ = try Snapshot.load(path: Self.file("empty.json", "")) } == .inputEmpty)
        #expect(
            Self.code { _ = try Snapshot.load(path: Self.file("syntax.json", "{\"SnapshotVersion\": 1,")) }
                == .inputSyntax)
        #expect(
            Self.code {
                _ = try Snapshot.load(
                    path: Self.file("shape.json", #"{"SnapshotVersion":"one","EventSourceMapping":{}}"#))
            }
                == .inputShape)
        #expect(Self.code { _ = try SecretInput.parse("just words", label: "secret.txt") } == .secretUnusable)
        let big = String(repeating: "a", count: InputReader.maximumSize + 1)
        #expect(Self.code { _ = try InputReader.data(from: Self.file("big.json", big)) } == .inputTooLarge)
        let binary = Self.directory.appendingPathComponent("binary.pem").path
        _ = FileManager.default.createFile(atPath: binary, contents: Data([0x30, 0x82, 0xff, 0xfe]))
        #expect(Self.code { _ = try InputReader.text(from: binary) } == .inputNotText)
    }

    @Test func anErrorWithoutACauseHasTheGeneralCodeOfItsKind() {
        #expect(ToolError.usage("bad", fix: "").code == .invalidArgument)
        #expect(ToolError.remote("down", fix: "").code == .awsRequestFailed)
        #expect(ToolError(.interrupted, "interrupted", fix: "").code == .interrupted)
        #expect(ToolError.usage(.inputShape, "bad", fix: "").kind == .usage)
    }

    @Test func codesAreDistinctAndEachIsDocumented() throws {
        let raw = ToolError.Code.all.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        let page = try String(
            contentsOf: SnapshotTestSupport.repositoryRoot.appendingPathComponent("docs/output.md"), encoding: .utf8)
        let section =
            try #require(page.components(separatedBy: "\n## Error codes\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let documented = Set(
            section.split(separator: "\n").filter { $0.hasPrefix("| `") }
                .compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) })
        #expect(
            documented == Set(raw), "docs/output.md#error-codes lists \(documented.sorted()), the code \(raw.sorted())")
    }
}
