#!/usr/bin/env python3
"""Seeds Fuzz/Corpus/<target>/ from independent sources: the example secrets and snapshots in Examples/ (made by
their own generators), the PEM blocks and DER inside them, the IAM policies the snapshots carry, keys and
certificates made by the openssl CLI, and real XML responses of moto (in-process, no network) for every query/ec2
operation msk-esm reads. Run `Fuzz/run.sh minimize TARGET` afterwards to keep the corpus small."""
import base64
import hashlib
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
CORPUS = ROOT / "Corpus"


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\n(.*?)\n-----END \1-----\n?", re.S)


def pem_blocks(text):
    for match in PEM.finditer(text):
        yield match.group(0), base64.b64decode("".join(match.group(2).split("\n")[-1000:]).split(":")[-1] or "")


def secrets_and_pem():
    for path in sorted((REPO / "Examples/secrets").glob("*.json")):
        text = path.read_text()
        put("secret", text)
        document = json.loads(text)
        for value in document.values():
            if isinstance(value, str) and "-----BEGIN" in value:
                put("pem", value)
                put("secret", value)
                for block, _ in pem_blocks(value if value.endswith("\n") else value + "\n"):
                    body = "".join(line for line in block.splitlines() if not line.startswith("-----") and ":" not in line)
                    put("der", base64.b64decode(body))


def openssl_keys():
    # Key formats the examples lack: PKCS#1, SEC1, PBES1 (legacy DES), PBES2 with scrypt, plain PKCS#8.
    with tempfile.TemporaryDirectory() as work:
        def run(*args):
            return subprocess.run(["openssl", *args], cwd=work, check=True, capture_output=True).stdout

        run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem")
        variants = [
            run("pkey", "-in", "ec.pem"),
            run("ec", "-in", "ec.pem"),
            run("pkcs8", "-topk8", "-in", "ec.pem", "-v2", "aes-256-cbc", "-iter", "64", "-passout", "pass:canary-password"),
            run("pkcs8", "-topk8", "-in", "ec.pem", "-scrypt", "-passout", "pass:canary-password"),
            run("pkcs8", "-topk8", "-in", "ec.pem", "-v1", "PBE-SHA1-3DES", "-iter", "64", "-passout", "pass:canary-password"),
            run("req", "-x509", "-key", "ec.pem", "-subj", "/CN=fuzz", "-days", "1", "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0"),
        ]
        for pem in variants:
            text = pem.decode()
            put("pem", text)
            for block in PEM.finditer(text):
                body = "".join(line for line in block.group(2).splitlines() if ":" not in line)
                put("der", base64.b64decode(body))


def snapshots_and_policies():
    from urllib.parse import unquote
    for path in sorted((REPO / "Examples/snapshots").glob("*.json")):
        text = path.read_text()
        put("snapshot", text)
        found = []

        def walk(value):
            if isinstance(value, dict):
                for key, child in value.items():
                    if key in ("PolicyDocument", "Document") and isinstance(child, (str, dict)):
                        found.append(child if isinstance(child, str) else json.dumps(child))
                    walk(child)
            elif isinstance(value, list):
                for child in value:
                    walk(child)

        walk(json.loads(text))
        for policy in found:
            put("policy", unquote(policy) if policy.startswith("%7B") else policy)
    put("policy", json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "kafka-cluster:*",
        "NotResource": "arn:aws:kafka:*:*:cluster/${aws:username}/*", "Condition": {
            "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", "b?"]}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"},
            "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}, "Bool": {"aws:SecureTransport": "false"},
            "NumericLessThanEquals": {"kafka-cluster:x": "3"}, "ArnLike": {"aws:SourceArn": "arn:aws:lambda:*"},
            "Null": {"aws:TokenIssueTime": "true"}}}]}) + "\0aws:SourceIp=10.1.2.3\naws:TagKeys=abc\naws:TokenIssueTime")


def xml_responses():
    os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
                       "AWS_EC2_METADATA_DISABLED": "true"})
    import boto3
    from moto import mock_aws

    # FuzzTarget.xmlOperations, in order: the first byte of an input selects the operation.
    operations = ["iam.GetRole", "iam.GetRolePolicy", "iam.GetPolicy", "iam.GetPolicyVersion",
                  "iam.ListAttachedRolePolicies", "iam.ListRolePolicies", "ec2.DescribeSecurityGroups",
                  "ec2.DescribeSubnets", "ec2.DescribeRouteTables", "ec2.DescribeNatGateways",
                  "ec2.DescribeVpcEndpoints", "cloudwatch.GetMetricData", "sts.GetCallerIdentity", "sts.AssumeRole"]
    captured = []

    def capture(event_name, response_dict, **kwargs):
        name = event_name.split(".")
        captured.append((f"{name[1]}.{name[2]}", response_dict["status_code"], response_dict["body"]))

    with mock_aws():
        session = boto3.session.Session()
        clients = {name: session.client(name, region_name="us-east-1") for name in ("iam", "ec2", "cloudwatch", "sts")}
        for client in clients.values():
            client.meta.events.register("before-parse", capture)
        iam, ec2 = clients["iam"], clients["ec2"]
        trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=trust, Tags=[{"Key": "k", "Value": "v"}])
        iam.put_role_policy(RoleName="r", PolicyName="p", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "*"}]}))
        arn = iam.create_policy(PolicyName="m", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName="r", PolicyArn=arn)
        captured.clear()
        iam.get_role(RoleName="r"); iam.get_role_policy(RoleName="r", PolicyName="p"); iam.get_policy(PolicyArn=arn)
        iam.get_policy_version(PolicyArn=arn, VersionId="v1"); iam.list_attached_role_policies(RoleName="r")
        iam.list_role_policies(RoleName="r")
        try:
            iam.get_role(RoleName="missing")
        except Exception:
            pass
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
        group = ec2.create_security_group(GroupName="g", Description="d", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 9098, "ToPort": 9098, "UserIdGroupPairs": [{"GroupId": group}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.sts", VpcEndpointType="Interface", SubnetIds=[subnet], SecurityGroupIds=[group], PrivateDnsEnabled=True)
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation)
        ec2.describe_security_groups(GroupIds=[group]); ec2.describe_subnets(SubnetIds=[subnet])
        ec2.describe_route_tables(); ec2.describe_nat_gateways(); ec2.describe_vpc_endpoints()
        try:
            ec2.describe_subnets(SubnetIds=["subnet-missing"])
        except Exception:
            pass
        import datetime
        clients["cloudwatch"].put_metric_data(Namespace="AWS/Lambda", MetricData=[{"MetricName": "OffsetLag", "Value": 5.0}])
        now = datetime.datetime.now(datetime.timezone.utc)
        clients["cloudwatch"].get_metric_data(StartTime=now - datetime.timedelta(hours=1), EndTime=now, MetricDataQueries=[{"Id": "lag", "MetricStat": {"Metric": {"Namespace": "AWS/Lambda", "MetricName": "OffsetLag"}, "Period": 60, "Stat": "Maximum"}}])
        clients["sts"].get_caller_identity()
        clients["sts"].assume_role(RoleArn="arn:aws:iam::123456789012:role/r", RoleSessionName="fuzz")
    lowered = [operation.lower() for operation in operations]
    for name, _, body in captured:
        if name in lowered and body:
            put("xml", bytes([lowered.index(name)]) + body)
        elif body:
            put("xml", bytes([0]) + body)  # an error body, read as a GetRole response and as an error


def kafka():
    """Broker answers written with struct after the Kafka protocol guide (kafka.apache.org/protocol), a SCRAM
    server-first message (RFC 5802) and Lambda events (msk-esm event sample). First byte: the parser
    (KafkaFuzz.run), second: the version."""
    import struct

    def string(text):
        return struct.pack(">h", len(text)) + text.encode()

    def compact_string(text):
        return bytes([len(text) + 1]) + text.encode()

    api_versions_v0 = struct.pack(">hi", 0, 3) + b"".join(struct.pack(">hhh", k, 0, 9) for k in (3, 17, 36))
    api_versions_v3 = struct.pack(">h", 0) + bytes([4]) + b"".join(struct.pack(">hhh", k, 0, 9) + b"\0" for k in (3, 17, 36)) \
        + struct.pack(">i", 0) + b"\0"
    handshake = struct.pack(">h", 0) + struct.pack(">i", 2) + string("SCRAM-SHA-512") + string("PLAIN")
    authenticate_v1 = struct.pack(">h", 0) + string("") + struct.pack(">i", 4) + b"abcd" + struct.pack(">q", 3600000)
    broker = struct.pack(">i", 1) + string("b-1.example") + struct.pack(">i", 9096) + string("use1-az1")
    partition = struct.pack(">hii", 0, 0, 1) + struct.pack(">ii", 1, 1) + struct.pack(">ii", 1, 1)
    topic = struct.pack(">h", 0) + string("orders") + b"\0" + struct.pack(">i", 1) + partition
    metadata_v1 = struct.pack(">i", 1) + broker + struct.pack(">i", 1) + struct.pack(">i", 1) + topic
    find_coordinator_v1 = struct.pack(">ih", 0, 0) + string("") + struct.pack(">i", 1) + string("b-1.example") + struct.pack(">i", 9096)
    member = string("m-1") + string("client") + string("/10.0.0.1") + struct.pack(">i", 0) + struct.pack(">i", 0)
    describe_groups_v0 = struct.pack(">i", 1) + struct.pack(">h", 0) + string("g") + string("Stable") + string("consumer") \
        + string("range") + struct.pack(">i", 1) + member
    for selector, version, body in [(0, 0, api_versions_v0), (0, 3, api_versions_v3), (1, 0, handshake), (2, 1, authenticate_v1),
                                    (3, 1, metadata_v1), (4, 1, find_coordinator_v1), (5, 0, describe_groups_v0),
                                    (6, 0, b"r=fuzz3rRnonce,s=c2FsdHNhbHQ=,i=4096"), (6, 1, b"e=invalid-proof")]:
        put("kafka", bytes([selector, version]) + body)
    binary = REPO / ".build/debug/msk-esm"
    if binary.exists():
        for extra in ([], ["--self-managed", "--partitions", "2"]):
            event = subprocess.run([str(binary), "event", "sample", *extra], capture_output=True, check=True).stdout
            put("kafka", bytes([7, 0]) + event)


if __name__ == "__main__":
    kafka()
    secrets_and_pem()
    openssl_keys()
    snapshots_and_policies()
    xml_responses()
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(folder.name, len(files), sum(f.stat().st_size for f in files))
