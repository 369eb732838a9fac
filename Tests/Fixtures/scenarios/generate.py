#!/usr/bin/env python3
"""Writes the scenario snapshots of Tests/Fixtures/scenarios/: each one a mapping broken in one documented way
(or healthy), built from the AWS CLI output shapes of Examples/snapshots/generate.py. README.md's table holds the
codes `msk-esm doctor` must give for each (the tests read it), and what each scenario shows with its source.

Run: python3 Tests/Fixtures/scenarios/generate.py"""
import copy
import importlib.util
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "examples", os.path.join(HERE, "..", "..", "..", "Examples", "snapshots", "generate.py"))
ex = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ex)

REGION, ACCOUNT, VPC = ex.REGION, ex.ACCOUNT, ex.VPC
CLUSTER_SG, ENDPOINT_SG, SUBNETS = ex.CLUSTER_SG, ex.ENDPOINT_SG, ex.SUBNETS
SCENARIOS = {}


def uuid(n):
    return f"5ce7a110-0000-4000-8000-{n:012d}"


def scenario(name):
    def register(build):
        SCENARIOS[name] = build()
        return build
    return register


# MARK: cross-account (multi-VPC) clusters: brokers on ports of their own, 14001 and up

CONSUMER_VPC = "vpc-0c0ffee0c0ffee012"
CONSUMER_SG = "sg-0c0ffee0c0ffee034"
CONSUMER_SUBNETS = ["subnet-0c0ffee0c0ffee056", "subnet-0c0ffee0c0ffee078"]
OWNER = "210987654321"


def cross_account(n, ports=(14001, 14002, 14003), open_ports=(14001, 14003), vpc_auth=None, sacs=None,
                  describe_vpc_connection=True, result="OK"):
    name, cuuid, topic = "ledger-shared", "3d5f7a9c-1e3b-4d6f-8a0c-2e4a6c8e0b13", "ledger.entries"
    cluster_arn = f"arn:aws:kafka:{REGION}:{OWNER}:cluster/{name}/{cuuid}-2"
    connection = f"arn:aws:kafka:{REGION}:{ACCOUNT}:vpc-connection/{OWNER}/{name}/7f9b1d3f-5a7c-4e9b-8d1f-3a5c7e9b1d20-3"
    esm = ex.mapping(uuid(n), "ledger-reader", connection, topic, False, sacs=sacs, result=result)
    s = ex.base(esm, False)
    s["Function"] = ex.function("ledger-reader", "ledger-reader-role")
    c = ex.cluster(name, cuuid, ex.client_auth(iam=False, scram=True), False)
    c["ClusterInfo"]["ClusterArn"] = cluster_arn
    c["ClusterInfo"]["Provisioned"]["BrokerNodeGroupInfo"]["ConnectivityInfo"]["VpcConnectivity"] = {
        "ClientAuthentication": vpc_auth or {"Sasl": {"Scram": {"Enabled": False}, "Iam": {"Enabled": True}},
                                             "Tls": {"Enabled": False}}}
    s["Cluster"] = c
    s["VpcConnection"] = {
        "VpcConnectionArn": connection, "TargetClusterArn": cluster_arn, "State": "AVAILABLE",
        "Authentication": "SASL_IAM", "VpcId": CONSUMER_VPC, "Subnets": CONSUMER_SUBNETS,
        "SecurityGroups": [CONSUMER_SG], "CreationTime": ex.iso(-86400 * 20)}
    hosts = [f"b-{i + 1}-vpce.{name}.x7k2ab.c3.kafka.{REGION}.amazonaws.com:{p}" for i, p in enumerate(ports)]
    s["BootstrapBrokers"] = {"BootstrapBrokerStringVpcConnectivitySaslIam": ",".join(hosts),
                             "BootstrapBrokerStringVpcConnectivitySaslScram":
                                 ",".join(h.rsplit(":", 1)[0] + f":{p}" for h, p in zip(hosts, ports))}
    s["Role"] = ex.role("ledger-reader-role", False)
    base = f"arn:aws:kafka:{REGION}:{OWNER}"
    statements = [
        {"Effect": "Allow", "Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
         "Resource": cluster_arn},
        {"Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
         "Resource": f"{base}:topic/{name}/{cuuid}-2/{topic}"},
        {"Effect": "Allow", "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
         "Resource": f"{base}:group/{name}/{cuuid}-2/{uuid(n)}"}]
    if describe_vpc_connection:
        statements.append({"Effect": "Allow", "Action": "kafka:DescribeVpcConnection", "Resource": connection})
    s["RolePolicies"] = [ex.MSK_EXECUTION_ROLE,
                         {"PolicyName": "ledger-cross-account", "PolicyDocument": {"Version": "2012-10-17",
                                                                                   "Statement": statements}}]
    inbound = [ex.rule(p, p, groups=[CONSUMER_SG]) for p in open_ports] + [ex.rule(443, 443, groups=[CONSUMER_SG])]
    s["SecurityGroups"] = {"SecurityGroups": [
        {"Description": "ledger consumers", "GroupName": "ledger-consumers", "IpPermissions": inbound,
         "OwnerId": ACCOUNT, "GroupId": CONSUMER_SG, "VpcId": CONSUMER_VPC,
         "IpPermissionsEgress": [ex.rule(None, None, cidrs=["0.0.0.0/0"], protocol="-1")]}]}
    s["Subnets"] = {"Subnets": [
        {"AvailabilityZone": az, "AvailableIpAddressCount": 250, "CidrBlock": f"10.40.{i}.0/24", "State": "available",
         "SubnetId": sid, "VpcId": CONSUMER_VPC, "OwnerId": ACCOUNT, "MapPublicIpOnLaunch": False}
        for i, (sid, az) in enumerate(zip(CONSUMER_SUBNETS, ex.AZS))]}
    s["RouteTables"] = {"RouteTables": [
        {"Associations": [{"Main": True, "RouteTableId": "rtb-0c0ffee0c0ffee09a",
                           "RouteTableAssociationId": "rtbassoc-0c0ffee0c0ffee0bc"}],
         "RouteTableId": "rtb-0c0ffee0c0ffee09a", "VpcId": CONSUMER_VPC, "OwnerId": ACCOUNT,
         "Routes": [{"DestinationCidrBlock": "10.40.0.0/16", "GatewayId": "local", "State": "active"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": ex.NAT, "State": "active"}]}]}
    nat = ex.nat_gateways(True)
    nat["NatGateways"][0]["VpcId"] = CONSUMER_VPC
    s["NatGateways"] = nat
    s["VpcEndpoints"] = {"VpcEndpoints": []}
    s["Metrics"] = ex.lag_metrics([40, 30, 35, 20, 25, 10], False)
    return s


@scenario("cross-account-multiport-healthy.json")
def _():
    return cross_account(1, open_ports=(14001, 14002, 14003))


@scenario("cross-account-multiport-one-port-open.json")
def _():
    return cross_account(2, open_ports=(14001,))


@scenario("cross-account-role-without-describe-vpc-connection.json")
def _():
    return cross_account(3, open_ports=(14001, 14002, 14003), describe_vpc_connection=False)


@scenario("cross-account-iam-off-on-multi-vpc.json")
def _():
    return cross_account(4, open_ports=(14001, 14002, 14003), vpc_auth={
        "Sasl": {"Scram": {"Enabled": False}, "Iam": {"Enabled": False}}, "Tls": {"Enabled": False}},
        result="PROBLEM: Connection error. Please check your event source connection configuration.")


# MARK: self-managed Kafka

def self_managed(n, servers, sacs=None, egress=None, inbound_ports=None, vpc=True, secret=None, secret_entry=None,
                 result="OK"):
    secret = secret or f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:kafka/orders-consumer-Ab12Cd"
    sacs = list(sacs if sacs is not None else [("SASL_SCRAM_512_AUTH", secret)])
    if vpc:
        sacs += [("VPC_SUBNET", f"subnet:{SUBNETS[0]}"), ("VPC_SECURITY_GROUP", f"security_group:{CLUSTER_SG}")]
    esm = ex.mapping(uuid(n), "orders-sync", None, "orders", True, sacs=sacs, self_managed=servers, result=result)
    s = ex.base(esm, True)
    s["Function"] = ex.function("orders-sync", "orders-sync-role")
    s["Role"] = ex.role("orders-sync-role", True)
    policies = [{"PolicyName": "AWSLambdaBasicExecutionRole",
                 "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                 "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
                     "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}},
                ex.secret_policy(secret)]
    if vpc:
        policies.append({"PolicyName": "vpc", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ex.MSK_EXECUTION_ROLE["PolicyDocument"]["Statement"][0]["Action"][3:9],
             "Resource": "*"}]}})
    s["RolePolicies"] = policies
    if vpc:
        ex.network(s, 9096)
        group = s["SecurityGroups"]["SecurityGroups"][0]
        ports = sorted({int(x.rsplit(":", 1)[1]) for x in servers})
        group["IpPermissions"] = [ex.rule(p, p, groups=[CLUSTER_SG]) for p in (inbound_ports or ports)] + [
            ex.rule(443, 443, groups=[CLUSTER_SG])]
        if egress is not None:
            group["IpPermissionsEgress"] = egress
    s["Secrets"] = {secret: secret_entry or {
        "Describe": {"ARN": secret, "Name": "kafka/orders-consumer", "CreatedDate": ex.ts(True, -86400 * 20)},
        "Analysis": ex.analysis(ex.SCRAM_PASS[:1] + ex.SCRAM_PASS[2:], {"type": "scram"})}}
    s["Metrics"] = ex.lag_metrics([5, 3, 6, 2, 4, 1], True)
    return s


MULTIPORT = ["kafka-1.corp.example.com:9096", "kafka-2.corp.example.com:9097", "kafka-3.corp.example.com:9098"]


@scenario("self-managed-multiport-healthy.json")
def _():
    return self_managed(10, MULTIPORT)


@scenario("self-managed-multiport-egress-one-port.json")
def _():
    return self_managed(11, MULTIPORT, egress=[ex.rule(9096, 9096, cidrs=["10.20.0.0/16"]),
                                               ex.rule(443, 443, cidrs=["0.0.0.0/0"])])


@scenario("self-managed-brokers-groups-unknown.json")
def _():
    # The mapping's group does not open 9096 to itself; the brokers may carry other groups.
    return self_managed(12, MULTIPORT[:1], inbound_ports=[9092])


@scenario("self-managed-no-vpc-healthy.json")
def _():
    return self_managed(13, ["kafka.public.example.com:9096"], vpc=False)


@scenario("self-managed-no-vpc-basic-auth-healthy.json")
def _():
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:kafka/plain-user-Zx90Cv"
    return self_managed(14, ["kafka.public.example.com:9096"], sacs=[("BASIC_AUTH", secret)], vpc=False,
                        secret=secret, secret_entry={
                            "Describe": {"ARN": secret, "Name": "kafka/plain-user"},
                            "SecretString": json.dumps({"username": "orders", "password": "Q7xk2Lr9Vm4Tz8Wp"})})


OAUTH_SECRET = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:kafka/oauth-client-Po09Iu"


def oauth_secret(endpoint="https://login.example.com/oauth2/token"):
    # The key spellings msk-esm recognises (Sources/MSKESMCore/Secrets/OAuthSecretChecks.swift); the guide's exact
    # names (kafka-cluster-auth.html#smaa-auth-oauth-secret) were not verified.
    return {"Describe": {"ARN": OAUTH_SECRET, "Name": "kafka/oauth-client"},
            "SecretString": json.dumps({"clientId": "orders-sync", "clientSecret": "s3cr3t-Canary-9vQ",
                                        "tokenEndpointUrl": endpoint})}


def without_null_uris(s):
    # IAM_AUTH and IAM_OAUTHBEARER_AUTH take no URI: the mapping then has no URI member at all, and no secret
    # (nor a grant for one) is part of the snapshot.
    for entry in s["EventSourceMapping"].get("SourceAccessConfigurations", []):
        if entry.get("URI") is None:
            del entry["URI"]
    del s["Secrets"]
    s["RolePolicies"] = [p for p in s["RolePolicies"]
                         if "secretsmanager:GetSecretValue" not in json.dumps(p["PolicyDocument"])]
    return s


def web_identity_policy():
    return {"PolicyName": "web-identity-token", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:GetWebIdentityToken", "Resource": "*"}]}}


@scenario("self-managed-oauthbearer-healthy.json")
def _():
    # OAUTHBEARER_AUTH with a scope and a Confluent Cloud logical cluster (botocore 1.44's Lambda model).
    return self_managed(15, ["pkc-x7k2a.us-east-1.aws.confluent.cloud:9092"], vpc=False, secret=OAUTH_SECRET,
                        sacs=[("OAUTHBEARER_AUTH", OAUTH_SECRET), ("OAUTHBEARER_SCOPE", "kafka.read"),
                              ("OAUTHBEARER_LOGICAL_CLUSTER", "lkc-7x2k9p")], secret_entry=oauth_secret())


@scenario("self-managed-oauthbearer-http-token-endpoint.json")
def _():
    return self_managed(18, ["pkc-x7k2a.us-east-1.aws.confluent.cloud:9092"], vpc=False, secret=OAUTH_SECRET,
                        sacs=[("OAUTHBEARER_AUTH", OAUTH_SECRET)],
                        secret_entry=oauth_secret("http://login.example.com/oauth2/token"))


@scenario("self-managed-oauthbearer-scope-with-iam-oauthbearer.json")
def _():
    s = self_managed(19, ["kafka.public.example.com:9096"], vpc=False,
                     sacs=[("IAM_OAUTHBEARER_AUTH", None), ("OAUTHBEARER_AUDIENCE", "https://kafka.example.com"),
                           ("OAUTHBEARER_SCOPE", "kafka.read")])
    s = without_null_uris(s)
    s["RolePolicies"].append(web_identity_policy())
    return s


@scenario("self-managed-iam-oauthbearer-healthy.json")
def _():
    s = self_managed(20, ["kafka.public.example.com:9096"], vpc=False,
                     sacs=[("IAM_OAUTHBEARER_AUTH", None), ("OAUTHBEARER_AUDIENCE", "https://kafka.example.com")])
    s = without_null_uris(s)
    s["RolePolicies"].append(web_identity_policy())
    return s


@scenario("self-managed-iam-oauthbearer-role-without-web-identity-token.json")
def _():
    return without_null_uris(self_managed(21, ["kafka.public.example.com:9096"], vpc=False, sacs=[
        ("IAM_OAUTHBEARER_AUTH", None), ("OAUTHBEARER_AUDIENCE", "https://kafka.example.com")]))


@scenario("self-managed-secret-value-not-json.json")
def _():
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:kafka/orders-consumer-Ab12Cd"
    return self_managed(16, ["kafka-1.corp.example.com:9096"], secret_entry={
        "Describe": {"ARN": secret, "Name": "kafka/orders-consumer"},
        "SecretString": "username=orders password=Q7xk2Lr9Vm4Tz8Wp"})


@scenario("self-managed-scram-password-special-characters.json")
def _():
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:kafka/orders-consumer-Ab12Cd"
    return self_managed(17, ["kafka-1.corp.example.com:9096"], secret_entry={
        "Describe": {"ARN": secret, "Name": "kafka/orders-consumer"},
        "SecretString": json.dumps({"username": "orders", "password": "Q7xk/2Lr9\"Vm4"})})


# MARK: MSK Serverless

def serverless(n, policies=None, inbound=9098):
    s = ex.serverless_with_secret()
    name, cuuid, topic = "clickstream-sls", "6b8d0f2a-4c6e-4a8b-9d1f-3e5a7c9b1d4f", "clicks"
    esm = ex.mapping(uuid(n), "clickstream-enricher", ex.cluster_arn(name, cuuid), topic, False)
    s["EventSourceMapping"] = esm
    del s["Secrets"]
    s["RolePolicies"] = policies or [ex.MSK_EXECUTION_ROLE, ex.kafka_cluster_policy(name, cuuid, topic, uuid(n))]
    ex.network(s, inbound)
    return s


@scenario("serverless-healthy.json")
def _():
    return serverless(20)


@scenario("serverless-role-without-describe-cluster-v2.json")
def _():
    name, cuuid, topic = "clickstream-sls", "6b8d0f2a-4c6e-4a8b-9d1f-3e5a7c9b1d4f", "clicks"
    managed = copy.deepcopy(ex.MSK_EXECUTION_ROLE)
    managed["PolicyDocument"]["Statement"][0]["Action"].remove("kafka:DescribeClusterV2")
    return serverless(21, policies=[managed, ex.kafka_cluster_policy(name, cuuid, topic, uuid(21))])


@scenario("serverless-group-without-9098.json")
def _():
    return serverless(22, inbound=9094)


# MARK: MSK SASL/SCRAM secrets: by analysis, by value, KMS keys customer- and AWS-managed

AWS_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0aa0bb0c-1d2e-4f3a-8b4c-5d6e7f8a9b0c"


def scram(n, name="AmazonMSK_payments-consumer", value=None, analysis=True, key="customer", associated=True,
          scram_on=True, result="OK", decrypt=True, secret_region=REGION):
    s = ex.scram_snapshot(False)
    s["EventSourceMapping"]["UUID"] = uuid(n)
    s["EventSourceMapping"]["EventSourceMappingArn"] = f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{uuid(n)}"
    s["EventSourceMapping"]["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"] = uuid(n)
    s["EventSourceMapping"]["LastProcessingResult"] = result
    old = next(iter(s["Secrets"]))
    secret = f"arn:aws:secretsmanager:{secret_region}:{ACCOUNT}:secret:{name}-Xy12Ab"
    s["EventSourceMapping"]["SourceAccessConfigurations"] = [{"Type": "SASL_SCRAM_512_AUTH", "URI": secret}]
    entry = s["Secrets"].pop(old)
    entry["Describe"]["ARN"] = secret
    entry["Describe"]["Name"] = name
    if not analysis:
        del entry["Analysis"]
    if value is not None:
        entry["SecretString"] = value
    customer = next(iter(s["KmsKeys"]))
    if key == "aws":
        del entry["Describe"]["KmsKeyId"]
        s["KmsKeys"] = {AWS_KEY: {"KeyMetadata": {
            "AWSAccountId": ACCOUNT, "KeyId": AWS_KEY.rsplit("/", 1)[1], "Arn": AWS_KEY, "Enabled": True,
            "Description": "Default key that protects my Secrets Manager data when no other key is defined",
            "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": "Enabled", "Origin": "AWS_KMS", "KeyManager": "AWS",
            "KeySpec": "SYMMETRIC_DEFAULT"}}}
    s["Secrets"] = {secret: entry}
    s["ScramSecrets"] = {"SecretArnList": [secret] if associated else
                         [f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:AmazonMSK_other-Qq11Ww"]}
    s["RolePolicies"] = [ex.MSK_EXECUTION_ROLE, ex.secret_policy(secret, customer if decrypt else None)]
    if not scram_on:
        s["Cluster"]["ClusterInfo"]["Provisioned"]["ClientAuthentication"] = ex.client_auth(iam=True)
    return s


SCRAM_VALUE = json.dumps({"username": "payments", "password": "Hn4Rt8Lq2Wx6Zc9V"})


@scenario("scram-by-analysis-healthy.json")
def _():
    return scram(30)


@scenario("scram-by-value-healthy.json")
def _():
    return scram(31, value=SCRAM_VALUE, analysis=False)


@scenario("scram-name-without-prefix.json")
def _():
    return scram(32, name="payments/consumer", value=SCRAM_VALUE, analysis=False,
                 result="PROBLEM: SASL authentication failed.")


@scenario("scram-aws-managed-key.json")
def _():
    return scram(33, key="aws", result="PROBLEM: SASL authentication failed.")


@scenario("scram-customer-key-without-decrypt.json")
def _():
    return scram(34, decrypt=False)


@scenario("scram-not-associated.json")
def _():
    return scram(35, associated=False, result="PROBLEM: SASL authentication failed.")


@scenario("scram-off-on-cluster.json")
def _():
    return scram(36, scram_on=False, result="PROBLEM: SASL authentication failed.")


@scenario("scram-secret-in-another-region.json")
def _():
    return scram(37, secret_region="eu-west-1")


@scenario("scram-no-value-no-analysis.json")
def _():
    return scram(38, analysis=False)


@scenario("scram-by-value-and-stale-analysis.json")
def _():
    # The value decides: the stored analysis (a pass) is older than the value, which lacks the password.
    return scram(39, value=json.dumps({"username": "payments"}))


# MARK: mTLS

@scenario("mtls-only-cluster-without-secret.json")
def _():
    s = ex.mtls_snapshot(False, result="PROBLEM: Server failed to authenticate Lambda.", uuid=uuid(40))
    del s["EventSourceMapping"]["SourceAccessConfigurations"]
    s["EventSourceMapping"]["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"] = uuid(40)
    del s["Secrets"]
    s["RolePolicies"] = [ex.MSK_EXECUTION_ROLE]
    return s


# MARK: VPC endpoint policies (no NAT: every AWS call goes through the endpoints)

def endpoint_policy(n, policy, service="sts"):
    s = ex.iam_snapshot(uuid(n), False, nat=False)
    for endpoint in s["VpcEndpoints"]["VpcEndpoints"]:
        if endpoint["ServiceName"].endswith("." + service):
            endpoint["PolicyDocument"] = json.dumps(policy)
    return s


@scenario("endpoint-policy-principal-org-condition.json")
def _():
    return endpoint_policy(50, {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                                               "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]},
                           service="sts")


@scenario("endpoint-policy-source-vpc-condition.json")
def _():
    return endpoint_policy(51, {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                                               "Condition": {"StringEquals": {"aws:SourceVpc": VPC}}}]},
                           service="lambda")


@scenario("endpoint-policy-denies-assume-role.json")
def _():
    return endpoint_policy(52, {"Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*"}]},
        service="sts")


# MARK: LastProcessingResult strings from the Lambda guide, each with its cause in the snapshot

@scenario("lpr-cluster-failed-to-authorize.json")
def _():
    s = ex.iam_snapshot(uuid(60), True, result="PROBLEM: Cluster failed to authorize Lambda.")
    statements = s["RolePolicies"][1]["PolicyDocument"]["Statement"]
    s["RolePolicies"][1]["PolicyDocument"]["Statement"] = [x for x in statements if x["Sid"] != "Group"]
    return s


@scenario("lpr-failed-to-assume-role.json")
def _():
    s = ex.iam_snapshot(uuid(61), False, result="PROBLEM: Lambda failed to assume your function execution role.")
    s["Role"]["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] = {"Service": "ec2.amazonaws.com"}
    return s


@scenario("lpr-internal-error.json")
def _():
    return ex.iam_snapshot(uuid(62), False, result="PROBLEM: Lambda internal error. Please contact Lambda customer support.")


@scenario("lpr-on-failure-destination-unreachable.json")
def _():
    s = ex.iam_snapshot(uuid(63), False, nat=False,
                        result="PROBLEM: Connection error. Your event source VPC must be able to connect to OnFailure Destination.")
    queue = f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders-failures"
    s["EventSourceMapping"]["DestinationConfig"] = {"OnFailure": {"Destination": queue}}
    s["RolePolicies"].append({"PolicyName": "failures", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": queue}]}})
    return s


@scenario("lpr-connection-error-sts.json")
def _():
    return ex.iam_snapshot(uuid(64), False, nat=False, endpoints=("lambda",),
                           result="PROBLEM: Connection error. Your event source VPC must be able to connect to STS.")


# MARK: mapping settings

@scenario("on-failure-destination-is-source-topic.json")
def _():
    s = ex.iam_snapshot(uuid(70), False)
    s["EventSourceMapping"]["DestinationConfig"] = {"OnFailure": {"Destination": "kafka://orders.v1"}}
    return s


@scenario("consumer-group-id-with-space.json")
def _():
    s = ex.iam_snapshot(uuid(71), False)
    s["EventSourceMapping"]["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"] = "orders consumers"
    statements = s["RolePolicies"][1]["PolicyDocument"]["Statement"]
    statements[2]["Resource"] = statements[2]["Resource"].rsplit("/", 1)[0] + "/orders consumers"
    return s


@scenario("provisioned-pollers-over-kafka-maximum.json")
def _():
    s = ex.iam_snapshot(uuid(72), False)
    s["EventSourceMapping"]["ProvisionedPollerConfig"] = {"MinimumPollers": 1, "MaximumPollers": 2001}
    return s


@scenario("metrics-read-denied.json")
def _():
    s = ex.iam_snapshot(uuid(73), False)
    del s["Metrics"]
    s["Errors"] = {"cloudwatch.GetMetricData": "AccessDenied: User: arn:aws:iam::123456789012:user/support is not "
                                               "authorized to perform: cloudwatch:GetMetricData"}
    return s


if __name__ == "__main__":
    for old in os.listdir(HERE):
        if old.endswith(".json"):
            os.remove(os.path.join(HERE, old))
    for name, document in SCENARIOS.items():
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(document, f, indent=4)
            f.write("\n")
    print(f"wrote {len(SCENARIOS)} scenarios to {HERE}")
