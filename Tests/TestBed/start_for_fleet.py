#!/usr/bin/env python3
"""Starts the local test bed (testbed.py: moto, the Lambda/kafka test server, the fault proxy) and seeds a fleet of
Kafka event source mappings for `msk-esm doctor --all` tests and benchmarks, then prints one JSON line (testbed.py's,
plus the fleet's counts and `minimalReads`, the number of distinct API reads a diagnosis of the whole fleet needs)
and runs until its standard input closes.

  python3 start_for_fleet.py --mappings 1000 --clusters 50 --roles 100 [--functions 200] [--vpcs 5] [--secrets 10]
                             [--delay-ms 50]

IAM roles and policies, EC2 networks, KMS and secrets go to moto with boto3 (many roles share a few VPCs, so seeding
stays quick); functions, mappings, clusters, bootstrap brokers and SCRAM secret lists go to the test server's side
door in one request. Mappings live in us-east-1 (the test server shows a mapping only to requests signed for the
Region of its function's ARN).
"""
import argparse
import json
import os
import signal
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testbed  # noqa: E402  (the same directory)

REGION, ACCOUNT = testbed.REGION, testbed.ACCOUNT


def seed_fleet_moto(endpoint, args):
    iam = testbed.client("iam", endpoint)
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    managed = iam.create_policy(PolicyName="fleet-network", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
            "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
            "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"]}]}))["Policy"]["Arn"]
    inline = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Resource": "*", "Action": [
            "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers", "secretsmanager:GetSecretValue", "kms:Decrypt",
            "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]},
        {"Effect": "Allow", "Resource": "*", "Action": [
            "kafka-cluster:Connect", "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup",
            "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:DescribeClusterDynamicConfiguration"]}]})
    roles = []
    for index in range(args.roles):
        name = f"fleet-role-{index:03d}"
        roles.append(iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"])
        iam.put_role_policy(RoleName=name, PolicyName="kafka", PolicyDocument=inline)
        iam.attach_role_policy(RoleName=name, PolicyArn=managed)

    ec2 = testbed.client("ec2", endpoint)
    vpcs = []
    for index in range(args.vpcs):
        vpc = ec2.create_vpc(CidrBlock=f"10.{100 + index}.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{100 + index}.{i}.0/24",
                                     AvailabilityZone=f"{REGION}{z}")["Subnet"]["SubnetId"] for i, z in [(1, "a"), (2, "b")]]
        group = ec2.create_security_group(GroupName=f"fleet-{index}", Description="brokers", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 9096, "ToPort": 9098, "UserIdGroupPairs": [{"GroupId": group}]}])
        vpcs.append({"vpc": vpc, "subnets": subnets, "group": group})

    kms = testbed.client("kms", endpoint)
    key = kms.create_key(Description="fleet scram")["KeyMetadata"]["Arn"]
    sm = testbed.client("secretsmanager", endpoint)
    secrets = [sm.create_secret(Name=f"AmazonMSK_fleet{index}", KmsKeyId=key, SecretString=json.dumps(
        {"username": f"fleet{index}", "password": f"CANARY-fleet-password-{index}"}))["ARN"] for index in range(args.secrets)]
    return roles, vpcs, secrets


def seed_fleet_testbed(port, args, roles, vpcs, secrets):
    functions, mappings, clusters, brokers, scram = [], [], {}, {}, {}
    cluster_arns = []
    for index in range(args.clusters):
        arn = f"arn:aws:kafka:{REGION}:{ACCOUNT}:cluster/fleet-{index:02d}/{index:08x}-0000-4000-8000-000000000000-1"
        network = vpcs[index % len(vpcs)]
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
        host = f"b-1.fleet-{index:02d}.abc.c2.kafka.{REGION}.amazonaws.com"
        brokers[arn] = {"BootstrapBrokerStringSaslScram": f"{host}:9096", "BootstrapBrokerStringSaslIam": f"{host}:9098"}
        scram[arn] = [secrets[index % len(secrets)]]
        cluster_arns.append(arn)
    for index in range(args.functions):
        functions.append({
            "FunctionName": f"fleet-fn-{index:03d}",
            "FunctionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:fleet-fn-{index:03d}", "Runtime": "python3.12",
            "Role": roles[index % len(roles)], "Handler": "app.handler", "Timeout": 60, "MemorySize": 256,
            "State": "Active", "LastUpdateStatus": "Successful", "LastModified": "2026-11-20T10:00:00.000+0000"})
    for index in range(args.mappings):
        function = functions[index % len(functions)]
        cluster = index % len(cluster_arns)
        uuid = f"f1ee7000-0000-4000-8000-{index:012d}"
        mappings.append({
            "UUID": uuid, "EventSourceArn": cluster_arns[cluster], "FunctionArn": function["FunctionArn"],
            "Topics": [f"topic-{index}"], "StartingPosition": "TRIM_HORIZON", "BatchSize": 100,
            "State": "Enabled" if index % 10 else "Disabled", "StateTransitionReason": "USER_INITIATED",
            "LastProcessingResult": "OK", "LastModified": 1795000000 + index,
            "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": secrets[cluster % len(secrets)]}],
            "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": f"group-{index}"},
            "EventSourceMappingArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{uuid}"})
    topics = {}
    for mapping in mappings:
        arn, name = mapping["EventSourceArn"], mapping["Topics"][0]
        topics.setdefault(arn, {})[name] = testbed.topic_description(arn, name, 3)
    document = {"functions": functions, "mappings": mappings, "clusters": clusters, "bootstrapBrokers": brokers,
                "scramSecrets": scram, "topics": topics}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_testbed/seed", data=json.dumps(document).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=60).read()
    return [m["UUID"] for m in mappings]


def minimal_reads(args, existing_mappings):
    """Distinct reads of `doctor --all` over the fleet (plus the test bed's own mappings, counted apart)."""
    pages = -(-(args.mappings + existing_mappings) // 100)
    used_roles = min(args.roles, args.functions)
    used_vpcs = min(args.vpcs, args.clusters)
    used_secrets = min(args.secrets, args.clusters)
    return {
        "lambda.ListEventSourceMappings": pages,
        "lambda.GetFunctionConfiguration": args.functions,
        # The fleet's mappings have no MetricsConfig: one OffsetLag query per function, 500 queries a call.
        "monitoring.GetMetricData": -(-args.functions // 500),
        "iam.GetRole": used_roles, "iam.ListRolePolicies": used_roles, "iam.GetRolePolicy": used_roles,
        "iam.ListAttachedRolePolicies": used_roles, "iam.GetPolicy": 1, "iam.GetPolicyVersion": 1,
        "kafka.DescribeClusterV2": args.clusters, "kafka.GetBootstrapBrokers": args.clusters,
        "kafka.ListScramSecrets": args.clusters,
        # One topic per mapping (each fleet mapping has a topic of its own), on provisioned clusters on 3.6.0.
        "kafka.DescribeTopic": args.mappings,
        "ec2.DescribeSubnets": used_vpcs, "ec2.DescribeSecurityGroups": used_vpcs, "ec2.DescribeRouteTables": used_vpcs,
        "ec2.DescribeNatGateways": used_vpcs, "ec2.DescribeVpcEndpoints": used_vpcs,
        "secretsmanager.DescribeSecret": used_secrets, "secretsmanager.GetSecretValue": used_secrets, "kms.DescribeKey": 1,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mappings", type=int, default=40)
    parser.add_argument("--clusters", type=int, default=4)
    parser.add_argument("--roles", type=int, default=8)
    parser.add_argument("--functions", type=int, default=0, help="default: mappings / 5, at least --roles")
    parser.add_argument("--vpcs", type=int, default=3)
    parser.add_argument("--secrets", type=int, default=3)
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
    moto_port, testbed_port, proxy_port = testbed.start_bed(env, args.delay_ms)
    moto = f"http://127.0.0.1:{moto_port}"
    moto_seed = testbed.seed_moto(moto)
    testbed_seed = testbed.seed_testbed(testbed_port, moto_seed)
    roles, vpcs, secrets = seed_fleet_moto(moto, args)
    uuids = seed_fleet_testbed(testbed_port, args, roles, vpcs, secrets)
    testbed.rearm_auth(moto)
    info = {"region": REGION, "account": ACCOUNT, "motoPort": moto_port, "testbedPort": testbed_port,
            "proxyPort": proxy_port, **moto_seed, **testbed_seed,
            "fleet": {"mappings": args.mappings, "clusters": args.clusters, "roles": args.roles,
                      "functions": args.functions, "vpcs": args.vpcs, "secrets": args.secrets,
                      "firstUUID": uuids[0], "functionPrefix": "fleet-fn-",
                      "minimalFleetReads": minimal_reads(args, 3 + testbed_seed["bulkMappingCount"])}}
    testbed.announce_and_wait(info)


if __name__ == "__main__":
    main()
