import Foundation

/// Test data of this target, found from this file's path so the tests read only the repository's own fixtures.
enum FixtureDirectory {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { root.appendingPathComponent(name) }
}
