/// An IPv4 or IPv6 address, parsed the way Python's `ipaddress` module parses one (the tests use it as the
/// oracle): dotted decimal without leading zeros for IPv4; RFC 4291 text (with `::` and a trailing dotted
/// IPv4 part) for IPv6. The value is kept as 128 bits; IPv4 uses the low 32.
package struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    package enum Family: Sendable, Hashable {
        case v4, v6

        /// The number of bits in an address.
        package var bitWidth: Int { self == .v4 ? 32 : 128 }
    }

    package let family: Family
    let value: UInt128Value

    init(family: Family, value: UInt128Value) {
        self.family = family
        self.value = value
    }

    /// Parses an address; nil when the text is not one.
    package init?(_ text: String) {
        if text.contains(":") {
            guard let value = IPAddress.parseV6(Substring(text)) else { return nil }
            self.init(family: .v6, value: value)
        } else {
            guard let value = IPAddress.parseV4(Substring(text)) else { return nil }
            self.init(family: .v4, value: UInt128Value(high: 0, low: UInt64(value)))
        }
    }

    package static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.family != rhs.family { return lhs.family == .v4 }
        return lhs.value < rhs.value
    }

    package var description: String {
        switch family {
        case .v4:
            let v = value.low
            return [24, 16, 8, 0].map { String((v >> UInt64($0)) & 0xff) }.joined(separator: ".")
        case .v6:
            let words = (0..<8).map { index -> UInt16 in
                let part = index < 4 ? value.high : value.low
                return UInt16(truncatingIfNeeded: part >> UInt64((3 - index % 4) * 16))
            }
            // Compress the longest run (length ≥ 2) of zero words, leftmost on ties (RFC 5952).
            var bestStart = -1
            var bestLength = 0
            var index = 0
            while index < 8 {
                if words[index] == 0 {
                    var end = index
                    while end < 8 && words[end] == 0 { end += 1 }
                    if end - index > bestLength && end - index >= 2 {
                        bestStart = index
                        bestLength = end - index
                    }
                    index = end
                } else {
                    index += 1
                }
            }
            let hex = words.map { String($0, radix: 16) }
            if bestStart < 0 { return hex.joined(separator: ":") }
            let head = hex[0..<bestStart].joined(separator: ":")
            let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
            return head + "::" + tail
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let octet = UInt32(part), octet <= 255
            else { return nil }
            // Leading zeros are ambiguous (octal in some parsers); Python's ipaddress rejects them too.
            if part.count > 1 && part.first == "0" { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseV6(_ text: Substring) -> UInt128Value? {
        var words: [UInt16] = []
        var tailWords: [UInt16] = []
        var sawCompression = false
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        sawCompression = halves.count == 2
        func parseGroups(_ part: String, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            let groups = part.split(separator: ":", omittingEmptySubsequences: false)
            var result: [UInt16] = []
            for (index, group) in groups.enumerated() {
                if allowIPv4Tail && index == groups.count - 1 && group.contains(".") {
                    guard let v4 = parseV4(group) else { return nil }
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xffff))
                    continue
                }
                guard !group.isEmpty, group.count <= 4, group.allSatisfy({ $0.isHexDigit && $0.isASCII }),
                    let word = UInt16(group, radix: 16)
                else { return nil }
                result.append(word)
            }
            return result
        }
        if sawCompression {
            guard let head = parseGroups(halves[0], allowIPv4Tail: false),
                let tail = parseGroups(halves[1], allowIPv4Tail: true), head.count + tail.count <= 7
            else { return nil }
            words = head
            tailWords = tail
            words += Array(repeating: 0, count: 8 - head.count - tail.count) + tailWords
        } else {
            guard let all = parseGroups(halves[0], allowIPv4Tail: true), all.count == 8 else { return nil }
            words = all
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, word) in words.enumerated() {
            if index < 4 {
                high = high << 16 | UInt64(word)
            } else {
                low = low << 16 | UInt64(word)
            }
        }
        return UInt128Value(high: high, low: low)
    }
}

/// A 128-bit unsigned value as two halves (portable to platforms without `UInt128`).
struct UInt128Value: Sendable, Hashable, Comparable {
    var high: UInt64
    var low: UInt64

    static func < (lhs: UInt128Value, rhs: UInt128Value) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    static func & (lhs: UInt128Value, rhs: UInt128Value) -> UInt128Value {
        UInt128Value(high: lhs.high & rhs.high, low: lhs.low & rhs.low)
    }

    static func | (lhs: UInt128Value, rhs: UInt128Value) -> UInt128Value {
        UInt128Value(high: lhs.high | rhs.high, low: lhs.low | rhs.low)
    }

    static prefix func ~ (value: UInt128Value) -> UInt128Value {
        UInt128Value(high: ~value.high, low: ~value.low)
    }

    /// The value plus one, or nil when it would overflow `width` bits.
    func successor(width: Int) -> UInt128Value? {
        if self == UInt128Value.mask(ones: width, width: width) { return nil }
        if low == UInt64.max { return UInt128Value(high: high + 1, low: 0) }
        return UInt128Value(high: high, low: low + 1)
    }

    /// A value whose top `ones` bits (of `width`) are set: the network mask of a prefix length.
    static func mask(ones: Int, width: Int) -> UInt128Value {
        // Build the mask as if for 128 bits, then shift into the low `width` bits.
        func top(_ count: Int) -> UInt64 {
            count <= 0 ? 0 : (count >= 64 ? UInt64.max : ~(UInt64.max >> UInt64(count)))
        }
        if width == 32 {
            let bits: UInt64 = ones <= 0 ? 0 : (0xffff_ffff << UInt64(32 - min(ones, 32))) & 0xffff_ffff
            return UInt128Value(high: 0, low: bits)
        }
        return UInt128Value(high: top(ones), low: top(ones - 64))
    }
}

/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/16`, `2001:db8::/32`). Host bits are cleared when
/// parsing, as Python's `ip_network(text, strict=False)` does.
package struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the network.
    package let address: IPAddress
    package let prefixLength: Int

    /// Parses `address/prefix`; a bare address is a single-address network (/32 or /128).
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(String(parts[0])) else { return nil }
        let width = address.family.bitWidth
        var length = width
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                let parsed = Int(parts[1]), parsed <= width
            else { return nil }
            length = parsed
        }
        self.init(address: address, prefixLength: length)
    }

    /// The network of `prefixLength` bits around `address` (host bits cleared).
    package init(address: IPAddress, prefixLength: Int) {
        let width = address.family.bitWidth
        let length = max(0, min(prefixLength, width))
        let mask = UInt128Value.mask(ones: length, width: width)
        self.address = IPAddress(family: address.family, value: address.value & mask)
        self.prefixLength = length
    }

    /// The whole IPv4 space, `0.0.0.0/0`: "any IPv4 address".
    package static let anyIPv4 = IPNetwork(
        address: IPAddress(family: .v4, value: UInt128Value(high: 0, low: 0)), prefixLength: 0)
    /// The whole IPv6 space, `::/0`.
    package static let anyIPv6 = IPNetwork(
        address: IPAddress(family: .v6, value: UInt128Value(high: 0, low: 0)), prefixLength: 0)

    package var family: IPAddress.Family { address.family }

    var first: UInt128Value { address.value }

    var last: UInt128Value {
        let width = family.bitWidth
        let hostBits =
            ~UInt128Value.mask(ones: prefixLength, width: width) & UInt128Value.mask(ones: width, width: width)
        return address.value | hostBits
    }

    package func contains(_ other: IPAddress) -> Bool {
        other.family == family
            && (other.value & UInt128Value.mask(ones: prefixLength, width: family.bitWidth)) == address.value
    }

    /// Whether every address of `other` is in this network (Python: `other.subnet_of(self)`).
    package func contains(_ other: IPNetwork) -> Bool {
        other.family == family && other.prefixLength >= prefixLength && contains(other.address)
    }

    /// Whether the two networks share at least one address.
    package func overlaps(_ other: IPNetwork) -> Bool {
        other.family == family && (contains(other.address) || other.contains(address))
    }

    /// Whether the union of `parts` holds every address of this network.
    package func isCovered(byUnionOf parts: [IPNetwork]) -> Bool {
        let relevant = parts.filter { $0.overlaps(self) }
        if relevant.contains(where: { $0.contains(self) }) { return true }
        // What remains lies strictly inside this network: merge the intervals and look for a gap.
        let intervals = relevant.map { ($0.first, $0.last) }.sorted { $0.0 < $1.0 }
        var next: UInt128Value? = first
        for (start, end) in intervals {
            guard let needed = next else { return true }
            if needed < start { return false }
            if needed < end || needed == end {
                next = end.successor(width: family.bitWidth)
                if let following = next, last < following { return true }
                if next == nil { return true }
            }
        }
        guard let needed = next else { return true }
        return last < needed
    }

    package var description: String { "\(address)/\(prefixLength)" }
}
