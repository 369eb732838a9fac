import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem

/// `doctor --function NAME` and `doctor --all`: many mappings in one run, printed as a table, one JSON document
/// (`{"verdict", "mappings": [...]}`, docs/findings.md#the-report-document) or one JSON line per mapping as soon as it
/// is done.
struct DoctorFleetRun {
    var global: GlobalOptions
    /// The gatherer of the configured Region; the others share its cache and limiter.
    var gatherer: SnapshotGatherer
    var selection: MappingSelection
    var allRegions: Bool
    /// `--baseline FILE`, read before the run; `--new-only`: exit 1 only for problems it does not have.
    var baseline: ReportBaseline? = nil
    var newOnly = false
    /// `--accounts FILE`: the accounts to visit (the role assumed in each), or `nil` for the caller's own.
    var accounts: [FleetAccount]? = nil
    /// `--organization`: the accounts are the organization's, listed with Organizations ListAccounts.
    var organization = false
    var assumeRoleName: String? = nil
    var externalId: String? = nil

    func run() async throws {
        // Two heap arenas keep a 10,000-mapping run's resident memory about 5 MiB lower (BENCHMARKS.md) at no
        // measurable cost: the run waits on the network, not on malloc.
        MallocArenas.bound(to: 2)
        let console = CommandContext.console
        let global = self.global
        let regions = allRegions ? try await enabledRegions() : global.aws.regions
        // AWS throttles per account and Region: each gets its own adaptive limiter, all of them within one bound
        // of --concurrency requests in flight.
        let overall = AdaptiveLimiter(maximum: gatherer.maxConcurrency)
        var gatherers = [gatherer.scoped(client: gatherer.client, account: nil, overall: overall)]
        if !regions.isEmpty {
            gatherers = try regions.map { region in
                gatherer.scoped(
                    client: AWSClient(configuration: try global.aws.configuration(debug: global.debug, region: region)),
                    account: nil, overall: overall)
            }
        }
        var accountFailures: [FleetAccountSessions.Failure] = []
        let accounts = organization ? try await organizationAccounts() : self.accounts
        if let accounts {
            let sessions = try await FleetAccountSessions.assume(
                accounts, roleName: assumeRoleName, externalId: externalId, client: gatherer.client)
            accountFailures = sessions.failures
            for failure in accountFailures {
                console.writeError("msk-esm: warning: " + FleetAccountGatherers.line(failure) + "\n")
            }
            gatherers = FleetAccountGatherers.gatherers(
                for: sessions.sessions, regionGatherers: gatherers, overall: overall)
            if gatherers.isEmpty {
                throw ToolError.remote(
                    "cannot assume the role in any account", input: organization ? "--organization" : "--accounts",
                    fix: "\(accountFailures.first?.reason ?? "no account"); check the role's trust policy and the "
                        + "caller's sts:AssumeRole permission, then retry")
            }
        }
        let fleet = MappingFleet(
            gatherers: gatherers, selection: selection, now: global.now,
            mappingsInFlight: max(16, gatherer.maxConcurrency * 4))
        let progress = ProgressBar(
            console: console, enabled: console.errorIsTerminal && global.output == .text && !global.quiet)
        let output = global.output
        let onEvent: @Sendable (MappingFleet.Event) async -> Void = { event in
            switch event {
            case .listed(_, let count):
                progress.add(count)
            case .regionFailed(let region, let reason, let account):
                progress.clear()
                let place = region + (account.map { " of account \($0)" } ?? "")
                console.writeError(
                    "msk-esm: warning: cannot list the event source mappings in \(place): \(reason.escapingControlCharacters())\n"
                )
            case .diagnosed:
                progress.tick()
            }
        }
        var listing = try await fleet.list(onEvent: onEvent)
        let failures = listing.failures
        // Written in the listed order as the mappings are diagnosed, keeping none (docs/output.md).
        let writer = FleetReportWriter(
            console: console, output: output, failures: failures, regions: gatherers.count > 1, quiet: global.quiet,
            strict: global.strict, baseline: baseline,
            accounts: accounts == nil
                ? nil
                : (
                    listed: gatherers.filter { gatherer in
                        !failures.contains { $0.region == gatherer.region && $0.account == gatherer.account }
                    }, failures: accountFailures
                ),
            markdownTitle: selection.functionName.map { "doctor --function \($0)" } ?? "doctor --all",
            expectedMappings: listing.mappings.count)
        // Each listed mapping's text (about 9 MB for 10,000) goes as its diagnosis starts, while the rows of the
        // text table accumulate.
        try await fleet.diagnoseInOrder(releasing: &listing.mappings, onEvent: onEvent) { try writer.write($0) }
        progress.clear()
        try writer.finish()
        let failing = newOnly ? !(writer.comparison?.new.isEmpty ?? true) : writer.failing
        if failing || !failures.isEmpty || !accountFailures.isEmpty { throw ExitCode(1) }
    }

    /// `--organization`: the active accounts of the caller's organization.
    func organizationAccounts() async throws -> [FleetAccount] {
        do {
            return FleetAccount.list(
                organizationAccounts: try await OrganizationsClient(client: gatherer.client).listAccounts())
        } catch {
            throw ToolError.remote(
                "cannot list the organization's accounts", input: "--organization",
                fix:
                    "\(FailureReason.reported(error)); run it from the management account or a delegated administrator with organizations:ListAccounts, or list the accounts with --accounts FILE"
            )
        }
    }

    /// `--all-regions`: the Regions EC2 says are enabled for the account.
    func enabledRegions() async throws -> [String] {
        do {
            let answer = try await EC2Client(client: gatherer.client).describeRegions()
            let names = (answer["Regions"]?.arrayValue ?? []).compactMap { $0["RegionName"]?.stringValue }.sorted()
            if names.isEmpty { return [gatherer.region] }
            return names
        } catch {
            throw ToolError.remote(
                "cannot list the enabled Regions", input: "--all-regions",
                fix:
                    "\(FailureReason.reported(error)); allow ec2:DescribeRegions, or name the Regions with --region … --region …"
            )
        }
    }

    /// The text table: one row per mapping (mapping, function, topic, verdict, the most severe finding), handed
    /// to `write` in pieces of about 64 KiB, so that a 10,000-mapping table is never held as one string.
    static func writeTable(
        _ results: [FleetReportRow], failures: [MappingFleet.RegionFailure], regions: Bool, quiet: Bool,
        verdict: Verdict, accounts: Bool = false, write: (String) -> Void
    ) {
        var counts: [Verdict: Int] = [:]
        for result in results { counts[result.verdict, default: 0] += 1 }
        var text =
            "\(verdict.rawValue) — \(results.count) mapping\(results.count == 1 ? "" : "s"): "
            + "\(counts[.fail] ?? 0) fail, \(counts[.warn] ?? 0) warn, \(counts[.pass] ?? 0) pass\n"
        let header =
            ["MAPPING"] + (accounts ? ["ACCOUNT"] : []) + (regions ? ["REGION"] : [])
            + ["FUNCTION", "TOPIC", "VERDICT", "TOP FINDING"]
        let shown = results.lazy.filter { !(quiet && $0.verdict == .pass) }
        // Names and titles are data: escaped before the columns are measured. The cells are made twice (once
        // to measure the columns, once to print) rather than kept: at 10,000 mappings they would be megabytes.
        func cells(_ result: FleetReportRow) -> [String] {
            let finding = result.topFinding.map { "\($0.code) \($0.title)" } ?? "-"
            return
                ([result.uuid] + (accounts ? [result.accountId ?? "-"] : []) + (regions ? [result.region] : [])
                + [result.function, result.topic ?? "-", result.verdict.rawValue, String(finding.prefix(80))])
                .map { $0.escapingControlCharacters() }
        }
        if !shown.isEmpty {
            var widths = header.map(\.count)
            for result in shown {
                for (index, cell) in cells(result).enumerated() { widths[index] = max(widths[index], cell.count) }
            }
            func line(_ row: [String]) -> String {
                row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ") + "\n"
            }
            text += line(header)
            for result in shown {
                text += line(cells(result))
                if text.utf8.count >= 65_536 {
                    write(text)
                    text.removeAll(keepingCapacity: true)
                }
            }
        }
        for failure in failures {
            let place = failure.region + (failure.account.map { " of account \($0)" } ?? "")
            text += "could not list \(place): \(failure.reason.escapingControlCharacters())\n"
        }
        if !results.isEmpty {
            text += "details: msk-esm doctor UUID (one mapping), or --output json\n"
        }
        write(text)
    }
}

/// A one-line progress bar on stderr (only on a terminal): `[#####-----] 12/40 mappings`.
final class ProgressBar: @unchecked Sendable {
    private let console: Console
    private let enabled: Bool
    private let lock = NSLock()
    private var total = 0
    private var done = 0
    private var shown = false

    init(console: Console, enabled: Bool) {
        self.console = console
        self.enabled = enabled
    }

    func add(_ count: Int) {
        lock.withLock { total += count }
        draw()
    }

    func tick() {
        lock.withLock { done += 1 }
        draw()
    }

    func clear() {
        guard enabled else { return }
        let wasShown = lock.withLock { () -> Bool in
            defer { shown = false }
            return shown
        }
        if wasShown { console.writeError("\r\u{1B}[K") }
    }

    private func draw() {
        guard enabled else { return }
        let (done, total) = lock.withLock { () -> (Int, Int) in
            shown = true
            return (self.done, self.total)
        }
        let width = 30
        let filled = total == 0 ? 0 : min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        console.writeError("\r[\(bar)] \(done)/\(total) mappings")
    }
}
