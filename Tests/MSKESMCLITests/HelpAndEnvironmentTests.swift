import ArgumentParser
import Foundation
import Testing

@testable import MSKESMCLI

/// The help users read, and the man page's list of the environment variables msk-esm honours.
@Suite("Help and environment")
struct HelpAndEnvironmentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every `environment["NAME"]` the sources read (and `AWS_ENDPOINT_URL_<service>`, read through a pattern).
    static func variablesReadBySources() throws -> Set<String> {
        var names: Set<String> = []
        let sources = repository.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        let read = try NSRegularExpression(pattern: #"environment\["([A-Z0-9_]+)"\]"#)
        for file in files where file.hasSuffix(".swift") && !file.hasSuffix("EnvironmentVariables.swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in read.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert((text as NSString).substring(with: match.range(at: 1)))
            }
            if text.contains(#"environment["AWS_ENDPOINT_URL_\(service.environmentId)"]"#) {
                names.insert("AWS_ENDPOINT_URL_<service>")
            }
        }
        return names
    }

    @Test(
        "the man page's ENVIRONMENT names exactly the variables the code reads (and, per service, AWS_ENDPOINT_URL_<ID>)"
    )
    func environmentIsWhatTheCodeReads() throws {
        let read = try Self.variablesReadBySources()
        #expect(read.count > 20)
        let listed = EnvironmentVariables.all.filter { !$0.readByLibcurl }.map(\.name)
        let perService = listed.filter { $0.hasPrefix("AWS_ENDPOINT_URL_") }
        let named = Set(listed.filter { !$0.hasPrefix("AWS_ENDPOINT_URL_") })
        #expect(
            read.subtracting(named).subtracting(["AWS_ENDPOINT_URL_<service>"]).isEmpty,
            "read but not documented: \(read.subtracting(named).sorted())")
        #expect(named.subtracting(read).isEmpty, "documented but never read: \(named.subtracting(read).sorted())")
        #expect(
            read.contains("AWS_ENDPOINT_URL_<service>") && perService.contains("AWS_ENDPOINT_URL_LAMBDA")
                && perService.contains("AWS_ENDPOINT_URL_SSO_OIDC")
                && perService.contains("AWS_ENDPOINT_URL_SECRETS_MANAGER"))
        let page = ManualPage.render()
        for variable in EnvironmentVariables.all { #expect(page.contains(".B \(variable.name)")) }
    }

    /// The help of `command` as `msk-esm … --help` prints it, at `columns`.
    static func help(_ arguments: [String], columns: Int = 80, inREPL: Bool = false) -> String {
        guard let command = CommandLineEntry.helpRequested(arguments + ["--help"]) else { return "" }
        return HelpPage.render(command, columns: columns, inREPL: inREPL)
    }

    @Test("msk-esm --help groups the commands by purpose, doctor first")
    func groupedRootHelp() {
        let text = Self.help([])
        let headers = text.split(separator: "\n").filter { $0.hasSuffix("SUBCOMMANDS:") }
        #expect(
            headers == [
                "DIAGNOSE SUBCOMMANDS:", "MANAGE MAPPINGS SUBCOMMANDS:", "SECRETS SUBCOMMANDS:",
                "NETWORK AND POLICY SUBCOMMANDS:", "TOOLS SUBCOMMANDS:",
            ])
        let entries: [Substring] = text.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        let words: [String] = entries.map { line in line.split(separator: " ").first.map(String.init) ?? "" }
        let commands = words.filter { word in !word.hasPrefix("-") && word != "msk-esm" && word != "See" }
        #expect(commands.first == "doctor")
        // Every command is listed once.
        #expect(Set(commands).count == commands.count && commands.count == MSKESM.configuration.subcommands.count)
    }

    @Test(
        "a command's own options come before the global ones, which have their title",
        arguments: [["create"], ["doctor"], ["secret", "validate"], ["get"]])
    func ownOptionsFirst(_ path: [String]) throws {
        let text = Self.help(path)
        let own = try #require(text.range(of: "\nOPTIONS:\n"))
        let global = try #require(text.range(of: "\nGLOBAL OPTIONS:\n"))
        #expect(own.lowerBound < global.lowerBound)
        #expect(text[global.upperBound...].contains("--query"))
        #expect(!text[..<global.lowerBound].contains("--query <expression>"))
    }

    @Test("--output lists only the formats the command takes: jsonl for doctor, table for get, report-json for create")
    func outputValuesPerCommand() {
        #expect(Self.help(["doctor"], columns: 1000).contains("(values: text, json, jsonl)"))
        #expect(Self.help(["get"], columns: 1000).contains("(values: text, json, table)"))
        #expect(Self.help(["create"], columns: 1000).contains("(values: text, json, table, report-json)"))
        #expect(Self.help(["policy", "check"], columns: 1000).contains("(values: text, json)"))
    }

    @Test("commands that never call AWS keep the AWS options out of their help (and still accept them)")
    func offlineCommandsHideAWSOptions() async {
        let sample = Self.help(["event", "sample"])
        #expect(!sample.contains("--endpoint-url") && !sample.contains("--profile") && sample.contains("--query"))
        #expect(Self.help(["doctor"]).contains("--endpoint-url"))
        let console = Console(output: { _ in }, error: { _ in }, outputIsTerminal: false, errorIsTerminal: false)
        #expect(
            await CommandLineEntry.run(["event", "sample", "--region", "us-east-1", "--topic", "t"], console: console)
                == 0)
    }

    @Test(
        "examples are never wrapped, however narrow the screen; the text around them is", arguments: [40, 60, 80, 200])
    func examplesStayWhole(columns: Int) throws {
        for path in [["create"], ["doctor"], ["policy", "check"], ["event", "sample"]] {
            let text = Self.help(path, columns: columns)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // An example line and its continuations: indented, and each but the last ends with a backslash.
            let examples = lines.filter { $0.hasPrefix("  msk-esm ") }
            #expect(!examples.isEmpty, "\(path) has no example")
            for (index, line) in lines.enumerated() where line.hasPrefix("  msk-esm ") {
                var current = index
                while lines[current].hasSuffix("\\") {
                    current += 1
                    #expect(
                        lines[current].hasPrefix("    "),
                        "a continuation of \(path)'s example was wrapped: \(lines[current])")
                }
            }
            // Prose is wrapped to the width (words longer than the line excepted).
            let prose = lines.prefix { !$0.hasPrefix("USAGE:") }.filter { !$0.hasPrefix(" ") }
            for line in prose where line.contains(" ") && columns >= 60 { #expect(line.count <= columns, "\(line)") }
        }
        // The create example, joined back, is the command line the source holds.
        let create = Self.help(["create"], columns: columns)
        #expect(
            create.contains(
                "--secret-id arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf --wait"))
    }

    @Test("in the REPL, help shows command lines without the msk-esm prefix")
    func replHelp() {
        let text = Self.help(["get"], inREPL: true)
        #expect(text.contains("USAGE: get ") && text.contains("\n  get 14e0db71"))
        #expect(!text.contains("msk-esm get"))
    }

    @Test("create --help does not say --dry-run calls nothing: the preflight and the identical-mapping look read AWS")
    func dryRunWording() {
        let text = Self.help(["create"], columns: 1000)
        #expect(!text.contains("calls nothing"))
        #expect(text.contains("--dry-run prints the request and the preflight and changes nothing; it still reads AWS"))
    }
}
