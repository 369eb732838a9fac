import Foundation

/// Values the REPL has seen in this session, offered by Tab completion: mapping UUIDs from `list` and
/// `get`, function names, cluster ARNs.
struct LearnedValues {
    private(set) var mappingUUIDs: [String] = []
    private(set) var functionNames: [String] = []
    private(set) var clusterARNs: [String] = []

    mutating func learn(fromOutput text: String) {
        let bytes = Array(text.utf8)
        for range in Scanner.matches(in: bytes, Scanner.uuid) {
            insert(Scanner.text(bytes, range), into: \.mappingUUIDs)
        }
        for range in Scanner.matches(in: bytes, Scanner.functionName) {
            insert(Scanner.text(bytes, range), into: \.functionNames)
        }
        for range in Scanner.matches(in: bytes, Scanner.clusterARN) {
            insert(Scanner.text(bytes, range), into: \.clusterARNs)
        }
    }

    mutating func learnMapping(_ uuid: String) { insert(uuid.lowercased(), into: \.mappingUUIDs) }

    private mutating func insert(_ value: String, into list: WritableKeyPath<LearnedValues, [String]>) {
        guard !self[keyPath: list].contains(value) else { return }
        self[keyPath: list].append(value)
        // Keep the lists small: completion is for what was seen recently.
        if self[keyPath: list].count > 500 { self[keyPath: list].removeFirst() }
    }

    static func isMappingUUID(_ text: String) -> Bool {
        let bytes = Array(text.lowercased().utf8)
        return Scanner.uuid(bytes, 0) == 0..<bytes.count
    }

    /// Hand-written scanning over UTF-8 bytes instead of regex literals: on Linux a Regex's compiled program
    /// is never freed (LeakSanitizer reports it). Each matcher looks for its pattern starting exactly at an
    /// index and returns the range to keep (the whole match, or the captured part), or nil. Every repetition
    /// is followed by a character it cannot contain, so greedy matching without backtracking finds what the
    /// regular expressions in the comments find.
    private enum Scanner {
        typealias Matcher = ([UInt8], Int) -> Range<Int>?

        /// Leftmost, non-overlapping matches, as `String.matches(of:)`.
        static func matches(in bytes: [UInt8], _ matcher: Matcher) -> [Range<Int>] {
            var found: [Range<Int>] = []
            var index = 0
            while index < bytes.count {
                if let range = matcher(bytes, index) {
                    found.append(range)
                    index = max(range.upperBound, index + 1)
                } else {
                    index += 1
                }
            }
            return found
        }

        static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
            String(decoding: bytes[range], as: UTF8.self)
        }

        /// `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
        static func uuid(_ bytes: [UInt8], _ start: Int) -> Range<Int>? {
            var index: Int? = start
            for (group, length) in [8, 4, 4, 4, 12].enumerated() {
                if group > 0 { index = literal("-", bytes, index) }
                index = run(isLowerHex, exactly: length, bytes, index)
            }
            return index.map { start..<$0 }
        }

        /// `arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:([A-Za-z0-9_-]+)`, keeping the name.
        static func functionName(_ bytes: [UInt8], _ start: Int) -> Range<Int>? {
            guard
                let nameStart = arnPrefix(service: "lambda", bytes, start).flatMap({ literal("function:", bytes, $0) }),
                let end = run(isNameCharacter, atLeast: 1, bytes, nameStart)
            else { return nil }
            return nameStart..<end
        }

        /// `arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:(?:cluster|vpc-connection)/[A-Za-z0-9._/-]+`
        static func clusterARN(_ bytes: [UInt8], _ start: Int) -> Range<Int>? {
            guard let resource = arnPrefix(service: "kafka", bytes, start),
                let slash = literal("cluster/", bytes, resource) ?? literal("vpc-connection/", bytes, resource),
                let end = run(isClusterPathCharacter, atLeast: 1, bytes, slash)
            else { return nil }
            return start..<end
        }

        /// `arn:aws[a-z-]*:SERVICE:[a-z0-9-]+:[0-9]{12}:`, returning where the resource starts.
        private static func arnPrefix(service: String, _ bytes: [UInt8], _ start: Int) -> Int? {
            var index = literal("arn:aws", bytes, start)
            index = run(isPartitionCharacter, atLeast: 0, bytes, index)
            index = literal(":\(service):", bytes, index)
            index = run(isRegionCharacter, atLeast: 1, bytes, index)
            index = literal(":", bytes, index)
            index = run(isDigit, exactly: 12, bytes, index)
            return literal(":", bytes, index)
        }

        private static func literal(_ text: String, _ bytes: [UInt8], _ start: Int?) -> Int? {
            guard var index = start else { return nil }
            for byte in text.utf8 {
                guard index < bytes.count, bytes[index] == byte else { return nil }
                index += 1
            }
            return index
        }

        /// As many bytes matching `accepts` as there are (greedy), at least `minimum`.
        private static func run(_ accepts: (UInt8) -> Bool, atLeast minimum: Int, _ bytes: [UInt8], _ start: Int?)
            -> Int?
        {
            guard let start else { return nil }
            var index = start
            while index < bytes.count && accepts(bytes[index]) { index += 1 }
            return index - start >= minimum ? index : nil
        }

        /// Exactly `count` bytes matching `accepts`.
        private static func run(_ accepts: (UInt8) -> Bool, exactly count: Int, _ bytes: [UInt8], _ start: Int?) -> Int?
        {
            guard let start, start + count <= bytes.count, bytes[start..<(start + count)].allSatisfy(accepts) else {
                return nil
            }
            return start + count
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7a }
        private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5a }
        private static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x61 && byte <= 0x66) }
        private static func isPartitionCharacter(_ byte: UInt8) -> Bool { isLower(byte) || byte == UInt8(ascii: "-") }
        private static func isRegionCharacter(_ byte: UInt8) -> Bool { isPartitionCharacter(byte) || isDigit(byte) }
        private static func isNameCharacter(_ byte: UInt8) -> Bool {
            isLower(byte) || isUpper(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        private static func isClusterPathCharacter(_ byte: UInt8) -> Bool {
            isLower(byte) || isUpper(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")
        }
    }
}
