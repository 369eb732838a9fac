import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMAWS

/// The small XML reader of AWS responses against Python's xml.etree.ElementTree as the oracle.
@Suite("XML responses", .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct XMLTreeTests {
    /// The XML fuzz corpus (moto's real responses captured by Fuzz/seed.py and what the fuzzer derived from
    /// them; the first byte there selects a fuzz operation) and hand-picked shapes of the grammar.
    static func documents() throws -> [String] {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/xml")
        var documents: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [] {
            let data = try Data(contentsOf: corpus.appendingPathComponent(name)).dropFirst()
            let text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("<") || text.hasPrefix("\u{FEFF}<") { documents.append(text) }
        }
        return documents + [
            #"<?xml version="1.0"?><!-- c --><a xmlns="urn:x" b='1'><p:c xmlns:p="urn:p">x &amp; y &lt; &#65;&#x42;</p:c><d/><e>  </e></a>"#,
            "<a><![CDATA[<not markup> & ]]>tail<!-- skip --><b>1</b>mid<b>2</b></a>",
            "<a>\n  <b>é ü 😀</b>\n</a>\n",
        ]
    }

    struct Node: Decodable, Equatable {
        var name: String
        var text: String
        var children: [Node]
    }

    static func node(_ element: XMLTree.Element) -> Node {
        Node(name: element.name, text: element.stringValue, children: element.children.map(node))
    }

    @Test("element names, nesting and text agree with ElementTree")
    func agreesWithElementTree() throws {
        let documents = try Self.documents()
        let program = """
            import json, sys
            import xml.etree.ElementTree as ET
            def node(e):
                return {"name": e.tag.split("}")[-1], "text": "".join(e.itertext()), "children": [node(c) for c in e]}
            def parse(d):
                try:
                    return node(ET.fromstring(d.encode()))
                except ET.ParseError:
                    return None  # the fuzzer's variants may be malformed: compared only where ElementTree reads them
            print(json.dumps([parse(d) for d in json.load(sys.stdin)]))
            """
        let python = try ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", program], input: .data(try JSONEncoder().encode(documents)),
            error: .inherit)
        let expected = try JSONDecoder().decode([Node?].self, from: python.output)
        #expect(expected.compactMap { $0 }.count >= 8, "too few well-formed documents to compare")
        for (document, oracle) in zip(documents, expected) {
            guard let oracle else { continue }
            let ours = Self.node(try XMLTree(Data(document.utf8)).root)
            #expect(ours == oracle, "\(document.prefix(120))")
        }
    }

    @Test(
        "malformed documents, a DOCTYPE and deep nesting are errors, never a crash",
        arguments: [
            "", "   ", "{}", "<a>", "<a></b>", "<a><b></a></b>", "<a>&bogus;</a>", "<a>&#xFFFFFFFF;</a>", "<a x=1></a>",
            "<a></a><b></b>", "</a>", "<a><!-- open", "<a><![CDATA[ open</a>", "<?xml version='1.0'?>",
            "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
            String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000),
        ])
    func malformed(_ text: String) {
        #expect(throws: XMLTree.ParseError.self) { try XMLTree(Data(text.utf8)) }
    }
}
