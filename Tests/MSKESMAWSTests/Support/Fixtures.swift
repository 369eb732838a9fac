import Foundation

/// Paths of the checked-in fixtures and test-bed scripts, found from this source file.
enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let directory = testsDirectory.appendingPathComponent("Fixtures")
    static let testBed = testsDirectory.appendingPathComponent("TestBed")

    static func url(_ relative: String) -> URL { directory.appendingPathComponent(relative) }
}
