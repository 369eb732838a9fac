import Testing

@testable import MSKESMCore

struct CheckReportTests {
    static let code = FindingCode("TST001", "test")

    @Test(arguments: [
        ([Severity.pass, .info], Verdict.pass),
        ([.pass, .warn], .warn),
        ([.warn, .fail, .pass], .fail),
        ([.skipped], .pass),
        ([], .pass),
    ])
    func verdictIsTheWorstSeverity(severities: [Severity], verdict: Verdict) {
        let report = CheckReport(findings: severities.map { Finding(code: Self.code, severity: $0, title: "t") })
        #expect(report.verdict == verdict)
    }

    @Test func findingsSortFailuresFirstAndKeepOrderWithinASeverity() {
        let findings = [
            Finding(code: Self.code, severity: .pass, title: "a"),
            Finding(code: Self.code, severity: .fail, title: "b"),
            Finding(code: Self.code, severity: .warn, title: "c"),
            Finding(code: Self.code, severity: .fail, title: "d"),
        ]
        #expect(CheckReport(findings: findings).findings.map(\.title) == ["b", "d", "c", "a"])
    }

    @Test func skippedChecksAreCountedAndMakeStrictFail() {
        let report = CheckReport(findings: [
            Finding(code: Self.code, severity: .skipped, title: "no cluster"),
            Finding(code: Self.code, severity: .pass, title: "ok"),
        ])
        #expect(report.summaryDocument["skipped"] == 1)
        #expect(!report.isFailing(strict: false))
        #expect(report.isFailing(strict: true))
    }

    @Test func everyDeclaredCodeIsUniqueAndWellFormed() {
        let codes = FindingCatalogue.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            // [A-Z]{3}[0-9]{3}, checked by hand: regex literals leak on Linux (LeakSanitizer).
            let bytes = Array(code.utf8)
            let wellFormed =
                bytes.count == 6 && bytes.prefix(3).allSatisfy { $0 >= 0x41 && $0 <= 0x5a }
                && bytes.suffix(3).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            #expect(wellFormed, "\(code)")
        }
    }
}
