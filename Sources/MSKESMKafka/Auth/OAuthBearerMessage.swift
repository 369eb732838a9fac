import Foundation

/// The SASL/OAUTHBEARER messages (RFC 7628, section 3.1, https://www.rfc-editor.org/rfc/rfc7628#section-3.1)
/// as Kafka carries them in SaslAuthenticate (KIP-255, KIP-342 for the extensions).
enum OAuthBearerMessage {
    /// The client's initial response: the GS2 header `n,,` (no authorization identity), then
    /// `\u{1}auth=Bearer <token>`, one `\u{1}key=value` per extension, and `\u{1}\u{1}`.
    static func initialResponse(token: String, extensions: [(key: String, value: String)]) -> [UInt8] {
        var text = "n,,\u{1}auth=Bearer \(token)"
        for (key, value) in extensions { text += "\u{1}\(key)=\(value)" }
        return Array((text + "\u{1}\u{1}").utf8)
    }

    /// The client's answer to a server error challenge (section 3.2.3): a single `\u{1}`.
    static let errorAcknowledgement: [UInt8] = [0x01]

    /// The `status` (and `scope`) of a server error challenge (section 3.2.2): a JSON object such as
    /// `{"status":"invalid_token"}`; nil when the bytes are not one.
    static func errorStatus(_ challenge: [UInt8]) -> (status: String, scope: String?)? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(challenge))) as? [String: Any],
            let status = object["status"] as? String
        else { return nil }
        return (String(status.prefix(80)), (object["scope"] as? String).map { String($0.prefix(200)) })
    }
}

/// The broker refused the token: its error challenge (RFC 7628 `status`) and the SaslAuthenticate error that
/// ended the exchange.
struct OAuthBearerRejection: Error {
    var status: String?
    var scope: String?
    var call: KafkaCallError?
}
