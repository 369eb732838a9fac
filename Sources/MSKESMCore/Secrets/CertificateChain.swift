import Foundation

/// The certificates of a secret's `certificate` field put in chain order: the leaf, then each issuer,
/// found by issuer name *and* signature, not by the order they were written in.
struct CertificateChain {
    /// The certificates as written.
    let given: [Certificate]
    /// Indexes into `given`, leaf first, each followed by its issuer.
    let path: [Int]
    /// Certificates that are not on the leaf's path.
    let unrelated: [Int]

    init(_ given: [Certificate]) {
        self.given = given
        let count = given.count
        guard count > 0 else {
            path = []
            unrelated = []
            return
        }
        // A leaf is a certificate that issued none of the others.
        let candidates = (0..<count).filter { issuer in
            !(0..<count).contains { child in
                child != issuer && given[child].namesIssuer(given[issuer]) && given[child].isSigned(by: given[issuer])
            }
        }
        let leaf: Int
        if candidates.contains(0) {
            leaf = 0
        } else {
            leaf = candidates.first { !given[$0].isCA } ?? candidates.first ?? 0
        }
        var path = [leaf]
        var current = leaf
        while !given[current].isSelfIssued {
            let unused = (0..<count).filter { !path.contains($0) }
            let next =
                unused.first { given[current].namesIssuer(given[$0]) && given[current].isSigned(by: given[$0]) }
                ?? unused.first { given[current].namesIssuer(given[$0]) }
            guard let next else { break }
            path.append(next)
            current = next
        }
        self.path = path
        unrelated = (0..<count).filter { !path.contains($0) }
    }

    var leaf: Certificate? { path.first.map { given[$0] } }
    var ordered: [Certificate] { path.map { given[$0] } }

    /// The certificates were written leaf first, each followed by its issuer.
    var isInOrder: Bool { path == Array(0..<path.count) }

    /// The order `secret fix` writes: the path, then anything unrelated (kept, never silently dropped).
    var repairedOrder: [Certificate] { (path + unrelated).map { given[$0] } }
}
