import JMESPath
import MSKESMCore

/// What `--query` does to a command's output, as in the AWS CLI: the command's JSON document (for commands
/// that mirror an AWS call, the call's response) is filtered by a JMESPath expression and the selection is
/// printed instead, as JSON or in the AWS CLI's text layout. The exit code still comes from the whole result
/// (docs/output.md).
public struct QueryOutput: Sendable {
    public enum Format: Equatable, Sendable {
        /// One JSON document (`--output json`), laid out as the AWS CLI lays it out.
        case json
        /// One compact JSON document per line (`--output jsonl`, per streamed result).
        case jsonLines
        /// The AWS CLI's tab-separated text (`--output text`, the default).
        case text
        /// The AWS CLI's table (`--output table`), titled with the AWS call's name, for a terminal `width` wide.
        case table(title: String, width: Int, style: AWSCLITable.Style)
    }

    public var query: JMESPathQuery
    public var format: Format
    /// The AWS call whose response the query selects from (`lambda.GetEventSourceMapping`), nil for msk-esm's own
    /// documents: JSON then prints members in the order the AWS CLI would.
    public var responseOperation: String?

    public init(query: JMESPathQuery, format: Format, responseOperation: String? = nil) {
        self.query = query
        self.format = format
        self.responseOperation = responseOperation
    }

    /// The member order of the selection as the AWS CLI prints it: the expression's hashes in the order written,
    /// the response's structures in model order, else sorted (msk-esm's documents print their members sorted).
    var memberOrder: AWSCLIOutput.MemberOrder {
        guard let responseOperation else { return AWSCLIOutput.MemberOrder(hashKeyOrders: query.hashKeyOrders) }
        return .response(of: responseOperation, hashKeyOrders: query.hashKeyOrders, selected: true)
    }

    /// The selection from `document`, printed in `format`.
    /// - Throws: a usage error (exit 2) when the expression cannot be applied to the document (a function given
    ///   a value of the wrong type, for example).
    public func render(_ document: JSONValue) throws -> String {
        let selection: JSONValue
        do {
            selection = try query.search(document)
        } catch {
            throw ToolError.usage(
                "--query '\(query.text)': \(error)",
                fix: "check the expression against the command's --output json document")
        }
        switch format {
        case .json: return AWSCLIOutput.json(selection, order: memberOrder)
        case .jsonLines: return JSONWriter.write(selection, pretty: false) + "\n"
        case .text: return AWSCLIOutput.text(selection)
        case .table(let title, let width, let style):
            do {
                return try AWSCLITable.render(selection, title: title, width: width, style: style)
            } catch {
                throw ToolError.usage(
                    "--query '\(query.text)' selects a value the AWS CLI cannot lay out as a table either (\(error))",
                    fix: "use --output json or --output text, or select a list of objects or of equal-length lists")
            }
        }
    }
}
