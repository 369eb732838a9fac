import Foundation
import MSKESMCore
import Testing

/// `doctor --all --accounts FILE`: the file's two forms, its errors, role ARNs and account ids from ARNs.
struct FleetAccountTests {
    @Test(
        "an id list (blank lines and comments skipped) and a JSON list give the same accounts",
        arguments: [
            "111111111111\n\n# platform\n222222222222   # payments\n",
            #"[{"accountId": "111111111111"}, {"accountId": "222222222222"}]"#,
        ])
    func bothForms(text: String) throws {
        let accounts = try FleetAccount.list(parsing: text, input: "--accounts a.txt")
        #expect(accounts.map(\.accountId) == ["111111111111", "222222222222"])
        #expect(accounts.allSatisfy { $0.roleArn == nil })
    }

    @Test func jsonKeepsEachRoleArn() throws {
        let accounts = try FleetAccount.list(
            parsing: #"[{"accountId": "111111111111", "roleArn": "arn:aws:iam::111111111111:role/ops/Reader"}]"#,
            input: "x")
        #expect(
            accounts == [FleetAccount(accountId: "111111111111", roleArn: "arn:aws:iam::111111111111:role/ops/Reader")])
    }

    @Test(
        "bad files name the line or item and exit as usage errors",
        arguments: [
            ("11111111111\n", "line 1"),  // 11 digits
            ("111111111111\nabc\n", "line 2"),
            ("\n# nothing\n", "no accounts"),
            ("111111111111\n111111111111\n", "listed twice"),
            (#"[{"accountId": 111111111111}]"#, "[0].accountId"),
            (#"[{"accountId": "111111111111", "roleArn": "arn:aws:iam::222222222222:role/R"}]"#, "[0].roleArn"),
            (#"[{"accountId": "111111111111", "roleArn": "arn:aws:s3:::bucket"}]"#, "[0].roleArn"),
            ("[", "not JSON"),
        ])
    func badFiles(text: String, mention: String) {
        do {
            _ = try FleetAccount.list(parsing: text, input: "--accounts f")
            Issue.record("accepted \(text)")
        } catch let error as ToolError {
            #expect(error.kind == .usage)
            #expect(error.description.contains(mention), "\(error)")
            #expect(error.description.contains("--accounts f"))
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func organizationAccountsAreTheActiveOnesInOrder() throws {
        let listed = try JSONDecoder().decode(
            [JSONValue].self,
            from: Data(
                #"""
                [{"Id": "222222222222", "Status": "ACTIVE"}, {"Id": "111111111111", "Status": "SUSPENDED"},
                 {"Id": "333333333333", "Status": "PENDING_CLOSURE"}, {"Id": "444444444444"},
                 {"Id": "222222222222", "Status": "ACTIVE"}, {"Id": "12345", "Status": "ACTIVE"}]
                """#.utf8))
        #expect(FleetAccount.list(organizationAccounts: listed).map(\.accountId) == ["222222222222", "444444444444"])
        #expect(FleetAccount.list(organizationAccounts: listed).allSatisfy { $0.roleArn == nil })
    }

    @Test(
        "the role ARN takes the caller's partition",
        arguments: [
            ("arn:aws:iam::999999999999:user/admin", "arn:aws:iam::111111111111:role/MskEsmReader"),
            ("arn:aws-cn:sts::999999999999:assumed-role/A/s", "arn:aws-cn:iam::111111111111:role/MskEsmReader"),
            ("arn:aws-us-gov:iam::999999999999:root", "arn:aws-us-gov:iam::111111111111:role/MskEsmReader"),
        ])
    func roleArnInCallersPartition(caller: String, expected: String) throws {
        let partition = try #require(FleetAccount.partition(ofArn: caller))
        #expect(
            FleetAccount(accountId: "111111111111").roleArn(named: "MskEsmReader", partition: partition) == expected)
    }

    @Test(
        "the account id comes from the function ARN",
        arguments: [
            ("arn:aws:lambda:us-east-1:123456789012:function:orders", "123456789012"),
            ("arn:aws:lambda:eu-west-1:210987654321:function:orders:live", "210987654321"),
            ("orders", nil),
            ("arn:aws:s3:::bucket", nil),
        ])
    func accountIdFromArn(arn: String, expected: String?) {
        #expect(FleetAccount.accountId(ofArn: arn) == expected)
    }
}
