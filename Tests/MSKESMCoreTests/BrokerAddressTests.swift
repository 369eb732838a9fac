import Foundation
import Testing

@testable import MSKESMCore

/// The one `host:port` reader: a host, and a port in 1–65535.
struct BrokerAddressTests {
    @Test(arguments: [
        ("kafka1.example.com:9096", "kafka1.example.com", 9096), ("[::1]:9092", "::1", 9092), ("h:1", "h", 1),
        ("h:65535", "h", 65535),
    ])
    func brokerAddressesThatRead(_ text: String, host: String, port: Int) {
        #expect(BrokerAddress(text)?.host == host)
        #expect(BrokerAddress(text)?.port == port)
    }

    @Test(arguments: ["h1:99999", "127.0.0.1:0", "h:65536", "h:-1", ":9092", "h1", "h:", "h:90x", "[]:9092"])
    func brokerAddressesThatDoNot(_ text: String) {
        #expect(BrokerAddress(text) == nil)
        #expect(BrokerSelector.port(of: text) == nil)
    }

    @Test func brokerListsNameTheBadEntry() throws {
        #expect(try BrokerAddress.list(" a:1 , b:2,") == ["a:1", "b:2"])
        #expect(throws: BrokerAddress.ListError.invalid("b:0")) { try BrokerAddress.list("a:1,b:0") }
        #expect(throws: BrokerAddress.ListError.empty) { try BrokerAddress.list(" , ") }
    }
}
