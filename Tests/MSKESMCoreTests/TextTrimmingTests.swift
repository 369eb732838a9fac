import Foundation
import Testing

@testable import MSKESMCore

/// The ICU-free trimming and matching helpers against Foundation's own, as the oracle, over every white-space
/// and line-break character Unicode has and a spread of others.
struct TextTrimmingTests {
    /// Every scalar Foundation counts as white space or newline, plus neighbours that it does not.
    static let edges: [Unicode.Scalar] = {
        let candidates = (0...0x3100).compactMap(Unicode.Scalar.init) + ["\u{FEFF}", "\u{200B}", "\u{180E}"]
        return candidates.filter {
            CharacterSet.whitespacesAndNewlines.contains($0) || $0.value < 0x30
                || [0xA0, 0x85, 0x200B, 0xFEFF].contains($0.value)
        }
    }()

    @Test func trimmingAgreesWithFoundationForEveryEdgeCharacter() {
        for edge in Self.edges {
            for body in ["x", "a b", "", "\u{E9}\t\u{E9}"] {
                let text = String(edge) + String(edge) + body + String(edge)
                #expect(
                    text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces),
                    "U+\(String(edge.value, radix: 16))")
                #expect(
                    text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "U+\(String(edge.value, radix: 16))")
            }
        }
    }

    @Test(arguments: [
        ("Access Denied by the role", "access denied", true), ("PROBLEM: SASL", "sasl", true), ("abc", "", true),
        ("Straße", "STRASSE", false), ("ÉCOLE", "école", true), ("abc", "abcd", false),
    ])
    func containsIgnoringCaseAgreesWithFoundation(_ text: String, _ other: String, _ expected: Bool) {
        #expect(text.containsIgnoringCase(other) == expected)
        if !other.isEmpty {
            // Foundation folds ß to ss; ours maps case only, which is what AWS's English messages need.
            #expect(expected == (text.range(of: other, options: .caseInsensitive) != nil) || text == "Straße")
        }
    }

    @Test(arguments: [
        "-----BEGIN PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----", "  -----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN CERTIFICATE-----", "-----BEGIN private KEY-----",
        "-----BEGIN RSA-PSS PRIVATE KEY-----", "text\n-----BEGIN PRIVATE KEY-----\nMII", "-----BEGIN PRIVATE KEY----",
    ])
    func privateKeyHeaderAgreesWithTheRegularExpression(_ text: String) {
        let regex = text.range(of: "-----BEGIN [A-Z ]*PRIVATE KEY-----", options: .regularExpression) != nil
        #expect(PEMBlock.hasPrivateKeyHeader(text) == regex)
    }
}
