#!/usr/bin/env python3
"""Writes sg-vectors.json: random security groups, TCP reachability queries, and the answers computed with
Python's `ipaddress` module as the independent oracle (seeded, so the file is reproducible).

The semantics encoded here are the EC2 API reference's (IpPermission): protocol "-1" is all traffic; "tcp"
or "6" (any letter case) is TCP bounded by FromPort..ToPort (a tcp rule without ports counts as all ports);
any other protocol (udp/17, icmp/1, icmpv6/58, 50, …) never carries TCP. Peers: group pairs match the
peer's groups; IPv4/IPv6 CIDRs (host bits allowed, as ip_network(strict=False)) must cover every address the
peer may have (the union of rules counts); prefix lists and unparsable CIDRs are "unverifiable".

Each world (a few groups) is asked several queries. Answer for a query: "allowed" if a group pair names one of the peer's groups; else per peer network:
covered by the union of CIDR rules → allowed, else overlapped by one or any unresolvable peer exists →
partial, else blocked. Any blocked network → "notAllowed"; else any partial → "unverifiable"; else "allowed".

Also writes address and network parsing vectors (canonical text, or null when ipaddress rejects it).
Run: python3 Tests/Fixtures/network/generate_sg_vectors.py
"""
import ipaddress
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261127)

GROUPS = [f"sg-{i}" for i in range(1, 6)]
PORTS = [22, 443, 444, 9092, 9094, 9096, 9098, 9100, 65535, 0]
PROTOCOLS = ["-1", "tcp", "TCP", "6", "udp", "17", "icmp", "1", "icmpv6", "58", "50", "-1", "tcp", "tcp"]


def v4_network():
    prefix = rng.choice([0, 8, 12, 16, 20, 23, 24, 25, 26, 28, 31, 32])
    base = rng.choice([0x0A000000, 0x0A010000, 0x0A010100, 0xC0A80000, rng.getrandbits(32)])
    address = ipaddress.IPv4Address((base + rng.getrandbits(12)) & 0xFFFFFFFF)
    return f"{address}/{prefix}"


def v6_network():
    prefix = rng.choice([0, 16, 32, 48, 56, 64, 96, 120, 127, 128])
    base = rng.choice([0x20010DB8 << 96, (0x20010DB8 << 96) | (1 << 64), 0, rng.getrandbits(128)])
    address = ipaddress.IPv6Address((base + rng.getrandbits(16)) & ((1 << 128) - 1))
    text = rng.choice([address.compressed, address.exploded, address.compressed.upper()])
    return f"{text}/{prefix}"


def bad_cidr():
    return rng.choice(["10.0.0.256/8", "010.0.0.0/8", "10.0.0.0/33", "2001:db8::/129", "2001:db8:::1/64",
                       "not-a-cidr", "10.0.0/24", "1.2.3.4/"])


def rule():
    protocol = rng.choice(PROTOCOLS)
    r = {"IpProtocol": protocol, "IpRanges": [], "Ipv6Ranges": [], "UserIdGroupPairs": [], "PrefixListIds": []}
    if protocol != "-1" or rng.random() < 0.2:
        if rng.random() < 0.08 and protocol.lower() in ("tcp", "6"):
            pass  # no ports
        else:
            lo = rng.choice(PORTS + [rng.randint(0, 65535)])
            hi = lo if rng.random() < 0.5 else min(65535, lo + rng.choice([1, 5, 100, 65535]))
            r["FromPort"], r["ToPort"] = lo, hi
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        r["IpRanges"].append({"CidrIp": bad_cidr() if rng.random() < 0.03 else v4_network()})
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        r["Ipv6Ranges"].append({"CidrIpv6": bad_cidr() if rng.random() < 0.03 else v6_network()})
    for _ in range(rng.choice([0, 0, 1])):
        r["UserIdGroupPairs"].append({"GroupId": rng.choice(GROUPS)})
    if rng.random() < 0.07:
        r["PrefixListIds"].append({"PrefixListId": "pl-0123456789abcdef0"})
    return r


def group(group_id):
    return {
        "GroupId": group_id,
        "IpPermissions": [rule() for _ in range(rng.randint(0, 2))],
        "IpPermissionsEgress": [rule() for _ in range(rng.randint(0, 2))],
    }


def compact(g):
    """Drops empty lists (the decoder treats absent lists as empty) to keep the file small."""
    def strip(r):
        return {k: v for k, v in r.items() if v != []}
    return {"GroupId": g["GroupId"], "IpPermissions": [strip(r) for r in g["IpPermissions"]],
            "IpPermissionsEgress": [strip(r) for r in g["IpPermissionsEgress"]]}


def carries(r, port):
    p = r["IpProtocol"].lower()
    if p == "-1":
        return True
    if p in ("tcp", "6"):
        lo, hi = r.get("FromPort"), r.get("ToPort")
        if lo is None or hi is None or lo < 0 or hi < 0:
            return True
        return lo <= port <= hi
    return False


def parse(text):
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def covered(network, rules):
    """Whether the union of `rules` holds every address of `network`, by subtracting each rule."""
    remaining = [network]
    for r in rules:
        following = []
        for piece in remaining:
            if piece.subnet_of(r):
                continue
            if r.subnet_of(piece):
                following.extend(piece.address_exclude(r))
            else:
                following.append(piece)
        remaining = following
        if not remaining:
            return True
    return not remaining


def answer(groups, query):
    by_id = {}
    for g in groups:
        by_id.setdefault(g["GroupId"], g)
    key = "IpPermissions" if query["direction"] == "inbound" else "IpPermissionsEgress"
    rules = []
    for gid in dict.fromkeys(query["groupIds"]):
        if gid in by_id:
            rules += [r for r in by_id[gid][key] if carries(r, query["port"])]
    cidrs, unresolved = [], 0
    for r in rules:
        for pair in r["UserIdGroupPairs"]:
            if pair["GroupId"] in query["peerGroupIds"]:
                return "allowed"
        for text in [x["CidrIp"] for x in r["IpRanges"]] + [x["CidrIpv6"] for x in r["Ipv6Ranges"]]:
            network = parse(text)
            if network is None:
                unresolved += 1
            else:
                cidrs.append(network)
        unresolved += len(r["PrefixListIds"])
    statuses = []
    for text in query["peerNetworks"]:
        network = ipaddress.ip_network(text, strict=False)
        overlapping = [c for c in cidrs if c.version == network.version and c.overlaps(network)]
        if covered(network, overlapping):
            statuses.append("allowed")
        elif overlapping or unresolved:
            statuses.append("partial")
        else:
            statuses.append("blocked")
    if "blocked" in statuses:
        return "notAllowed"
    if "partial" in statuses:
        return "unverifiable"
    return "allowed"


def peer_network():
    choice = rng.random()
    if choice < 0.15:
        return "0.0.0.0/0"
    if choice < 0.55:
        net = parse(v4_network())
        return str(net) if rng.random() < 0.5 else str(net.network_address + rng.getrandbits(4) % net.num_addresses)
    net = parse(v6_network())
    return str(net) if rng.random() < 0.5 else str(net.network_address + rng.getrandbits(8) % net.num_addresses)


def main():
    # Worlds of security groups, each asked several queries: the same rules answer many questions.
    worlds = []
    counts = {}
    total = 0
    while total < 3000:
        ids = rng.sample(GROUPS, rng.randint(1, 3))
        groups = [group(g) for g in ids]
        queries = []
        for _ in range(24):
            query = {
                "direction": rng.choice(["inbound", "outbound"]),
                "groupIds": rng.sample(GROUPS, rng.randint(1, 3)),
                "port": rng.choice(PORTS + [rng.randint(1, 65535)]),
                "peerGroupIds": rng.sample(GROUPS, rng.randint(0, 2)),
                "peerNetworks": [peer_network() for _ in range(rng.choice([1, 1, 1, 2, 3]))],
            }
            expected = answer(groups, query)
            # Keep the answers balanced so each kind is well exercised.
            if counts.get(expected, 0) >= 1400:
                continue
            counts[expected] = counts.get(expected, 0) + 1
            query["expected"] = expected
            queries.append(query)
        if queries:
            total += len(queries)
            worlds.append({"groups": [compact(g) for g in groups], "queries": queries})

    addresses = []
    for _ in range(400):
        if rng.random() < 0.5:
            a = ipaddress.IPv6Address(rng.getrandbits(128) & rng.choice([(1 << 128) - 1, 0xFFFF << 112 | 0xFFFF, (1 << 32) - 1 | 0xFFFF << 32]))
            text = rng.choice([a.compressed, a.exploded, a.compressed.upper()])
            if rng.random() < 0.1:
                text = "::ffff:" + str(ipaddress.IPv4Address(rng.getrandbits(32)))
        else:
            text = str(ipaddress.IPv4Address(rng.getrandbits(32)))
        addresses.append(text)
    addresses += ["1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "::", "::1", "1::", "1:2:3:4:5:6:7::",
                  "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::2", "12345::", "g::1", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
                  "1:2:3:4:5:6:7:1.2.3.4", "", "0.0.0.0", "255.255.255.255", "fe80::1%eth0", " 1.2.3.4"]
    address_vectors = []
    for text in addresses:
        try:
            canonical = str(ipaddress.ip_address(text))
        except ValueError:
            canonical = None
        if "%" in text:
            # ipaddress accepts IPv6 scope ids (fe80::1%eth0); EC2 rules never carry one, so we reject them.
            canonical = None
        address_vectors.append({"text": text, "canonical": canonical})

    with open(os.path.join(HERE, "sg-vectors.json"), "w") as f:
        json.dump({"worlds": worlds, "addresses": address_vectors}, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print(counts, len(worlds), len(address_vectors))


if __name__ == "__main__":
    main()
