import Foundation
import Testing

@testable import MSKESMCore

/// Error lines of a readable length, whatever the arguments they echo.
struct ErrorLineTests {
    @Test func errorLinesCutLongWordsAndStayShort() {
        let long = String(repeating: "x", count: 100_000)
        let line = ToolError.usage("file not found", input: "/tmp/" + long + ".json", fix: "check the path").description
        #expect(line.count < ToolError.maximumWordLength + 80)
        #expect(line.hasPrefix("file not found (/tmp/xxx"))
        #expect(line.hasSuffix("xxx.json): check the path"))
        #expect(line.contains("…[\(100_013 - ToolError.maximumWordLength) characters cut]…"))
        let many = ToolError.usage(String(repeating: "word ", count: 10_000), fix: "").description
        #expect(many.count <= ToolError.maximumLineLength + 40)
        let short = ToolError.usage("bad value", input: "--x", fix: "fix").description
        #expect(short == "bad value (--x): fix")
    }
}
