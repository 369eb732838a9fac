import ArgumentParser
import MSKESMCore
import MSKESMKafka

/// The OAUTHBEARER_* values as flags, one set for `create`/`update` (what Lambda will send) and `probe` (what the
/// probe's token request and SASL extensions carry, overriding the mapping's). Each is an access configuration
/// whose URI holds the value, not an ARN
/// (https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html).
struct OAuthValueOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("oauth-scope"),
        help: ArgumentHelp("The OAuth scope of the token request (OAUTHBEARER_SCOPE).", valueName: "scope"))
    var scope: String?

    @Option(
        name: .customLong("oauth-audience"),
        help: ArgumentHelp("The OAuth audience of the token request (OAUTHBEARER_AUDIENCE).", valueName: "audience"))
    var audience: String?

    @Option(
        name: .customLong("oauth-logical-cluster"),
        help: ArgumentHelp(
            "Confluent Cloud's logicalCluster SASL extension (OAUTHBEARER_LOGICAL_CLUSTER).", valueName: "id"))
    var logicalCluster: String?

    @Option(
        name: .customLong("oauth-identity-pool"),
        help: ArgumentHelp(
            "Confluent Cloud's identityPoolId SASL extension (OAUTHBEARER_IDENTITY_POOL).", valueName: "id"))
    var identityPool: String?

    /// The values given, in the order of `OAuthValueFlag`.
    var values: [(flag: OAuthValueFlag, value: String)] {
        zip(OAuthValueFlag.allCases, [scope, audience, logicalCluster, identityPool])
            .compactMap { flag, value in value.map { (flag, $0) } }
    }

    /// The values as the probe's settings (nil members are the mapping's, if any).
    var settings: OAuthBearerSettings {
        OAuthBearerSettings(
            scope: scope, audience: audience, logicalCluster: logicalCluster, identityPool: identityPool)
    }
}
