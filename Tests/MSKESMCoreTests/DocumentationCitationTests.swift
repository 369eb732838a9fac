import Foundation
import MSKESMCore
import Testing

/// The repository documents itself: comments, scripts and Markdown cite the pages under `docs/` (by heading
/// anchor) or AWS documentation, never design documents that live outside the repository, and every cited page
/// and heading exists. See docs/architecture.md#principles.
@Suite struct DocumentationCitationTests {
    @Test func noCommentOrDocumentCitesADesignDocumentOutsideTheRepository() throws {
        var offending: [String] = []
        let texts = try RepositoryTexts.all()
        for text in texts {
            for line in text.lines where RepositoryTexts.citesOutsideDocument(line.text) {
                offending.append("\(text.path):\(line.number): \(line.text.trimmingCharacters(in: .whitespaces))")
            }
        }
        // The scan must have seen the places where such citations used to be.
        #expect(texts.contains { $0.path == "Sources/MSKESMCore/Brokers/BrokerSelector.swift" })
        #expect(texts.contains { $0.path == "scripts/bootstrap" })
        #expect(texts.contains { $0.path == "Tests/TestBed/testbed_server.py" })
        #expect(texts.contains { $0.path == "README.md" })
        #expect(texts.count > 300)
        #expect(
            offending.isEmpty,
            "cite docs/NAME.md#heading or an AWS documentation URL instead:\n\(offending.joined(separator: "\n"))")
    }

    @Test func everyCitedDocsPageAndHeadingExists() throws {
        var broken: [String] = []
        var checked = 0
        var anchorsByPage: [String: Set<String>?] = [:]
        func anchors(_ page: String) -> Set<String>? {
            if let known = anchorsByPage[page] { return known }
            let url = RepositoryTexts.root.appendingPathComponent("docs").appendingPathComponent(page)
            let found = (try? String(contentsOf: url, encoding: .utf8)).map(RepositoryTexts.headingAnchors)
            anchorsByPage[page] = .some(found)
            return found
        }
        for text in try RepositoryTexts.all() {
            for line in text.lines {
                for citation in RepositoryTexts.docsCitations(in: line.text, citingFile: text.path) {
                    checked += 1
                    let place = "\(text.path):\(line.number)"
                    guard let headings = anchors(citation.page) else {
                        broken.append("\(place): docs/\(citation.page) does not exist")
                        continue
                    }
                    if let anchor = citation.anchor, !headings.contains(anchor) {
                        broken.append("\(place): docs/\(citation.page) has no heading #\(anchor)")
                    }
                }
            }
        }
        #expect(checked > 100)
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    // MARK: The scanner itself

    @Test func swiftCommentsAreFoundOutsideStringsOnly() {
        let source = #"""
            let a = "// not a comment" // one
            let b = #"raw " // still a string"# /* two
            three */
            let c = """
                // inside a multi-line string
                """
            let d = "\(f("x // y")) // z" // four
            /// five
            """#
        let comments = RepositoryTexts.swiftComments(source)
        #expect(comments.map(\.text) == [" one", " two", "three ", " four", "/ five"])
        #expect(comments.map(\.number) == [1, 2, 3, 7, 8])
    }

    @Test(arguments: [
        ("// DESIGN §4", true), ("(SPEC §1.3)", true), ("see PLATFORM.md", true), ("STYLE.md says", true),
        ("../shared/SPEC.md", true), ("SPEC§2", true), ("hints.ai_family = AF_UNSPEC", false),
        ("RFC 6749 §3.2", false), ("the SPEC of the model", false), ("docs/aws-facts.md#metrics", false),
    ])
    func outsideCitations(line: String, cites: Bool) {
        #expect(RepositoryTexts.citesOutsideDocument(line) == cites)
    }

    @Test func citationsAndAnchorsAreReadAsGitHubRendersThem() {
        let found = RepositoryTexts.docsCitations(
            in: "(docs/output.md#exit-codes), docs/snapshot.md. [x](../../docs/findings.md#severities)",
            citingFile: "Examples/snapshots/README.md")
        #expect(found.map(\.page) == ["output.md", "snapshot.md", "findings.md"])
        #expect(found.map(\.anchor) == ["exit-codes", nil, "severities"])
        let inDocs = RepositoryTexts.docsCitations(
            in: "see [the table](findings.md#catalogue) and [below](#data-flow)", citingFile: "docs/architecture.md")
        #expect(inDocs.map(\.page) == ["findings.md", "architecture.md"])
        #expect(inDocs.map(\.anchor) == ["catalogue", "data-flow"])
        let anchors = RepositoryTexts.headingAnchors(
            "# T\n## Exit codes\n```\n# not a heading\n```\n### MAP: Mapping and function settings\n"
                + "### libcurl's own AWS signing\n## Exit codes\n")
        #expect(
            anchors == [
                "t", "exit-codes", "map-mapping-and-function-settings", "libcurls-own-aws-signing", "exit-codes-1",
            ])
    }
}

/// docs/findings.md lists every finding code of `FindingCatalogue`, and only those, with the meaning the code
/// declares, its severities and an AWS source.
@Suite struct FindingsDocumentationTests {
    struct Row {
        var code: String
        var meaning: String
        var severities: [String]
        var source: String
        var area: String?
    }

    static func rows() throws -> [Row] {
        let url = RepositoryTexts.root.appendingPathComponent("docs/findings.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [Row] = []
        var area: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("### ") {
                area = line.dropFirst(4).split(separator: ":").first.map(String.init)
                continue
            }
            guard line.hasPrefix("| "), line.hasSuffix(" |") else { continue }
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            guard cells.count == 4, cells[0].range(of: "^[A-Z]{3}[0-9]{3}$", options: .regularExpression) != nil
            else { continue }
            let severities = cells[2].components(separatedBy: ", ").map { $0.trimmingCharacters(in: ["`"]) }
            rows.append(
                Row(code: cells[0], meaning: cells[1], severities: severities, source: cells[3], area: area))
        }
        return rows
    }

    @Test func everyCatalogueCodeIsDocumentedAndNoOther() throws {
        let rows = try Self.rows()
        let documented = rows.map(\.code)
        let declared = FindingCatalogue.all.map(\.code)
        let missing = FindingCatalogue.all.filter { !documented.contains($0.code) }
        let gone = documented.filter { !declared.contains($0) }
        #expect(
            missing.isEmpty,
            "add to docs/findings.md:\n\(missing.map { "| \($0.code) | \($0.meaning) | `fail` | https://… |" }.joined(separator: "\n"))"
        )
        #expect(gone.isEmpty, "documented in docs/findings.md but not in FindingCatalogue: \(gone)")
        #expect(Set(documented).count == documented.count, "a code is documented twice")
    }

    @Test func eachRowStatesTheDeclaredMeaningASeverityAndAnAWSSource() throws {
        let rows = try Self.rows()
        #expect(rows.count == FindingCatalogue.all.count)
        for row in rows {
            guard let code = FindingCatalogue.code(row.code) else { continue }
            // The table may set parts of the meaning in backticks; the words are the code's.
            #expect(row.meaning.replacingOccurrences(of: "`", with: "") == code.meaning, "\(row.code)")
            #expect(!row.severities.isEmpty, "\(row.code)")
            for severity in row.severities {
                #expect(Severity(rawValue: severity) != nil, "\(row.code): \(severity)")
            }
            #expect(row.source.hasPrefix("https://"), "\(row.code): \(row.source)")
            #expect(row.area == String(code.prefix), "\(row.code) is listed under \(row.area ?? "no area")")
        }
    }
}

/// The text files of the repository that people read, as lines: the comments of Swift files, every line of
/// Markdown, Python, shell and the scripts.
enum RepositoryTexts {
    struct Line: Equatable {
        var number: Int
        var text: String
    }

    struct Text {
        var path: String
        var lines: [Line]
    }

    struct Citation: Equatable {
        var page: String
        var anchor: String?
    }

    /// The repository root: this file is `Tests/MSKESMCoreTests/DocumentationCitationTests.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Where Swift comments are read.
    static let swiftFolders = ["Sources", "Tests", "Fuzz", "Benchmarks", "Examples"]
    /// Files read whole, by extension.
    static let textExtensions: Set<String> = ["md", "py", "sh", "bash", "supp"]

    static func all() throws -> [Text] {
        var texts: [Text] = []
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return []
        }
        while let url = enumerator.nextObject() as? URL {
            let name = url.lastPathComponent
            let path = String(url.path.dropFirst(root.path.count + 1))
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                // Build products, version control, and the vendored botocore models.
                if name.hasPrefix(".") || path == "Tests/Fixtures/botocore-models" { enumerator.skipDescendants() }
                continue
            }
            let topFolder = path.split(separator: "/").first.map(String.init) ?? ""
            if url.pathExtension == "swift" {
                guard swiftFolders.contains(topFolder) || path == "Package.swift" else { continue }
                texts.append(Text(path: path, lines: swiftComments(try String(contentsOf: url, encoding: .utf8))))
            } else if textExtensions.contains(url.pathExtension) || topFolder == "scripts" {
                let content = try String(contentsOf: url, encoding: .utf8)
                let lines = content.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                    Line(number: $0.offset + 1, text: String($0.element))
                }
                texts.append(Text(path: path, lines: lines))
            }
        }
        return texts
    }

    /// A design document outside the repository: DESIGN, SPEC, PLATFORM or STYLE followed by a section sign or
    /// the Markdown extension, or a path into the `shared` folder beside the repository.
    static func citesOutsideDocument(_ line: String) -> Bool {
        line.range(of: #"(?<![A-Za-z0-9_])(DESIGN|SPEC|PLATFORM|STYLE)(\.md\b|\s?§)"#, options: .regularExpression)
            != nil
            || line.contains("../shared")
    }

    /// The citations of pages under docs/ (`docs/<page>.md`, optionally with `#<anchor>`) in a line; in a page under `docs/`, also its relative Markdown links
    /// (`[…](NAME.md#anchor)`, `[…](#anchor)`).
    static func docsCitations(in line: String, citingFile: String) -> [Citation] {
        var citations: [(position: Int, citation: Citation)] = []
        let text = line as NSString
        func group(_ match: NSTextCheckingResult, _ index: Int) -> String? {
            let range = match.range(at: index)
            return range.location == NSNotFound ? nil : text.substring(with: range)
        }
        // Both patterns here are literals: one that does not compile is a broken test.
        // swift-format-ignore: NeverUseForceTry
        let cited = try! NSRegularExpression(
            pattern: #"(?<![A-Za-z0-9_-])(?:\.\./)*docs/([A-Za-z0-9_.-]+?\.md)(?:#([A-Za-z0-9_-]+))?"#)
        for match in cited.matches(in: line, range: NSRange(location: 0, length: text.length)) {
            if let page = group(match, 1) {
                citations.append((match.range.location, Citation(page: page, anchor: group(match, 2))))
            }
        }
        if citingFile.hasPrefix("docs/") && !citingFile.dropFirst(5).contains("/") {
            let page = String(citingFile.dropFirst(5))
            // swift-format-ignore: NeverUseForceTry
            let linked = try! NSRegularExpression(pattern: #"\]\(([A-Za-z0-9_-]+\.md)?(?:#([A-Za-z0-9_-]+))?\)"#)
            for match in linked.matches(in: line, range: NSRange(location: 0, length: text.length)) {
                let target = group(match, 1)
                let anchor = group(match, 2)
                guard target != nil || anchor != nil else { continue }
                citations.append((match.range.location, Citation(page: target ?? page, anchor: anchor)))
            }
        }
        return citations.sorted { $0.position < $1.position }.map(\.citation)
    }

    /// The anchors GitHub gives the headings of a Markdown page: lowercased, spaces turned into `-`, everything
    /// but letters, digits, `-` and `_` dropped, and `-1`, `-2`, … added to repeated ones. Lines in fenced code
    /// blocks are not headings.
    static func headingAnchors(_ markdown: String) -> Set<String> {
        var anchors: Set<String> = []
        var seen: [String: Int] = [:]
        var fenced = false
        // A literal pattern: one that does not compile is a broken test.
        // swift-format-ignore: NeverUseForceTry
        let heading = try! Regex(#"#{1,6} +(.*)"#)
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            guard !fenced, let match = line.wholeMatch(of: heading), let title = match.output[1].substring else {
                continue
            }
            var slug = ""
            for character in title.lowercased() {
                if character == " " {
                    slug.append("-")
                } else if character.isLetter || character.isNumber || character == "-" || character == "_" {
                    slug.append(character)
                }
            }
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }

    /// The comments of a Swift source, one entry per line of comment text (the text after `//`, or the part of a
    /// `/* … */` comment on that line). String literals — plain, raw (`#"…"#`), multi-line and interpolated — are
    /// skipped, so `"// x"` is not a comment.
    static func swiftComments(_ source: String) -> [Line] {
        enum Context {
            case code(interpolationDepth: Int?)
            case string(hashes: Int, multiline: Bool)
        }
        let characters = Array(source.unicodeScalars)
        var stack: [Context] = [.code(interpolationDepth: nil)]
        var comments: [Line] = []
        var line = 1
        var index = 0
        func at(_ offset: Int, _ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            guard offset + scalars.count <= characters.count else { return false }
            return Array(characters[offset..<offset + scalars.count]) == scalars
        }
        func hashes(from offset: Int) -> Int {
            var count = 0
            while offset + count < characters.count && characters[offset + count] == "#" { count += 1 }
            return count
        }
        while index < characters.count {
            let character = characters[index]
            switch stack[stack.count - 1] {
            case .code(let depth):
                if at(index, "//") {
                    var end = index + 2
                    while end < characters.count && characters[end] != "\n" { end += 1 }
                    comments.append(
                        Line(number: line, text: String(String.UnicodeScalarView(characters[index + 2..<end]))))
                    index = end
                    continue
                }
                if at(index, "/*") {
                    var nesting = 1
                    var end = index + 2
                    var text = String.UnicodeScalarView()
                    while end < characters.count && nesting > 0 {
                        if at(end, "/*") {
                            nesting += 1
                            end += 2
                        } else if at(end, "*/") {
                            nesting -= 1
                            end += 2
                        } else if characters[end] == "\n" {
                            comments.append(Line(number: line, text: String(text)))
                            text = String.UnicodeScalarView()
                            line += 1
                            end += 1
                        } else {
                            text.append(characters[end])
                            end += 1
                        }
                    }
                    comments.append(Line(number: line, text: String(text)))
                    index = end
                    continue
                }
                let count = hashes(from: index)
                if at(index + count, "\"\"\"") {
                    stack.append(.string(hashes: count, multiline: true))
                    index += count + 3
                    continue
                }
                if at(index + count, "\"") {
                    stack.append(.string(hashes: count, multiline: false))
                    index += count + 1
                    continue
                }
                if let depth {
                    if character == "(" {
                        stack[stack.count - 1] = .code(interpolationDepth: depth + 1)
                    } else if character == ")" {
                        if depth == 0 {
                            stack.removeLast()
                        } else {
                            stack[stack.count - 1] = .code(interpolationDepth: depth - 1)
                        }
                    }
                }
                if character == "\n" { line += 1 }
                index += count > 0 ? count : 1
            case .string(let count, let multiline):
                let closing = String(repeating: "\"", count: multiline ? 3 : 1) + String(repeating: "#", count: count)
                if character == "\\" && hashes(from: index + 1) >= count {
                    let next = index + 1 + count
                    if next < characters.count && characters[next] == "(" {
                        stack.append(.code(interpolationDepth: 0))
                        index = next + 1
                    } else {
                        if next < characters.count && characters[next] == "\n" { line += 1 }
                        index = next + 1
                    }
                    continue
                }
                if at(index, closing) {
                    stack.removeLast()
                    index += closing.unicodeScalars.count
                    continue
                }
                if character == "\n" {
                    line += 1
                    // A single-line string cannot span lines: recover rather than swallow the file.
                    if !multiline { stack.removeLast() }
                }
                index += 1
            }
        }
        return comments
    }
}
