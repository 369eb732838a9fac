import Foundation

/// The client side of SASL/SCRAM (RFC 5802, with SHA-256 per RFC 7677 and SHA-512 as Kafka uses it): a
/// random nonce, SaltedPassword via PBKDF2, the ClientProof, and the server's signature verified at the end.
/// Channel binding is not used (`n,,`), as in Kafka.
struct SCRAMClient {
    enum Failure: Error, Equatable {
        /// The server's message does not follow RFC 5802.
        case malformed(String)
        /// The server's first message does not extend our nonce.
        case nonceMismatch
        /// The server answered `e=…`.
        case serverError(String)
        /// The server's signature does not verify: it does not know the password (not a real server).
        case badServerSignature
    }

    let hash: HashFunction
    let username: String
    let password: String
    let clientNonce: String
    private var clientFirstBare = ""
    private var expectedServerSignature: [UInt8] = []

    init(hash: HashFunction, username: String, password: String, clientNonce: String? = nil) {
        self.hash = hash
        self.username = username
        self.password = password
        self.clientNonce = clientNonce ?? Data(RandomBytes.make(24)).base64EncodedString()
    }

    /// `saslname`: `=` and `,` escaped as `=3D` and `=2C`.
    static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
    }

    /// client-first-message.
    mutating func firstMessage() -> [UInt8] {
        clientFirstBare = "n=\(Self.escape(username)),r=\(clientNonce)"
        return Array(("n,," + clientFirstBare).utf8)
    }

    /// client-final-message for the server-first-message.
    /// The most PBKDF2 iterations a server may ask for (about a second of SHA-512 on a small machine).
    static let maximumIterations = 1_000_000

    mutating func finalMessage(serverFirst: [UInt8]) throws -> [UInt8] {
        let hash = hash
        return try finalMessage(serverFirst: serverFirst) { hash.pbkdf2(password: $0, salt: $1, iterations: $2) }
    }

    /// ``finalMessage(serverFirst:)`` with the key derivation (PBKDF2: the costly part) passed in, so that
    /// tests can count the derivations and their iterations: a refused count must cost none.
    mutating func finalMessage(
        serverFirst: [UInt8], derive: (_ password: [UInt8], _ salt: [UInt8], _ iterations: Int) -> [UInt8]
    ) throws -> [UInt8] {
        let serverFirstText = String(decoding: serverFirst, as: UTF8.self)
        let attributes = Self.attributes(serverFirstText)
        if let error = attributes["e"] { throw Failure.serverError(error) }
        guard let nonce = attributes["r"], let saltText = attributes["s"], let salt = Data(base64Encoded: saltText),
            let iterationText = attributes["i"], let iterations = Int(iterationText), iterations > 0
        else { throw Failure.malformed("server-first-message lacks r, s or i") }
        // The count is the server's choice and PBKDF2 cannot be interrupted: a broken or hostile broker asking
        // for billions would hang the probe past every deadline. Kafka's default is 4096 (RFC 7677 asks >= 4096).
        guard iterations <= Self.maximumIterations else {
            throw Failure.malformed(
                "server-first-message asks for \(iterations) iterations (at most \(Self.maximumIterations))")
        }
        guard nonce.hasPrefix(clientNonce), nonce.count > clientNonce.count else { throw Failure.nonceMismatch }
        let withoutProof = "c=biws,r=\(nonce)"
        let salted = derive(Array(password.utf8), Array(salt), iterations)
        let clientKey = hash.hmac(key: salted, Array("Client Key".utf8))
        let storedKey = hash.digest(clientKey)
        let authMessage = Array("\(clientFirstBare),\(serverFirstText),\(withoutProof)".utf8)
        let clientSignature = hash.hmac(key: storedKey, authMessage)
        let proof = zip(clientKey, clientSignature).map { $0 ^ $1 }
        let serverKey = hash.hmac(key: salted, Array("Server Key".utf8))
        expectedServerSignature = hash.hmac(key: serverKey, authMessage)
        return Array("\(withoutProof),p=\(Data(proof).base64EncodedString())".utf8)
    }

    /// Checks server-final-message (`v=` the server signature).
    func verify(serverFinal: [UInt8]) throws {
        let attributes = Self.attributes(String(decoding: serverFinal, as: UTF8.self))
        if let error = attributes["e"] { throw Failure.serverError(error) }
        guard let verifier = attributes["v"], let signature = Data(base64Encoded: verifier) else {
            throw Failure.malformed("server-final-message lacks v")
        }
        guard Array(signature) == expectedServerSignature else { throw Failure.badServerSignature }
    }

    static func attributes(_ message: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in message.split(separator: ",", omittingEmptySubsequences: true) {
            guard let equals = part.firstIndex(of: "="), part.distance(from: part.startIndex, to: equals) == 1 else {
                continue
            }
            result[String(part[..<equals])] = String(part[part.index(after: equals)...])
        }
        return result
    }
}
