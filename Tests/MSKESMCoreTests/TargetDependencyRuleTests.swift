import Foundation
import Testing

/// The dependency rules of README.md ("Dependency rules"), held against `Package.swift` and every target's
/// `import` lines (and a C target's `#include`s of a system library's headers): a target that imports or
/// depends on a module its row does not list fails here, even when the build would have found the module.
@Suite("target dependency rules")
struct TargetDependencyRuleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The toolchain's own modules, which any target may import.
    static let platformModules: Set<String> = [
        "Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Darwin", "Synchronization",
    ]

    /// A C header that belongs to a system library, as the module that wraps it.
    static let systemHeaders: [(prefix: String, module: String)] = [
        ("openssl/", "COpenSSL"), ("curl/", "CCurl"), ("histedit.h", "CEdit"), ("editline/", "CEdit"),
    ]

    static let rules: [String: Set<String>] = (try? TargetRules.fromReadme(at: repository)) ?? [:]
    static let targets: [PackageTarget] = (try? PackageTarget.declared(in: repository)) ?? []
    static let checkedTargets: [PackageTarget] = targets.filter {
        $0.kind != "testTarget" && $0.kind != "systemLibrary"
    }

    @Test("the README's table and Package.swift are read: the core's row and its declared dependencies")
    func readsTheRulesAndThePackage() throws {
        #expect(Self.rules["MSKESMCore"] == ["COpenSSL", "COpenSSLShims"])
        #expect(Self.rules["CPOSIXShims"] == [])
        let core = try #require(Self.targets.first { $0.name == "MSKESMCore" })
        #expect(Set(core.dependencies) == ["COpenSSL", "COpenSSLShims"])
        #expect(Self.imports(of: core).keys.contains("COpenSSL"))
        let cli = try #require(Self.targets.first { $0.name == "MSKESMCLI" })
        #expect(cli.dependencies.contains("ArgumentParser"))
        let curlShims = try #require(Self.targets.first { $0.name == "CCurlShims" })
        #expect(Self.imports(of: curlShims).keys.contains("CCurl"))
    }

    @Test("every target other than tests and module maps has a row, and every row a target")
    func everyTargetHasARule() {
        let names = Set(Self.checkedTargets.map(\.name))
        #expect(names.count > 10)
        #expect(names.subtracting(Self.rules.keys).sorted() == [], "targets without a row in README.md")
        #expect(Set(Self.rules.keys).subtracting(names).sorted() == [], "rows in README.md without a target")
    }

    @Test("a target declares in Package.swift only what its rule allows")
    func declaredDependenciesFollowTheRules() {
        for target in Self.checkedTargets {
            let allowed = Self.rules[target.name] ?? []
            let forbidden = Set(target.dependencies).subtracting(allowed)
            #expect(forbidden.sorted() == [], "\(target.name) depends on what README.md's rule does not allow")
        }
    }

    @Test("a target imports only what its rule allows")
    func importsFollowTheRules() {
        for target in Self.checkedTargets {
            let allowed = (Self.rules[target.name] ?? []).union(Self.platformModules)
            for (module, file) in Self.imports(of: target) where !allowed.contains(module) {
                Issue.record("\(target.name) imports \(module) (\(file)), which README.md's rule does not allow")
            }
        }
    }

    /// The modules `target`'s files import, each with one file that does: Swift `import` lines outside
    /// multi-line string literals, and a C file's `#include <…>` of a system library's headers.
    static func imports(of target: PackageTarget) -> [String: String] {
        let directory = repository.appendingPathComponent(target.path ?? "Sources/\(target.name)")
        guard let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return [:]
        }
        let swiftImport = /^\s*(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?(\w+)/
        let include = /^\s*#\s*include\s*[<"]([^>"]+)[>"]/
        var found: [String: String] = [:]
        for case let file as URL in files {
            guard ["swift", "c", "h"].contains(file.pathExtension),
                let text = try? String(contentsOf: file, encoding: .utf8)
            else { continue }
            let name = file.lastPathComponent
            var inMultilineString = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if file.pathExtension == "swift" {
                    if !inMultilineString, let match = line.firstMatch(of: swiftImport), found[String(match.1)] == nil {
                        found[String(match.1)] = name
                    }
                    if line.ranges(of: "\"\"\"").count % 2 == 1 { inMultilineString.toggle() }
                } else if let match = line.firstMatch(of: include) {
                    let header = String(match.1)
                    for (prefix, module) in systemHeaders where header.hasPrefix(prefix) {
                        found[module] = found[module] ?? name
                    }
                }
            }
        }
        return found
    }
}

/// README.md's "Dependency rules" table: target → the modules it may import.
enum TargetRules {
    struct Missing: Error {}

    static func fromReadme(at repository: URL) throws -> [String: Set<String>] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "### Dependency rules\n") else { throw Missing() }
        let section = readme[start.upperBound...]
        var rules: [String: Set<String>] = [:]
        for line in section.split(separator: "\n") {
            if line.hasPrefix("#") { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("|"), cells.count == 2, let target = cells[0].backtickedNames.first else { continue }
            rules[target] = Set(cells[1].backtickedNames)
        }
        return rules
    }
}

/// One target as `Package.swift` declares it: the names of the targets and products it depends on.
struct PackageTarget: Sendable {
    var kind: String
    var name: String
    var path: String?
    var dependencies: [String]

    struct Unreadable: Error {}

    /// Reads the `.target(…)`, `.executableTarget(…)`, `.testTarget(…)` and `.systemLibrary(…)` calls. Comment
    /// lines are dropped first, so that a parenthesis in a comment cannot unbalance a call.
    static func declared(in repository: URL) throws -> [PackageTarget] {
        let manifest = try String(contentsOf: repository.appendingPathComponent("Package.swift"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .joined(separator: "\n")
        let characters = Array(manifest)
        var targets: [PackageTarget] = []
        for match in manifest.matches(of: /\.(target|executableTarget|testTarget|systemLibrary)\(/) {
            let open = manifest.distance(from: manifest.startIndex, to: match.range.upperBound) - 1
            guard let close = balancedEnd(characters, from: open, open: "(", close: ")") else { throw Unreadable() }
            let call = String(characters[(open + 1)..<close])
            guard let name = call.firstMatch(of: /name:\s*"([^"]+)"/)?.1 else { throw Unreadable() }
            var dependencies: [String] = []
            if let list = call.firstMatch(of: /dependencies:\s*\[/) {
                let listOpen = call.distance(from: call.startIndex, to: list.range.upperBound) - 1
                let listCharacters = Array(call)
                guard let listClose = balancedEnd(listCharacters, from: listOpen, open: "[", close: "]") else {
                    throw Unreadable()
                }
                var entries = String(listCharacters[(listOpen + 1)..<listClose])
                dependencies += entries.matches(of: /\.product\(\s*name:\s*"([^"]+)"[^)]*\)/).map { String($0.1) }
                entries.replace(/\.product\([^)]*\)/, with: "")
                dependencies += entries.matches(of: /"([^"]+)"/).map { String($0.1) }
            }
            let path = call.firstMatch(of: /path:\s*"([^"]+)"/).map { String($0.1) }
            targets.append(
                PackageTarget(kind: String(match.1), name: String(name), path: path, dependencies: dependencies))
        }
        return targets
    }

    /// The index of the bracket that closes the one at `start`.
    private static func balancedEnd(_ characters: [Character], from start: Int, open: Character, close: Character)
        -> Int?
    {
        var depth = 0
        var inString = false
        for index in start..<characters.count {
            let character = characters[index]
            if character == "\"" { inString.toggle() }
            if inString { continue }
            if character == open { depth += 1 }
            if character == close {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }
}

extension String {
    /// The `names` in backticks, in order.
    fileprivate var backtickedNames: [String] { matches(of: /`([^`]+)`/).map { String($0.1) } }
}
