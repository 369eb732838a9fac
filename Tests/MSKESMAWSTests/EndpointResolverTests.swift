import MSKESMAWS
import Testing

@Suite("Endpoints")
struct EndpointResolverTests {
    @Test(
        "standard regional hosts; IAM global per partition; Organizations in one Region per partition",
        arguments: [
            (AWSService.lambda, "us-east-1", "https://lambda.us-east-1.amazonaws.com", "us-east-1"),
            (AWSService.kafka, "eu-west-1", "https://kafka.eu-west-1.amazonaws.com", "eu-west-1"),
            (
                AWSService.secretsManager, "cn-north-1", "https://secretsmanager.cn-north-1.amazonaws.com.cn",
                "cn-north-1"
            ),
            (AWSService.cloudWatch, "ap-south-1", "https://monitoring.ap-south-1.amazonaws.com", "ap-south-1"),
            (AWSService.iam, "eu-central-1", "https://iam.amazonaws.com", "us-east-1"),
            (AWSService.iam, "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
            (AWSService.iam, "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"),
            // Organizations: one Region per partition (https://docs.aws.amazon.com/general/latest/gr/ao.html).
            (AWSService.organizations, "eu-west-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1"),
            (
                AWSService.organizations, "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn",
                "cn-northwest-1"
            ),
            (
                AWSService.organizations, "us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com",
                "us-gov-west-1"
            ),
        ])
    func standard(service: AWSService, region: String, url: String, signingRegion: String) {
        let endpoint = EndpointResolver().endpoint(for: service, region: region)
        #expect(endpoint.url == url)
        #expect(endpoint.signingRegion == signingRegion)
    }

    @Test(
        "AWS_ENDPOINT_URL_<SERVICE> names",
        arguments: [
            (AWSService.lambda, "LAMBDA"), (.kafka, "KAFKA"), (.iam, "IAM"), (.ec2, "EC2"), (.sts, "STS"),
            (.secretsManager, "SECRETS_MANAGER"), (.kms, "KMS"), (.cloudWatch, "CLOUDWATCH"),
        ])
    func environmentIds(service: AWSService, id: String) {
        #expect(service.environmentId == id)
    }

    @Test("precedence: --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, profile endpoint_url")
    func precedence() {
        let environment = ["AWS_ENDPOINT_URL_KAFKA": "http://127.0.0.1:2/", "AWS_ENDPOINT_URL": "http://127.0.0.1:3"]
        let profile = ["endpoint_url": "http://127.0.0.1:4"]
        #expect(
            EndpointResolver(endpointURL: "http://127.0.0.1:1", environment: environment, profile: profile)
                .endpoint(for: .kafka, region: "us-east-1").url == "http://127.0.0.1:1")
        let resolver = EndpointResolver(environment: environment, profile: profile)
        #expect(resolver.endpoint(for: .kafka, region: "us-east-1").url == "http://127.0.0.1:2")
        #expect(resolver.endpoint(for: .lambda, region: "us-east-1").url == "http://127.0.0.1:3")
        #expect(
            EndpointResolver(profile: profile).endpoint(for: .lambda, region: "us-east-1").url == "http://127.0.0.1:4")
        let ignoring = EndpointResolver(
            environment: environment.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { _, new in new },
            profile: profile)
        #expect(ignoring.endpoint(for: .kafka, region: "us-east-1").url == "https://kafka.us-east-1.amazonaws.com")
    }
}
