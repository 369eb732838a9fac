/// Where each service's requests go, in the AWS CLI's order: `--endpoint-url`, then
/// `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the profile's `endpoint_url`, then the
/// standard regional host. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's
/// `ignore_configured_endpoint_urls`) ignores the variables and the profile.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
public struct EndpointResolver: Sendable {
    public var endpointURL: String?
    public var environment: [String: String]
    public var profile: [String: String]

    public init(endpointURL: String? = nil, environment: [String: String] = [:], profile: [String: String] = [:]) {
        self.endpointURL = endpointURL
        self.environment = environment
        self.profile = profile
    }

    /// A resolved endpoint: the URL prefix (`scheme://host[:port][/base]`) and the region to sign for.
    public struct Endpoint: Sendable, Equatable {
        public var url: String
        public var signingRegion: String
    }

    public func endpoint(for service: AWSService, region: String) -> Endpoint {
        let signingRegion =
            service == .organizations
            ? Self.organizationsRegion(region) : service.isGlobal ? Self.globalSigningRegion(region) : region
        if let endpointURL, !endpointURL.isEmpty {
            return Endpoint(url: trimmed(endpointURL), signingRegion: signingRegion)
        }
        let ignore =
            environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || profile["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if !ignore {
            if let url = environment["AWS_ENDPOINT_URL_\(service.environmentId)"], !url.isEmpty {
                return Endpoint(url: trimmed(url), signingRegion: signingRegion)
            }
            if let url = environment["AWS_ENDPOINT_URL"], !url.isEmpty {
                return Endpoint(url: trimmed(url), signingRegion: signingRegion)
            }
            if let url = profile["endpoint_url"], !url.isEmpty {
                return Endpoint(url: trimmed(url), signingRegion: signingRegion)
            }
        }
        return Endpoint(url: Self.standardURL(for: service, region: region), signingRegion: signingRegion)
    }

    /// The partition's DNS suffix, from the region's prefix.
    static func dnsSuffix(_ region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }

    /// Organizations answers in one Region per partition: us-east-1, cn-northwest-1 in China, us-gov-west-1
    /// in GovCloud (https://docs.aws.amazon.com/general/latest/gr/ao.html).
    static func organizationsRegion(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "cn-northwest-1" }
        if region.hasPrefix("us-gov-") { return "us-gov-west-1" }
        return "us-east-1"
    }

    static func globalSigningRegion(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "cn-north-1" }
        if region.hasPrefix("us-gov-") { return "us-gov-west-1" }
        return "us-east-1"
    }

    /// `https://<prefix>.<region>.amazonaws.com`; IAM is global per partition.
    public static func standardURL(for service: AWSService, region: String) -> String {
        if service == .organizations {
            let home = organizationsRegion(region)
            return "https://organizations.\(home).\(dnsSuffix(home))"
        }
        if service.isGlobal {
            if region.hasPrefix("cn-") { return "https://\(service.endpointPrefix).cn-north-1.amazonaws.com.cn" }
            if region.hasPrefix("us-gov-") { return "https://\(service.endpointPrefix).us-gov.amazonaws.com" }
            return "https://\(service.endpointPrefix).amazonaws.com"
        }
        return "https://\(service.endpointPrefix).\(region).\(dnsSuffix(region))"
    }

    private func trimmed(_ url: String) -> String {
        var value = url
        while value.hasSuffix("/") { value.removeLast() }
        return value
    }
}
