#!/usr/bin/env python3
"""Starts the local test bed (testbed.py: moto, the Lambda/kafka test server, the fault proxy) and seeds a fleet of
Kafka event source mappings for `msk-esm doctor --all` tests and benchmarks, then prints one JSON line (testbed.py's,
plus the fleet's counts and `minimalFleetReads`, the distinct API reads a diagnosis of the whole fleet needs, by
operation) and runs until its standard input closes.

  python3 start_for_fleet.py --mappings 1000 --clusters 50 --roles 100 [--functions 200] [--vpcs 5] [--secrets 10]
                             [--accounts 10] [--regions 4] [--metrics-every 2] [--delay-ms 50]

The counts are the fleet's totals. With one account and one Region (the default) the fleet lives in the caller's
account 123456789012 and us-east-1. With `--accounts N` (N > 1) it is spread over N other accounts (ids in `fleet.
accounts`), each with the role `fleet.roleName` that trusts the caller's account, so `doctor --all --accounts FILE
--assume-role-name NAME` reads each account with that role's credentials (the proxy tells the test server the keys
each AssumeRole issued, as in start_for_accounts.py). With `--regions N` each account's part is spread over the
first N Regions of REGIONS. Clusters, functions and mappings are dealt round-robin over the (account, Region) slices;
every slice has its own VPCs, secrets and KMS key (at least one each); an account's roles serve its functions in
every Region. `--metrics-every K`: every K-th mapping of a slice has a MetricsConfig with all three groups.

IAM roles and policies, EC2 networks, KMS and secrets go to moto with boto3; functions, mappings, clusters, bootstrap
brokers and SCRAM secret lists go to the test server's side door in one request. GetMetricData goes to the test server
too (empty series, as moto answers without stored data; moto's query-protocol parsing costs ~0.8 s a 500-query call). The test server shows a mapping only
to requests signed for the Region (and, for assumed keys, the account) of its function's ARN.
"""
import argparse
import json
import math
import os
import signal
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testbed  # noqa: E402  (the same directory)

REGION, ACCOUNT = testbed.REGION, testbed.ACCOUNT
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "eu-central-1", "ap-northeast-1"]
READER_ROLE = "MskEsmFleetReader"
METRICS_CONFIG = {"Metrics": ["EventCount", "ErrorCount", "KafkaMetrics"]}
METRIC_QUERIES_ALL_GROUPS = 14  # the Kafka metrics of those groups (docs/aws-facts.md); no function OffsetLag then
SHARED_NETWORK_POLICY = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
                         "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"]


class Slice:
    """One (account, Region) of the fleet and what lives there."""

    def __init__(self, account, region):
        self.account, self.region = account, region
        self.vpcs, self.secrets, self.clusters, self.functions, self.mappings = [], [], [], [], []


def fleet_accounts(count):
    return [ACCOUNT] if count == 1 else [f"{200000000000 + index}" for index in range(count)]


def slices_of(args):
    """Slice s is account s % accounts in Region s // accounts, so the first slice is the caller's us-east-1."""
    accounts = fleet_accounts(args.accounts)
    return [Slice(accounts[s % len(accounts)], REGIONS[s // len(accounts)])
            for s in range(len(accounts) * args.regions)]


def seed_fleet_moto(endpoint, args, slices):
    """Roles per account (with the reader role when the fleet is in other accounts), networks, a KMS key and secrets
    per slice. Returns {account: [role ARNs]}."""
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    inline = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Resource": "*", "Action": [
            "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers", "secretsmanager:GetSecretValue", "kms:Decrypt",
            "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]},
        {"Effect": "Allow", "Resource": "*", "Action": [
            "kafka-cluster:Connect", "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup",
            "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:DescribeClusterDynamicConfiguration"]}]})
    accounts = list(dict.fromkeys(piece.account for piece in slices))
    roles = {account: [] for account in accounts}
    for account in accounts:
        iam = testbed.client("iam", endpoint, account=None if account == ACCOUNT else account)
        managed = iam.create_policy(PolicyName="fleet-network", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
                                                    "Action": SHARED_NETWORK_POLICY}]}))["Policy"]["Arn"]
        if account != ACCOUNT:
            iam.create_role(RoleName=READER_ROLE, AssumeRolePolicyDocument=json.dumps({
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}}]}))
            iam.put_role_policy(RoleName=READER_ROLE, PolicyName="read", PolicyDocument=json.dumps({
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        for index in range(accounts.index(account), args.roles, len(accounts)):
            name = f"fleet-role-{index:03d}"
            roles[account].append(iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"])
            iam.put_role_policy(RoleName=name, PolicyName="kafka", PolicyDocument=inline)
            iam.attach_role_policy(RoleName=name, PolicyArn=managed)

    vpc_index = secret_index = 0
    for piece in slices:
        where = {"region": piece.region, "account": None if piece.account == ACCOUNT else piece.account}
        ec2 = testbed.client("ec2", endpoint, **where)
        for _ in range(max(1, args.vpcs // len(slices))):
            vpc = ec2.create_vpc(CidrBlock=f"10.{100 + vpc_index % 150}.0.0/16")["Vpc"]["VpcId"]
            subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{100 + vpc_index % 150}.{i}.0/24",
                                         AvailabilityZone=f"{piece.region}{z}")["Subnet"]["SubnetId"]
                       for i, z in [(1, "a"), (2, "b")]]
            group = ec2.create_security_group(GroupName=f"fleet-{vpc_index}", Description="brokers", VpcId=vpc)["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": 9096, "ToPort": 9098, "UserIdGroupPairs": [{"GroupId": group}]}])
            piece.vpcs.append({"vpc": vpc, "subnets": subnets, "group": group})
            vpc_index += 1
        key = testbed.client("kms", endpoint, **where).create_key(Description="fleet scram")["KeyMetadata"]["Arn"]
        sm = testbed.client("secretsmanager", endpoint, **where)
        for _ in range(max(1, args.secrets // len(slices))):
            piece.secrets.append(sm.create_secret(Name=f"AmazonMSK_fleet{secret_index}", KmsKeyId=key, SecretString=json.dumps(
                {"username": f"fleet{secret_index}", "password": f"CANARY-fleet-password-{secret_index}"}))["ARN"])
            secret_index += 1
    return roles


def seed_fleet_testbed(port, args, slices, roles):
    """Deals clusters, functions and mappings round-robin over the slices and seeds them. Returns the UUIDs."""
    functions, mappings, clusters, brokers, scram, topics = [], [], {}, {}, {}, {}
    for index in range(args.clusters):
        piece = slices[index % len(slices)]
        local = index // len(slices)
        arn = (f"arn:aws:kafka:{piece.region}:{piece.account}:cluster/fleet-{index:02d}/"
               f"{index:08x}-0000-4000-8000-000000000000-1")
        network = piece.vpcs[local % len(piece.vpcs)]
        clusters[arn] = {
            "ClusterArn": arn, "ClusterName": f"fleet-{index:02d}", "ClusterType": "PROVISIONED", "State": "ACTIVE",
            "CreationTime": "2026-11-01T08:00:00.000Z", "CurrentVersion": "K3AEGXETSR30VB",
            "Provisioned": {
                "BrokerNodeGroupInfo": {"ClientSubnets": network["subnets"], "InstanceType": "kafka.m5.large",
                                        "SecurityGroups": [network["group"]]},
                "ClientAuthentication": {"Sasl": {"Scram": {"Enabled": True}, "Iam": {"Enabled": True}},
                                         "Tls": {"Enabled": False}, "Unauthenticated": {"Enabled": False}},
                "EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}},
                "NumberOfBrokerNodes": 2, "CurrentBrokerSoftwareInfo": {"KafkaVersion": "3.6.0"}}}
        host = f"b-1.fleet-{index:02d}.abc.c2.kafka.{piece.region}.amazonaws.com"
        brokers[arn] = {"BootstrapBrokerStringSaslScram": f"{host}:9096", "BootstrapBrokerStringSaslIam": f"{host}:9098"}
        secret = piece.secrets[local % len(piece.secrets)]
        scram[arn] = [secret]
        piece.clusters.append({"arn": arn, "secret": secret, "network": network})
    regions = args.regions
    for index in range(args.functions):
        piece = slices[index % len(slices)]
        account_roles = roles[piece.account]
        # The account's k-th function is in Region k % regions; roles are dealt so that most serve functions in
        # several Regions (one account, one Region: function k has role k).
        k = index // len(fleet_accounts(args.accounts))
        role = account_roles[(k // regions + (k % regions) * max(1, len(account_roles) // regions)) % len(account_roles)]
        name = f"fleet-fn-{index:03d}"
        function = {
            "FunctionName": name, "FunctionArn": f"arn:aws:lambda:{piece.region}:{piece.account}:function:{name}",
            "Runtime": "python3.12", "Role": role, "Handler": "app.handler", "Timeout": 60, "MemorySize": 256,
            "State": "Active", "LastUpdateStatus": "Successful", "LastModified": "2026-11-20T10:00:00.000+0000"}
        functions.append(function)
        piece.functions.append(function)
    for index in range(args.mappings):
        piece = slices[index % len(slices)]
        local = index // len(slices)
        function = piece.functions[local % len(piece.functions)]
        cluster = piece.clusters[local % len(piece.clusters)]
        uuid = f"f1ee7000-0000-4000-8000-{index:012d}"
        mapping = {
            "UUID": uuid, "EventSourceArn": cluster["arn"], "FunctionArn": function["FunctionArn"],
            "Topics": [f"topic-{index}"], "StartingPosition": "TRIM_HORIZON", "BatchSize": 100,
            "State": "Enabled" if index % 10 else "Disabled", "StateTransitionReason": "USER_INITIATED",
            "LastProcessingResult": "OK", "LastModified": 1795000000 + index,
            "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": cluster["secret"]}],
            "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": f"group-{index}"},
            "EventSourceMappingArn": f"arn:aws:lambda:{piece.region}:{piece.account}:event-source-mapping:{uuid}"}
        if args.metrics_every and local % args.metrics_every == 0:
            mapping["MetricsConfig"] = METRICS_CONFIG
        mappings.append(mapping)
        piece.mappings.append(mapping)
        topics.setdefault(cluster["arn"], {})[mapping["Topics"][0]] = \
            testbed.topic_description(cluster["arn"], mapping["Topics"][0], 3)
    document = {"functions": functions, "mappings": mappings, "clusters": clusters, "bootstrapBrokers": brokers,
                "scramSecrets": scram, "topics": topics}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_testbed/seed", data=json.dumps(document).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=120).read()
    return [m["UUID"] for m in mappings]


def minimal_reads(slices, existing_mappings):
    """Distinct reads of `doctor --all` over the fleet, counted from what was seeded: per (account, Region) for
    regional services, per account for IAM (global), one AssumeRole per account in other accounts. The bed's own
    mappings (in the caller's us-east-1) count only towards the listing there."""
    reads = {}

    def add(operation, count):
        reads[operation] = reads.get(operation, 0) + count

    roles_by_account = {}
    for piece in slices:
        listed = len(piece.mappings) + (existing_mappings if (piece.account, piece.region) == (ACCOUNT, REGION) else 0)
        add("lambda.ListEventSourceMappings", max(1, math.ceil(listed / 100)))
        functions = {m["FunctionArn"] for m in piece.mappings}
        add("lambda.GetFunctionConfiguration", len(functions))
        roles_by_account.setdefault(piece.account, set()).update(
            f["Role"] for f in piece.functions if f["FunctionArn"] in functions)
        # Metrics: a mapping with all three groups has 14 queries of its own; any other mapping adds its
        # function's OffsetLag (one per function); up to 500 queries a GetMetricData call.
        queries = sum(METRIC_QUERIES_ALL_GROUPS for m in piece.mappings if "MetricsConfig" in m)
        queries += len({m["FunctionArn"] for m in piece.mappings if "MetricsConfig" not in m})
        add("monitoring.GetMetricData", math.ceil(queries / 500))
        clusters = {m["EventSourceArn"] for m in piece.mappings}
        for operation in ("kafka.DescribeClusterV2", "kafka.GetBootstrapBrokers", "kafka.ListScramSecrets"):
            add(operation, len(clusters))
        # One topic per mapping (each fleet mapping has a topic of its own), on provisioned clusters on 3.6.0.
        add("kafka.DescribeTopic", len(piece.mappings))
        used = [c for c in piece.clusters if c["arn"] in clusters]
        networks = {c["network"]["vpc"] for c in used}
        for operation in ("ec2.DescribeSubnets", "ec2.DescribeSecurityGroups", "ec2.DescribeRouteTables",
                          "ec2.DescribeNatGateways", "ec2.DescribeVpcEndpoints"):
            add(operation, len(networks))
        secrets = {c["secret"] for c in used}
        add("secretsmanager.DescribeSecret", len(secrets))
        add("secretsmanager.GetSecretValue", len(secrets))
        add("kms.DescribeKey", 1 if secrets else 0)
    for account, roles in roles_by_account.items():
        for operation in ("iam.GetRole", "iam.ListRolePolicies", "iam.GetRolePolicy", "iam.ListAttachedRolePolicies"):
            add(operation, len(roles))
        add("iam.GetPolicy", 1 if roles else 0)  # the account's one managed policy, fleet-network
        add("iam.GetPolicyVersion", 1 if roles else 0)
        if account != ACCOUNT:
            add("sts.AssumeRole", 1)
    if any(piece.account != ACCOUNT for piece in slices):
        add("sts.GetCallerIdentity", 1)  # the caller's account and partition, before the roles are assumed
    return reads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mappings", type=int, default=40)
    parser.add_argument("--clusters", type=int, default=4)
    parser.add_argument("--roles", type=int, default=8)
    parser.add_argument("--functions", type=int, default=0, help="default: mappings / 5, at least --roles")
    parser.add_argument("--vpcs", type=int, default=3)
    parser.add_argument("--secrets", type=int, default=3)
    parser.add_argument("--accounts", type=int, default=1, help="spread the fleet over this many other accounts")
    parser.add_argument("--regions", type=int, default=1, choices=range(1, len(REGIONS) + 1))
    parser.add_argument("--metrics-every", type=int, default=0, help="every K-th mapping of a slice has a MetricsConfig")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--nice", type=int, default=0, help="lower the bed's CPU priority (tests running beside others)")
    args = parser.parse_args()
    if args.nice:
        os.nice(args.nice)  # inherited by moto, the test server and the proxy
    args.functions = args.functions or max(args.roles, args.mappings // 5)
    signal.signal(signal.SIGTERM, testbed.stop)
    signal.signal(signal.SIGINT, testbed.stop)
    env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="1000000", AWS_EC2_METADATA_DISABLED="true",
               MOTO_IAM_LOAD_MANAGED_POLICIES="false")
    moto_port, testbed_port, proxy_port = testbed.start_bed(env, args.delay_ms, metrics_to_testbed=True)
    moto = f"http://127.0.0.1:{moto_port}"
    moto_seed = testbed.seed_moto(moto)
    testbed_seed = testbed.seed_testbed(testbed_port, moto_seed)
    slices = slices_of(args)
    roles = seed_fleet_moto(moto, args, slices)
    uuids = seed_fleet_testbed(testbed_port, args, slices, roles)
    testbed.rearm_auth(moto)
    info = {"region": REGION, "account": ACCOUNT, "motoPort": moto_port, "testbedPort": testbed_port,
            "proxyPort": proxy_port, **moto_seed, **testbed_seed,
            "fleet": {"mappings": args.mappings, "clusters": args.clusters, "roles": args.roles,
                      "functions": args.functions, "vpcs": args.vpcs, "secrets": args.secrets,
                      "firstUUID": uuids[0], "functionPrefix": "fleet-fn-",
                      "accounts": fleet_accounts(args.accounts), "regions": REGIONS[:args.regions],
                      "roleName": READER_ROLE if args.accounts > 1 else None,
                      "minimalFleetReads": minimal_reads(slices, 3 + testbed_seed["bulkMappingCount"])}}
    testbed.announce_and_wait(info)


if __name__ == "__main__":
    main()
