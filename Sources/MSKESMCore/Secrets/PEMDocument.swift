import Foundation

/// The PEM blocks of one text (RFC 7468), read strictly enough to say what is wrong with them and
/// leniently enough to repair what is harmless: CRLF line ends, indentation, trailing spaces and blank
/// lines are accepted and dropped by `normalized`. Problems never quote the block's content.
public struct PEMDocument: Sendable, Equatable {
    /// The blocks that could be read, in text order.
    public var blocks: [PEMBlock]
    /// What is wrong with the text, e.g. a malformed or truncated block, or escaped `\n` instead of line breaks.
    public var problems: [PEMProblem]

    /// Reads the PEM blocks of `text`, collecting problems instead of throwing.
    public init(text: String) {
        blocks = []
        problems = []
        if !text.contains("\n"), text.contains("\\n") {
            problems.append(
                PEMProblem(
                    label: nil,
                    reason: "the line breaks are the two characters \\n instead of real newlines (the PEM was "
                        + "escaped twice before it went into the JSON)"))
            return
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        var open: (label: String, headers: [String: String], body: String, line: Int)? = nil
        for (number, line) in lines.enumerated() {
            if let label = Self.marker("BEGIN", in: line) {
                if let unfinished = open {
                    problems.append(
                        PEMProblem(label: unfinished.label, reason: "the block has no END line (truncated)"))
                }
                open = (label, [:], "", number)
                continue
            }
            if line.contains("-----BEGIN") || line.contains("-----END") {
                if Self.marker("END", in: line) == nil {
                    problems.append(
                        PEMProblem(
                            label: open?.label,
                            reason: "a BEGIN or END marker does not stand on a line of its own"))
                    open = nil
                    continue
                }
            }
            if let label = Self.marker("END", in: line) {
                guard let current = open else {
                    problems.append(PEMProblem(label: label, reason: "an END line has no matching BEGIN line"))
                    continue
                }
                open = nil
                if label != current.label {
                    problems.append(
                        PEMProblem(
                            label: current.label, reason: "the block ends with END \(label), not END \(current.label)"))
                    continue
                }
                guard !current.body.isEmpty else {
                    problems.append(PEMProblem(label: label, reason: "the block is empty"))
                    continue
                }
                guard let der = Data(base64Encoded: current.body), !der.isEmpty else {
                    problems.append(PEMProblem(label: label, reason: "the block's body is not valid base64"))
                    continue
                }
                blocks.append(PEMBlock(label: label, headers: current.headers, der: der))
                continue
            }
            guard var current = open else { continue }
            if line.isEmpty { continue }
            if current.body.isEmpty, let colon = line.firstIndex(of: ":") {
                // RFC 1421 headers of traditional encrypted keys: Proc-Type, DEK-Info.
                let name = line[..<colon].trimmingSpaces()
                current.headers[name] = line[line.index(after: colon)...].trimmingSpaces()
            } else {
                current.body += line.replacingOccurrences(of: " ", with: "")
            }
            open = current
        }
        if let unfinished = open {
            problems.append(PEMProblem(label: unfinished.label, reason: "the block has no END line (truncated)"))
        }
    }

    /// The blocks re-encoded with 64-character lines and `\n` line ends, each ending with a newline.
    public var normalized: String { blocks.map(\.pem).joined() }

    private static func marker(_ kind: String, in line: String) -> String? {
        let prefix = "-----\(kind) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count > prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }
}

/// One PEM block: its label (`CERTIFICATE`, `ENCRYPTED PRIVATE KEY`, …), RFC 1421 headers and DER body.
public struct PEMBlock: Sendable, Equatable {
    /// The label of the `BEGIN` line, e.g. `CERTIFICATE` or `ENCRYPTED PRIVATE KEY`.
    public var label: String
    /// The RFC 1421 headers (`Proc-Type`, `DEK-Info`) of a traditional encrypted key; empty otherwise.
    public var headers: [String: String]
    /// The decoded Base64 body.
    public var der: Data

    /// A block with its label, headers and DER body.
    public init(label: String, headers: [String: String] = [:], der: Data) {
        self.label = label
        self.headers = headers
        self.der = der
    }

    /// Whether `text` has a `-----BEGIN …PRIVATE KEY-----` line (any label of capitals and spaces ending in
    /// `PRIVATE KEY`: PKCS#8, encrypted PKCS#8, RSA, EC).
    public static func hasPrivateKeyHeader(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            let line = line.trimmingSpaces()
            guard line.hasPrefix("-----BEGIN "), line.hasSuffix("PRIVATE KEY-----") else { return false }
            let label = line.dropFirst("-----BEGIN ".count).dropLast("-----".count)
            return label.allSatisfy { ("A"..."Z").contains($0) || $0 == " " }
        }
    }

    /// A traditional key encrypted with `Proc-Type: 4,ENCRYPTED`.
    public var isProcTypeEncrypted: Bool { headers["Proc-Type"]?.uppercased().contains("ENCRYPTED") ?? false }

    /// The block as canonical PEM text, ending with a newline.
    public var pem: String {
        var lines = ["-----BEGIN \(label)-----"]
        let orderedHeaders = headers.sorted { lhs, rhs in
            // Proc-Type must come first (RFC 1421).
            (lhs.key == "Proc-Type" ? 0 : 1, lhs.key) < (rhs.key == "Proc-Type" ? 0 : 1, rhs.key)
        }
        for (name, value) in orderedHeaders { lines.append("\(name): \(value)") }
        if !headers.isEmpty { lines.append("") }
        let base64 = der.base64EncodedString()
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// What kind of content the label announces.
    public var kind: Kind {
        switch label {
        case "CERTIFICATE": .certificate
        case "PRIVATE KEY": .pkcs8
        case "ENCRYPTED PRIVATE KEY": .encryptedPKCS8
        case "RSA PRIVATE KEY": .pkcs1
        case "EC PRIVATE KEY": .sec1
        case "DSA PRIVATE KEY": .traditionalDSA
        default: .other
        }
    }

    /// The kinds of content the tool tells apart: a certificate, PKCS#8 (plain or encrypted) or a traditional key.
    public enum Kind: Sendable, Equatable {
        case certificate, pkcs8, encryptedPKCS8, pkcs1, sec1, traditionalDSA, other

        /// Any private-key label.
        public var isPrivateKey: Bool {
            switch self {
            case .pkcs8, .encryptedPKCS8, .pkcs1, .sec1, .traditionalDSA: true
            case .certificate, .other: false
            }
        }
    }
}

/// Something wrong with the PEM text, named by the block's label; never quotes the content.
public struct PEMProblem: Sendable, Equatable {
    /// The label of the block concerned; nil when the problem is not in one block.
    public var label: String?
    /// What is wrong, in one line, without any of the block's content.
    public var reason: String
}
