import Foundation

/// The path of one mapping as a graph, for the Markdown report's Mermaid flowchart (docs/output.md#markdown):
/// function → mapping → the pollers' subnets and security groups → brokers and ports; the execution role →
/// the permissions it grants and those it lacks; each secret → its KMS key. A `fail` or `warn` finding marks the
/// node (or, for a network problem with no single resource, the edge to the brokers) it is about, with its code.
///
/// Built only from the snapshot's names and identifiers and the findings' codes, never from a secret's value;
/// node ids are made up here (`fn`, `sg0`, …), never taken from data, and every label is data, escaped when
/// rendered (``mermaid``).
public struct MappingPathDiagram: Sendable, Equatable {
    /// What a node stands for.
    public enum Kind: String, Sendable, Equatable {
        /// The function, the mapping, a subnet, a security group, a broker, the execution role, the permissions
        /// it grants (one node), one it lacks, a secret, a secret's KMS key.
        case function, mapping, subnet, securityGroup, broker, role, grantedPermissions, missingPermission, secret
        case kmsKey
    }

    /// One box of the diagram.
    public struct Node: Sendable, Equatable {
        /// The node's Mermaid id, made up here.
        public var id: String
        /// What it stands for.
        public var kind: Kind
        /// The lines of its label, as data (escaped when rendered).
        public var lines: [String]
        /// The codes of the `fail` and `warn` findings about it, in report order.
        public var problems: [String] = []
        /// The worst severity among them (`fail` before `warn`); nil when it has none.
        public var severity: Severity?
        /// The identifiers a finding's evidence names it by (a security group id, a secret ARN, a broker host).
        var keys: [String] = []
    }

    /// One arrow.
    public struct Edge: Sendable, Equatable {
        /// The id of the node or group it leaves.
        public var from: String
        /// The id of the node or group it reaches.
        public var to: String
        /// Its label (data, escaped when rendered); empty for none.
        public var label: String
        /// The codes of the findings about this hop, as for a node.
        public var problems: [String] = []
        /// The worst severity among them; nil when it has none.
        public var severity: Severity?
    }

    /// A box around nodes (the pollers' network, the brokers), which an edge may leave or reach as a whole.
    public struct Group: Sendable, Equatable {
        /// The group's Mermaid id, made up here.
        public var id: String
        /// Its title (data, escaped when rendered).
        public var title: String
        /// The ids of the nodes in it.
        public var members: [String]
    }

    /// The nodes, in the order they are declared.
    public var nodes: [Node] = []
    /// The edges, in order (Mermaid's `linkStyle` numbers them in this order).
    public var edges: [Edge] = []
    /// The groups.
    public var groups: [Group] = []

    /// At most this many subnets, security groups, brokers or secrets are drawn; the rest are counted in one node.
    static let listLimit = 6

    /// The diagram of `snapshot`'s mapping with `findings` (the doctor's or lint's findings of that mapping)
    /// marked on it. `name` titles the mapping's node (lint's logical id); by default its UUID.
    public init(snapshot: Snapshot, findings: [Finding], name: String? = nil) {
        let context = DoctorContext(snapshot: snapshot, now: Date(timeIntervalSince1970: 0))
        let mapping = snapshot.eventSourceMapping
        let functionName =
            snapshot.function?.functionName ?? mapping.functionArn.map { MappingFacts.functionName(ofArn: $0) }
        add(Node(id: "fn", kind: .function, lines: ["function", functionName ?? "(unknown)"]))
        var mappingLines = ["mapping", name ?? mapping.uuid ?? "(no UUID)"]
        if let topic = MappingSettings(mapping).topic { mappingLines.append("topic " + topic) }
        add(Node(id: "esm", kind: .mapping, lines: mappingLines))
        edges.append(Edge(from: "fn", to: "esm", label: "event source mapping"))

        // The pollers' network: the subnets and security groups Lambda places them in.
        let subnets = context.mappingSubnetIds
        let groupIds = context.mappingSecurityGroupIds
        var networkMembers: [String] = []
        for (index, subnet) in subnets.prefix(Self.listLimit).enumerated() {
            add(Node(id: "subnet\(index)", kind: .subnet, lines: ["subnet", subnet], keys: [subnet]))
            networkMembers.append("subnet\(index)")
        }
        if subnets.count > Self.listLimit {
            add(Node(id: "subnetMore", kind: .subnet, lines: ["\(subnets.count - Self.listLimit) more subnets"]))
            networkMembers.append("subnetMore")
        }
        for (index, group) in groupIds.prefix(Self.listLimit).enumerated() {
            add(Node(id: "sg\(index)", kind: .securityGroup, lines: ["security group", group], keys: [group]))
            networkMembers.append("sg\(index)")
        }
        if groupIds.count > Self.listLimit {
            add(
                Node(
                    id: "sgMore", kind: .securityGroup,
                    lines: ["\(groupIds.count - Self.listLimit) more security groups"]))
            networkMembers.append("sgMore")
        }
        if !networkMembers.isEmpty {
            groups.append(Group(id: "net", title: "pollers' network", members: networkMembers))
            edges.append(Edge(from: "esm", to: "net", label: "pollers"))
        }

        // The brokers Lambda's broker choice connects to, with the method and ports.
        let choice = context.brokerChoice
        let brokers = choice?.brokers ?? mapping.selfManagedEventSource?.bootstrapServers ?? []
        var brokerMembers: [String] = []
        for (index, broker) in brokers.prefix(Self.listLimit).enumerated() {
            let host = broker.split(separator: ":").first.map(String.init) ?? broker
            add(Node(id: "broker\(index)", kind: .broker, lines: ["broker", broker], keys: [broker, host]))
            brokerMembers.append("broker\(index)")
        }
        if brokers.count > Self.listLimit {
            add(Node(id: "brokerMore", kind: .broker, lines: ["\(brokers.count - Self.listLimit) more brokers"]))
            brokerMembers.append("brokerMore")
        }
        if brokerMembers.isEmpty {
            add(Node(id: "broker0", kind: .broker, lines: ["brokers", "(not known)"]))
            brokerMembers.append("broker0")
        }
        let method = choice?.method ?? choice?.attemptedMethod
        let ports = choice.map { $0.ports.isEmpty ? ($0.port.map { [$0] } ?? []) : $0.ports } ?? []
        var brokerTitle = "brokers"
        if let cluster = context.clusterArn { brokerTitle += " of " + Self.lastComponents(ofArn: cluster) }
        groups.append(Group(id: "brk", title: brokerTitle, members: brokerMembers))
        let connection =
            [method?.rawValue, ports.isEmpty ? nil : "port " + ports.map(String.init).joined(separator: ", ")]
            .compactMap { $0 }.joined(separator: " on ")
        edges.append(Edge(from: networkMembers.isEmpty ? "esm" : "net", to: "brk", label: connection))

        // The execution role and what it grants and lacks, as the IAM findings say.
        let roleName = snapshot.role?.role?.roleName ?? snapshot.function?.role.map(MappingFacts.roleName(ofArn:))
        add(Node(id: "role", kind: .role, lines: ["execution role", roleName ?? "(unknown)"]))
        edges.append(Edge(from: "fn", to: "role", label: "assumes"))
        let permissionFindings = findings.filter { $0.code.hasPrefix("IAM") && $0.evidence["actions"] != nil }
        let granted = permissionFindings.filter { $0.severity == .pass }
        if !granted.isEmpty {
            let actions = Self.unique(granted.compactMap { $0.evidence["actions"]?.arrayValue?.first?.stringValue })
            var lines = ["granted"] + actions.prefix(Self.listLimit)
            if actions.count > Self.listLimit { lines.append("and \(actions.count - Self.listLimit) more") }
            add(Node(id: "granted", kind: .grantedPermissions, lines: lines))
            edges.append(Edge(from: "role", to: "granted", label: "allows"))
        }
        var missingIndex = 0
        for finding in permissionFindings where finding.severity == .fail || finding.severity == .warn {
            let action = finding.evidence["actions"]?.arrayValue?.first?.stringValue ?? finding.title
            let resource = finding.evidence["resource"]?.stringValue ?? ""
            var node = Node(
                id: "missing\(missingIndex)", kind: .missingPermission,
                lines: ["missing", action] + (resource.isEmpty ? [] : ["on " + resource]))
            node.mark(finding)
            add(node)
            edges.append(Edge(from: "role", to: node.id, label: "lacks"))
            missingIndex += 1
        }

        // The secrets the mapping reads, each with the KMS key that encrypts it.
        let secrets = context.secretArns
        for (index, arn) in secrets.prefix(Self.listLimit).enumerated() {
            let type =
                (mapping.sourceAccessConfigurations ?? []).first { $0.uri == arn }?.type ?? "schema registry"
            add(
                Node(
                    id: "secret\(index)", kind: .secret, lines: ["secret", Self.lastComponents(ofArn: arn)],
                    keys: [arn]))
            edges.append(Edge(from: "esm", to: "secret\(index)", label: type))
            guard let describe = snapshot.secrets?[arn]?.describe else { continue }
            let keyId = describe.kmsKeyId ?? ""
            let keyNode = Node(
                id: "key\(index)", kind: .kmsKey,
                lines: ["KMS key", keyId.isEmpty ? "aws/secretsmanager (AWS managed)" : keyId],
                keys: keyId.isEmpty ? [] : [keyId])
            add(keyNode)
            edges.append(Edge(from: "secret\(index)", to: keyNode.id, label: "encrypted with"))
        }

        for finding in findings where finding.severity == .fail || finding.severity == .warn {
            if finding.code.hasPrefix("IAM") && finding.evidence["actions"] != nil {
                // Its own node above; a secret's key it lacks kms:Decrypt on is marked too.
                if let resource = finding.evidence["resource"]?.stringValue { markNodes(naming: [resource], finding) }
                continue
            }
            let named = markNodes(naming: Self.identifiers(in: finding), finding)
            // A network problem is about the hop to the brokers even when it names a security group or subnet.
            if !named || finding.code.hasPrefix("NET") { markByArea(finding) }
        }
    }

    // MARK: Building

    private mutating func add(_ node: Node) { nodes.append(node) }

    /// Marks every node one of `identifiers` names; whether there was one.
    @discardableResult
    private mutating func markNodes(naming identifiers: Set<String>, _ finding: Finding) -> Bool {
        var marked = false
        for index in nodes.indices where nodes[index].keys.contains(where: identifiers.contains) {
            nodes[index].mark(finding)
            marked = true
        }
        return marked
    }

    /// A finding that names no node: marked where its area lies on the path.
    private mutating func markByArea(_ finding: Finding) {
        let area = finding.code.prefix(while: \.isLetter)
        switch area {
        case "NET":
            // The hop from the pollers' network to the brokers.
            if let index = edges.firstIndex(where: { $0.to == "brk" }) { edges[index].mark(finding) }
        case "BRK", "PRB":
            for index in nodes.indices where nodes[index].kind == .broker { nodes[index].mark(finding) }
        case "SEC":
            let secrets = nodes.indices.filter { nodes[$0].kind == .secret }
            if secrets.isEmpty { mark("esm", finding) }
            for index in secrets { nodes[index].mark(finding) }
        case "IAM":
            mark("role", finding)
        default:
            // MAP, FLT, TOP, MET, REG, ACC, LNT: the mapping's own settings and state.
            mark("esm", finding)
        }
    }

    private mutating func mark(_ id: String, _ finding: Finding) {
        if let index = nodes.firstIndex(where: { $0.id == id }) { nodes[index].mark(finding) }
    }

    /// Every identifier-like word of a finding's evidence (strings, also inside lists and objects) and title.
    static func identifiers(in finding: Finding) -> Set<String> {
        var words: Set<String> = []
        func collect(_ value: JSONValue) {
            switch value {
            case .string(let text): words.formUnion(tokens(text))
            case .array(let items): items.forEach(collect)
            case .object(let members): members.values.forEach(collect)
            default: break
            }
        }
        finding.evidence.values.forEach(collect)
        words.formUnion(tokens(finding.title))
        return words
    }

    /// `text` split at spaces, quotes, brackets and commas, with a trailing `.` or `:` dropped.
    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { " \t\n,;()[]{}\"'`".contains($0) }).map {
            var word = Substring($0)
            while let last = word.last, last == "." || last == ":" { word = word.dropLast() }
            return String(word)
        }.filter { !$0.isEmpty }
    }

    /// `arn:aws:secretsmanager:…:secret:name-AbCdEf` → `name-AbCdEf`; `…:cluster/name/uuid` → `cluster/name/uuid`.
    static func lastComponents(ofArn arn: String) -> String {
        guard arn.hasPrefix("arn:") else { return arn }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return arn }
        return String(parts[5])
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension MappingPathDiagram {
    /// The diagram as a Mermaid flowchart (the text of a Markdown code block of language `mermaid`), left to
    /// right: each node a box whose label is escaped (``MermaidText/label(_:)``), a node with problems in class
    /// `fail` or `warn` (red or amber) with their codes on a last line, an edge with problems drawn thick in that
    /// colour with its codes in its label.
    public var mermaid: String {
        var lines = ["flowchart LR"]
        let grouped = Set(groups.flatMap(\.members))
        func declare(_ node: Node) -> String {
            var label = node.lines
            if !node.problems.isEmpty { label.append(node.problems.joined(separator: " ")) }
            let shape = node.kind == .missingPermission ? ("[/", "/]") : ("[", "]")
            return "\(node.id)\(shape.0)\"\(MermaidText.label(label))\"\(shape.1)"
        }
        for node in nodes where !grouped.contains(node.id) { lines.append("    " + declare(node)) }
        for group in groups {
            lines.append("    subgraph \(group.id) [\"\(MermaidText.label([group.title]))\"]")
            for id in group.members {
                if let node = nodes.first(where: { $0.id == id }) { lines.append("        " + declare(node)) }
            }
            lines.append("    end")
        }
        for edge in edges {
            let text = ([edge.label] + (edge.problems.isEmpty ? [] : [edge.problems.joined(separator: " ")]))
                .filter { !$0.isEmpty }
            let arrow = edge.severity == nil ? "-->" : "==>"
            lines.append(
                "    \(edge.from) \(arrow)" + (text.isEmpty ? "" : "|\"\(MermaidText.label(text))\"|") + " \(edge.to)")
        }
        lines.append("    classDef fail fill:#ffe0e0,stroke:#d1242f,stroke-width:2px,color:#000")
        lines.append("    classDef warn fill:#fff4d6,stroke:#bf8700,stroke-width:2px,color:#000")
        for severity in [Severity.fail, .warn] {
            let ids = nodes.filter { $0.severity == severity }.map(\.id)
            if !ids.isEmpty { lines.append("    class \(ids.joined(separator: ",")) \(severity.rawValue)") }
            let colour = severity == .fail ? "#d1242f" : "#bf8700"
            let numbers = edges.indices.filter { edges[$0].severity == severity }.map(String.init)
            if !numbers.isEmpty {
                lines.append("    linkStyle \(numbers.joined(separator: ",")) stroke:\(colour),stroke-width:3px")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension MappingPathDiagram.Node {
    mutating func mark(_ finding: Finding) {
        if !problems.contains(finding.code) { problems.append(finding.code) }
        severity = severity.map { min($0, finding.severity) } ?? finding.severity
    }
}

extension MappingPathDiagram.Edge {
    mutating func mark(_ finding: Finding) {
        if !problems.contains(finding.code) { problems.append(finding.code) }
        severity = severity.map { min($0, finding.severity) } ?? finding.severity
    }
}
