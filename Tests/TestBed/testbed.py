#!/usr/bin/env python3
"""Starts the local AWS test bed on free loopback ports and seeds it; the Swift tests run it (TestBed.swift).

  moto server (IAM, EC2, STS, Secrets Manager, KMS, CloudWatch) with signature checking on after seeding;
  testbed_server.py (Lambda and kafka), verifying every signature with botocore;
  fault_proxy.py in front of both (delays, faults, counts).

Seeds with boto3 (an independent client): IAM users with access keys (one allowed everything, one denied IAM), the
mapping's execution role with inline, managed and boundary policies, a VPC with subnets, security groups, a route
table with a NAT gateway route, VPC endpoints, a customer KMS key, SCRAM secrets, and in the test server a function,
a Kafka event source mapping, an MSK cluster, its bootstrap brokers and SCRAM secret list.

Prints one JSON line (ports, keys, ids) when ready, then runs until its standard input closes or it is terminated.
"""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
REGION = "us-east-1"
ACCOUNT = "123456789012"
CHILDREN = []


def start(args, env=None):
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    CHILDREN.append(process)
    return process


def start_moto(env):
    """moto_server.py: moto on a port it binds itself. Returns the port."""
    return read_port(start([sys.executable, os.path.join(HERE, "moto_server.py")], env=env))


def start_bed(env, delay_ms=0, metrics_to_testbed=False):
    """moto, the test server and the fault proxy in front of both. Returns (moto port, test server port, proxy port)
    once moto answers. `metrics_to_testbed`: GetMetricData goes to the test server (empty series, as moto's without
    stored data, but without moto's cost per query: for fleets)."""
    moto_port = start_moto(env)
    server = start([sys.executable, os.path.join(HERE, "testbed_server.py"), "--port", "0"], env=env)
    testbed_port = read_port(server)
    proxy = start([sys.executable, os.path.join(HERE, "fault_proxy.py"), "--port", "0", "--testbed-port",
                   str(testbed_port), "--moto-port", str(moto_port), "--delay-ms", str(delay_ms)]
                  + (["--metrics-to-testbed"] if metrics_to_testbed else []), env=env)
    proxy_port = read_port(proxy)
    wait_http(f"http://127.0.0.1:{moto_port}/moto-api/data.json")
    return moto_port, testbed_port, proxy_port


def rearm_auth(moto):
    """From here on moto checks every signature (and enforces the users' IAM policies)."""
    request = urllib.request.Request(f"{moto}/moto-api/reset-auth", data=b"0", method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=10).read()


def announce_and_wait(info):
    """Prints the bed's JSON line, then runs until standard input closes (the test or benchmark has ended)."""
    print(json.dumps(info), flush=True)
    try:
        sys.stdin.read()
    finally:
        stop()


def read_port(process):
    line = process.stdout.readline().strip()
    if not line.startswith("PORT "):
        raise SystemExit(f"child did not start: {line!r}")
    return int(line.split()[1])


def wait_http(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except Exception:
            time.sleep(0.1)
    raise SystemExit(f"not ready: {url}")


def stop(*_):
    for child in CHILDREN:
        if child.poll() is None:
            child.kill()
    for child in CHILDREN:
        child.wait()
    os._exit(0)


def client(service, endpoint, key=("testing", "testing"), region=REGION, account=None):
    """A boto3 client for moto at `endpoint`; with `account`, acting in that account (moto's x-moto-account-id)."""
    made = boto3.client(service, region_name=region, endpoint_url=endpoint, aws_access_key_id=key[0],
                        aws_secret_access_key=key[1])
    if account:
        made.meta.events.register(
            "before-sign.*.*", lambda request, **_: request.headers.__setitem__("x-moto-account-id", account))
    return made


def seed_moto(endpoint):
    iam = client("iam", endpoint)
    everything = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    users = {}
    for name, extra in [("msk-esm-reader", None), ("msk-esm-limited", "iam:*")]:
        iam.create_user(UserName=name)
        iam.put_user_policy(UserName=name, PolicyName="all", PolicyDocument=everything)
        if extra:
            deny = json.dumps({"Version": "2012-10-17",
                               "Statement": [{"Effect": "Deny", "Action": extra, "Resource": "*"}]})
            iam.put_user_policy(UserName=name, PolicyName="deny", PolicyDocument=deny)
        key = iam.create_access_key(UserName=name)["AccessKey"]
        users[name] = {"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}

    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    boundary = iam.create_policy(PolicyName="esm-boundary", PolicyDocument=everything)["Policy"]["Arn"]
    role = iam.create_role(RoleName="msk-esm-exec", AssumeRolePolicyDocument=json.dumps(trust),
                           PermissionsBoundary=boundary)["Role"]
    inline = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Secrets", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": "*"},
        {"Sid": "Kafka", "Effect": "Allow", "Action": ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"],
         "Resource": "*"}]}
    iam.put_role_policy(RoleName="msk-esm-exec", PolicyName="msk-access", PolicyDocument=json.dumps(inline))
    managed = iam.create_policy(PolicyName="esm-network", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}))
    managed_arn = managed["Policy"]["Arn"]
    iam.create_policy_version(PolicyArn=managed_arn, SetAsDefault=True, PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["ec2:CreateNetworkInterface", "ec2:Describe*"], "Resource": "*"}]}))
    iam.attach_role_policy(RoleName="msk-esm-exec", PolicyArn=managed_arn)

    ec2 = client("ec2", endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=f"{REGION}{z}")["Subnet"]
               ["SubnetId"] for i, z in [(1, "a"), (2, "b")]]
    public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.9.0/24")["Subnet"]["SubnetId"]
    cluster_sg = ec2.create_security_group(GroupName="msk-cluster", Description="MSK brokers", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=cluster_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 9096, "ToPort": 9098, "UserIdGroupPairs": [{"GroupId": cluster_sg}]},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.20.0.0/16"}]}])
    endpoint_sg = ec2.create_security_group(GroupName="endpoints", Description="VPC endpoints", VpcId=vpc)["GroupId"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=allocation)["NatGateway"]["NatGatewayId"]
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    for subnet in subnets:
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    vpce = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.sts", VpcEndpointType="Interface",
                                   SubnetIds=subnets, SecurityGroupIds=[endpoint_sg],
                                   PrivateDnsEnabled=True)["VpcEndpoint"]["VpcEndpointId"]

    kms = client("kms", endpoint)
    key_arn = kms.create_key(Description="msk-esm scram")["KeyMetadata"]["Arn"]
    sm = client("secretsmanager", endpoint)
    secret = sm.create_secret(Name="AmazonMSK_esm_user", KmsKeyId=key_arn,
                              SecretString=json.dumps({"username": "esm", "password": "CANARY-scram-password-93f1"}))
    return {
        "users": users, "roleArn": role["Arn"], "roleName": "msk-esm-exec", "managedPolicyArn": managed_arn,
        "boundaryArn": boundary, "vpcId": vpc, "subnetIds": subnets, "clusterSecurityGroupId": cluster_sg,
        "endpointSecurityGroupId": endpoint_sg, "natGatewayId": nat, "routeTableId": table, "vpcEndpointId": vpce,
        "kmsKeyArn": key_arn, "secretArn": secret["ARN"],
    }


def topic_description(cluster_arn, name, partitions):
    """DescribeTopic's answer (PascalCase, as the AWS CLI prints it) for a topic of a seeded cluster."""
    topic_arn = cluster_arn.replace(":cluster/", ":topic/", 1) + "/" + name
    return {"TopicArn": topic_arn, "TopicName": name, "PartitionCount": partitions, "ReplicationFactor": 2,
            "Status": "ACTIVE"}


def seed_testbed(port, moto_seed):
    cluster_arn = f"arn:aws:kafka:{REGION}:{ACCOUNT}:cluster/esm-demo/7d7b9b54-1c5e-4a1b-8f5e-d7975eb44dd7-2"
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:esm-consumer"
    uuid = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"
    extra_secrets = [f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:AmazonMSK_other{i}-AbCdEf" for i in (1, 2)]
    document = {
        "credentials": list(moto_seed["users"].values()),
        "functions": [{
            "FunctionName": "esm-consumer", "FunctionArn": function_arn, "Runtime": "python3.12",
            "Role": moto_seed["roleArn"], "Handler": "app.handler", "Timeout": 120, "MemorySize": 256,
            "State": "Active", "LastUpdateStatus": "Successful", "LastModified": "2026-11-20T10:00:00.000+0000",
        }],
        "mappings": [{
            "UUID": uuid, "EventSourceArn": cluster_arn, "FunctionArn": function_arn, "Topics": ["orders"],
            "StartingPosition": "LATEST", "BatchSize": 100, "MaximumBatchingWindowInSeconds": 1,
            "State": "Enabled", "StateTransitionReason": "USER_INITIATED",
            "LastProcessingResult": "PROBLEM: SASL authentication failed.", "LastModified": 1795000000.5,
            "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": moto_seed["secretArn"]}],
            "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "orders-consumer"},
            "EventSourceMappingArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{uuid}",
        }],
        "clusters": {cluster_arn: {
            "ClusterArn": cluster_arn, "ClusterName": "esm-demo", "ClusterType": "PROVISIONED", "State": "ACTIVE",
            "CreationTime": "2026-11-01T08:00:00.000Z", "CurrentVersion": "K3AEGXETSR30VB",
            "Provisioned": {
                "BrokerNodeGroupInfo": {"ClientSubnets": moto_seed["subnetIds"], "InstanceType": "kafka.m5.large",
                                        "SecurityGroups": [moto_seed["clusterSecurityGroupId"]]},
                "ClientAuthentication": {"Sasl": {"Scram": {"Enabled": True}, "Iam": {"Enabled": True}},
                                         "Tls": {"Enabled": False}, "Unauthenticated": {"Enabled": False}},
                "EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}},
                "NumberOfBrokerNodes": 2,
                "CurrentBrokerSoftwareInfo": {"KafkaVersion": "3.6.0"},
            },
        }},
        "bootstrapBrokers": {cluster_arn: {
            "BootstrapBrokerStringSaslScram": "b-1.esm-demo.abc.c2.kafka.us-east-1.amazonaws.com:9096,"
                                              "b-2.esm-demo.abc.c2.kafka.us-east-1.amazonaws.com:9096",
            "BootstrapBrokerStringSaslIam": "b-1.esm-demo.abc.c2.kafka.us-east-1.amazonaws.com:9098,"
                                            "b-2.esm-demo.abc.c2.kafka.us-east-1.amazonaws.com:9098",
        }},
        "scramSecrets": {cluster_arn: [moto_seed["secretArn"]] + extra_secrets},
    }
    # A self-managed Kafka mapping (network from VPC_SUBNET / VPC_SECURITY_GROUP), and 120 more mappings of
    # another function, so that ListEventSourceMappings needs two pages.
    self_managed_uuid = "5a1f0c3e-9b7d-4c2a-8e61-0d3b2f4a6c80"
    document["mappings"].append({
        "UUID": self_managed_uuid, "FunctionArn": function_arn, "Topics": ["payments"], "State": "Enabled",
        "StartingPosition": "TRIM_HORIZON", "BatchSize": 50, "LastModified": 1795000100,
        "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["kafka1.example.com:9096"]}},
        "SourceAccessConfigurations": [
            {"Type": "VPC_SUBNET", "URI": "subnet:" + moto_seed["subnetIds"][0]},
            {"Type": "VPC_SECURITY_GROUP", "URI": "security_group:" + moto_seed["clusterSecurityGroupId"]},
            {"Type": "SASL_SCRAM_512_AUTH", "URI": moto_seed["secretArn"]}],
    })
    # A cross-account mapping: its EventSourceArn is an MSK VPC connection to the cluster.
    cross_uuid = "c7a2e9d4-3f1b-4e8a-9c5d-6b0f1a2e3d4c"
    connection_arn = f"arn:aws:kafka:{REGION}:{ACCOUNT}:vpc-connection/210987654321/esm-demo/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9-3"
    document["mappings"].append({
        "UUID": cross_uuid, "EventSourceArn": connection_arn, "FunctionArn": function_arn, "Topics": ["orders"],
        "State": "Enabled", "StartingPosition": "LATEST", "LastModified": 1795000200,
    })
    document["vpcConnections"] = {connection_arn: {
        "VpcConnectionArn": connection_arn, "TargetClusterArn": cluster_arn, "State": "AVAILABLE",
        "Authentication": "SASL_IAM", "VpcId": moto_seed["vpcId"], "Subnets": moto_seed["subnetIds"][1:],
        "SecurityGroups": [moto_seed["endpointSecurityGroupId"]], "CreationTime": "2026-11-02T09:00:00.000Z",
    }}
    # The topics of the mappings on the cluster, as MSK's DescribeTopic answers (a provisioned cluster on 3.6.0).
    document["topics"] = {cluster_arn: {name: topic_description(cluster_arn, name, 3)
                                        for name in ["orders"] + [f"t{index}" for index in range(120)]}}
    bulk_function = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:bulk-consumer"
    for index in range(120):
        document["mappings"].append({
            "UUID": f"bbbbbbbb-0000-4000-8000-{index:012d}", "FunctionArn": bulk_function, "Topics": [f"t{index}"],
            "EventSourceArn": cluster_arn, "State": "Enabled", "LastModified": 1795000000 + index})
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_testbed/seed", data=json.dumps(document).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).read()
    return {"mappingUUID": uuid, "selfManagedMappingUUID": self_managed_uuid, "crossAccountMappingUUID": cross_uuid,
            "vpcConnectionArn": connection_arn, "bulkFunctionArn": bulk_function,
            "bulkMappingCount": 120, "clusterArn": cluster_arn, "functionArn": function_arn,
            "scramSecretCount": 1 + len(extra_secrets)}


def main():
    signal.signal(signal.SIGTERM, stop)  # also undoes a SIG_IGN inherited from the parent
    signal.signal(signal.SIGINT, stop)
    env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="1000000", AWS_EC2_METADATA_DISABLED="true",
               MOTO_IAM_LOAD_MANAGED_POLICIES="false")
    moto_port = start_moto(env)
    moto = f"http://127.0.0.1:{moto_port}"
    testbed = start([sys.executable, os.path.join(HERE, "testbed_server.py"), "--port", "0"], env=env)
    testbed_port = read_port(testbed)
    proxy = start([sys.executable, os.path.join(HERE, "fault_proxy.py"), "--port", "0", "--testbed-port",
                   str(testbed_port), "--moto-port", str(moto_port)], env=env)
    proxy_port = read_port(proxy)
    wait_http(f"{moto}/moto-api/data.json")
    moto_seed = seed_moto(moto)
    testbed_seed = seed_testbed(testbed_port, moto_seed)
    # From here on moto checks every signature (and enforces the users' IAM policies).
    request = urllib.request.Request(f"{moto}/moto-api/reset-auth", data=b"0", method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=10).read()
    info = {"region": REGION, "account": ACCOUNT, "motoPort": moto_port, "testbedPort": testbed_port,
            "proxyPort": proxy_port, **moto_seed, **testbed_seed}
    print(json.dumps(info), flush=True)
    try:
        sys.stdin.read()  # until the test closes our stdin (or kills us)
    finally:
        stop()


if __name__ == "__main__":
    main()
