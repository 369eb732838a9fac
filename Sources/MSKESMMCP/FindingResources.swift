import MCP
import MSKESMCore

/// The finding catalogue as MCP resources: one per code (`msk-esm://findings/SEC009`) and an index
/// (`msk-esm://findings`), so that an assistant can explain a code without calling a tool. The meanings are the
/// ones the codes declare (`FindingCatalogue`, listed in docs/findings.md).
struct FindingResources: Sendable {
    var uri: String
    var name: String
    var description: String
    var text: String

    var resource: Resource {
        Resource(name: name, uri: uri, title: name, description: description, mimeType: "text/markdown")
    }

    static let indexURI = "msk-esm://findings"

    /// The index first, then every code in catalogue order: built once, on the first request that needs it (a
    /// static is initialised lazily, so no other command pays for it).
    static let all: [FindingResources] = {
        var index = """
            # msk-esm finding codes

            Every finding has a stable code (three letters for the area, three digits), a severity (fail, warn, \
            info, pass, skipped), a title, a detail with the evidence, and a fix: the exact command, policy \
            statement or setting to change, worked out from that finding's evidence.

            """
        var resources: [FindingResources] = []
        for area in FindingCatalogue.areas {
            index += "\n## \(area.prefix): \(area.title)\n\n"
            for code in area.codes {
                index += "- \(code.code): \(code.meaning)\n"
                resources.append(
                    FindingResources(
                        uri: "\(indexURI)/\(code.code)", name: code.code, description: code.meaning,
                        text: """
                            # \(code.code)

                            Area: \(area.prefix), \(area.title).

                            Meaning: \(code.meaning).

                            Fix: each \(code.code) finding carries its own `fix` (the exact command, policy \
                            statement or setting, worked out from its evidence) and a `detail` with the evidence; \
                            quote those from the tool result rather than a general remedy.

                            """))
            }
        }
        return [
            FindingResources(
                uri: indexURI, name: "finding codes", description: "Every msk-esm finding code with its meaning",
                text: index)
        ] + resources
    }()

    static func resource(uri: String) -> FindingResources? { all.first { $0.uri == uri } }
}
