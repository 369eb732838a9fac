import Foundation
import Testing

/// Every public declaration of `MSKESMCore` carries a documentation comment: the library's surface is what a
/// caller reads in DocC (Sources/MSKESMCore/MSKESMCore.docc), and an undocumented member there is a member
/// nobody can use with confidence. Package-level declarations (used only by msk-esm's own targets) are not
/// held to this. Exempt are the witnesses of standard protocols, which DocC documents from the protocol:
/// `init(from:)`, `encode(to:)`, `description`, `debugDescription`, `hash(into:)` and `==`.
@Suite("public documentation")
struct PublicDocumentationTests {
    static let core = SnapshotTestSupport.repositoryRoot.appendingPathComponent("Sources/MSKESMCore")

    static let exempt = [
        "init(from decoder", "func encode(to encoder", "var description: String", "var debugDescription: String",
        "func hash(into", "static func ==",
    ]

    /// `path:line: declaration` for each public declaration in `text` whose nearest line above that is not an
    /// attribute is not a `///` comment (or the end of a `/** */` one).
    static func undocumented(_ text: String, path: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var found: [String] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("public "), !exempt.contains(where: { trimmed.contains($0) }) else { continue }
            var above = index - 1
            while above >= 0, lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("@") { above -= 1 }
            let previous = above >= 0 ? lines[above].trimmingCharacters(in: .whitespaces) : ""
            if !previous.hasPrefix("///") && !previous.hasSuffix("*/") {
                found.append("\(path):\(index + 1): \(trimmed.prefix(100))")
            }
        }
        return found
    }

    @Test func everyPublicDeclarationOfTheCoreIsDocumented() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.core.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.count > 50, "found \(files.count) Swift files under \(Self.core.path)")
        var missing: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.core.appendingPathComponent(file), encoding: .utf8)
            missing += Self.undocumented(text, path: "Sources/MSKESMCore/" + file)
        }
        #expect(
            missing.isEmpty,
            "\(missing.count) public declarations without a /// comment:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theScanSeesWhatItShould() {
        let text = """
            /// Documented.
            public struct A {
                public var undocumented: Int
                /// Documented, behind an attribute.
                @discardableResult
                public func f() -> Int { 1 }
                package var internalToThePackage: Int
                public init(from decoder: Decoder) throws {}
            }
            """
        #expect(Self.undocumented(text, path: "t.swift") == ["t.swift:3: public var undocumented: Int"])
    }
}
