import Foundation
import MSKESMCore

/// Lambda (rest-json): the event source mapping and function reads. Responses are the AWS CLI's JSON.
public struct LambdaClient: Sendable {
    public var client: AWSClient
    /// How the answers' timestamps come back: ISO 8601 (msk-esm's documents), or as Lambda sent them (what the
    /// AWS CLI v1 prints, for `--output text` and `--query`).
    public var timestamps: ServiceShapes.TimestampStyle

    public init(client: AWSClient, timestamps: ServiceShapes.TimestampStyle = .iso8601) {
        self.client = client
        self.timestamps = timestamps
    }

    /// `aws lambda get-event-source-mapping --uuid UUID`.
    public func getEventSourceMapping(uuid: String) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .lambda, operation: "GetEventSourceMapping",
                path: URIEncoding.path(["2015-03-31", "event-source-mappings", uuid])), timestamps: timestamps)
    }

    /// `aws lambda list-event-source-mappings`, all pages: `{"EventSourceMappings": [...]}`.
    public func listEventSourceMappings(functionName: String? = nil, eventSourceArn: String? = nil) async throws
        -> JSONValue
    {
        let pages = try await listEventSourceMappingPages(functionName: functionName, eventSourceArn: eventSourceArn)
        return .object(["EventSourceMappings": .array(pages.flatMap { $0 })])
    }

    /// The mappings page by page, as the service answered (the AWS CLI's text output lays out each page alone).
    public func listEventSourceMappingPages(functionName: String? = nil, eventSourceArn: String? = nil) async throws
        -> [[JSONValue]]
    {
        var pages: [[JSONValue]] = []
        try await forEachEventSourceMappingPage(functionName: functionName, eventSourceArn: eventSourceArn) {
            pages.append($0)
        }
        return pages
    }

    /// Hands each page of mappings to `body` as it arrives, keeping none: `doctor --all` keeps only what it needs
    /// of each mapping, so a Region's whole list is never parsed at once.
    /// - Parameters:
    ///   - functionName: only this function's mappings.
    ///   - eventSourceArn: only the mappings of this event source.
    ///   - body: takes one page's `EventSourceMappings`.
    public func forEachEventSourceMappingPage(
        functionName: String? = nil, eventSourceArn: String? = nil, _ body: ([JSONValue]) throws -> Void
    ) async throws {
        var marker: String?
        repeat {
            var query: [(String, String)] = []
            if let eventSourceArn { query.append(("EventSourceArn", eventSourceArn)) }
            if let functionName { query.append(("FunctionName", functionName)) }
            if let marker { query.append(("Marker", marker)) }
            let page = try await client.sendShaped(
                AWSCall(
                    service: .lambda, operation: "ListEventSourceMappings",
                    path: URIEncoding.path(["2015-03-31", "event-source-mappings"]), query: query),
                timestamps: timestamps)
            try body(page["EventSourceMappings"]?.arrayValue ?? [])
            marker = page["NextMarker"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while marker != nil
    }

    /// `aws lambda get-function-configuration --function-name NAME` (a name, an ARN or a qualified ARN).
    public func getFunctionConfiguration(functionName: String, qualifier: String? = nil) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .lambda, operation: "GetFunctionConfiguration",
                path: URIEncoding.path(["2015-03-31", "functions", functionName, "configuration"]),
                query: qualifier.map { [("Qualifier", $0)] } ?? []), timestamps: timestamps)
    }

    /// `aws lambda create-event-source-mapping`: `request` is the CreateEventSourceMapping input in the AWS
    /// CLI's JSON (PascalCase). Not idempotent: a create is never retried after a timeout or a 5xx, since it
    /// may have taken effect (retrying could make a duplicate mapping or a ResourceConflictException).
    public func createEventSourceMapping(_ request: JSONValue) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .lambda, operation: "CreateEventSourceMapping", method: "POST",
                path: URIEncoding.path(["2015-03-31", "event-source-mappings"]),
                headers: [("Content-Type", "application/json")], body: try JSONEncoder().encode(request),
                idempotent: false), timestamps: timestamps)
    }

    /// `aws lambda update-event-source-mapping --uuid UUID`: `request` holds the fields to change. Setting
    /// the same values twice is harmless, so it is retried like a read.
    public func updateEventSourceMapping(uuid: String, _ request: JSONValue) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .lambda, operation: "UpdateEventSourceMapping", method: "PUT",
                path: URIEncoding.path(["2015-03-31", "event-source-mappings", uuid]),
                headers: [("Content-Type", "application/json")], body: try JSONEncoder().encode(request)),
            timestamps: timestamps)
    }

    /// `aws lambda delete-event-source-mapping --uuid UUID`.
    public func deleteEventSourceMapping(uuid: String) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .lambda, operation: "DeleteEventSourceMapping", method: "DELETE",
                path: URIEncoding.path(["2015-03-31", "event-source-mappings", uuid])), timestamps: timestamps)
    }
}
