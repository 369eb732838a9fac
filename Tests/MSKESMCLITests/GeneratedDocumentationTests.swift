import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

/// Completions/ and man/ are generated from the command tree and committed; they must never be stale.
struct GeneratedDocumentationTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: GeneratedDocumentation.files().map(\.path))
    func committedFileIsCurrent(path: String) throws {
        let committed = try String(contentsOf: Self.packageRoot.appendingPathComponent(path), encoding: .utf8)
        let generated = try #require(GeneratedDocumentation.files().first { $0.path == path }).contents
        #expect(committed == generated, "\(path) is stale: run `swift run msk-esm-docs` and commit the result")
    }

    @Test func manualListsEveryFindingCodeAndExitCode() {
        let page = ManualPage.render()
        for code in FindingCatalogue.all {
            #expect(page.contains(".B \(code.code)\n"), "\(code.code) missing from the man page")
        }
        for (code, _) in ManualPage.exitCodes {
            #expect(page.contains(".B \(code)\n"))
        }
    }

    @Test func manualDocumentsEveryLeafCommand() throws {
        let page = ManualPage.render()
        let tree = try #require(CommandTreeDescription.of(MSKESM.self))
        func leaves(_ command: CommandTreeDescription.Command, _ path: [String]) -> [[String]] {
            let subcommands = (command.subcommands ?? []).filter { $0.commandName != "help" }
            if subcommands.isEmpty { return [path] }
            return subcommands.flatMap { leaves($0, path + [$0.commandName]) }
        }
        for path in leaves(tree.command, []) {
            #expect(page.contains(".SS \"msk-esm \(path.joined(separator: " "))\""))
        }
    }

    @Test func manualRendersWithoutRoffWarnings() throws {
        let groff = URL(fileURLWithPath: "/usr/bin/groff")
        guard FileManager.default.isExecutableFile(atPath: groff.path) else { return }
        let rendered = try ChildProcess.run(
            groff.path, ["-man", "-Tutf8", "-ww", "-z"], input: .data(Data(ManualPage.render().utf8)), output: .inherit)
        let warnings = rendered.errorText
        #expect(rendered.status == 0)
        #expect(warnings.isEmpty, "\(warnings)")
    }
}
