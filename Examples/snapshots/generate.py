#!/usr/bin/env python3
"""Writes the example snapshots of Examples/snapshots/ from AWS CLI output shapes.

Every part is what `aws <service> <command> --output json` prints (PascalCase keys as botocore returns them).
Lambda timestamps are written as epoch seconds (AWS CLI v1's default) in some files and as ISO 8601 (AWS CLI
v2) in others, so readers are exercised on both. Run: python3 Examples/snapshots/generate.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REGION = "us-east-1"
ACCOUNT = "123456789012"
VPC = "vpc-0a1b2c3d4e5f60718"
SUBNETS = ["subnet-0a11b22c33d44e551", "subnet-0b22c33d44e55f662", "subnet-0c33d44e55f66a773"]
AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]
CLUSTER_SG = "sg-0c1d2e3f4a5b6c7d8"
LAMBDA_SG = "sg-0f9e8d7c6b5a4f3e2"
ENDPOINT_SG = "sg-0123abcd4567ef890"
EPOCH = 1795680000.0  # 2026-11-26T08:00:00Z
CAPTURED = "2026-11-26T12:00:00Z"


def iso(offset_seconds=0.0, fraction=True):
    import datetime
    t = datetime.datetime.fromtimestamp(EPOCH + offset_seconds, tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+00:00" if fraction else t.strftime("%Y-%m-%dT%H:%M:%SZ")


def ts(epoch_style, offset=0.0):
    return round(EPOCH + offset, 3) if epoch_style else iso(offset)


def cluster_arn(name, uuid):
    return f"arn:aws:kafka:{REGION}:{ACCOUNT}:cluster/{name}/{uuid}-2"


def mapping(uuid, function, source_arn, topic, epoch_style, sacs=None, state="Enabled", reason="USER_INITIATED",
            result="OK", self_managed=None, group=None):
    esm = {
        "UUID": uuid,
        "StartingPosition": "TRIM_HORIZON",
        "BatchSize": 100,
        "MaximumBatchingWindowInSeconds": 1,
        "FunctionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{function}",
        "LastModified": ts(epoch_style, 3600),
        "LastProcessingResult": result,
        "State": state,
        "StateTransitionReason": reason,
        "DestinationConfig": {"OnFailure": {}},
        "Topics": [topic],
        "EventSourceMappingArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{uuid}",
    }
    if source_arn:
        esm["EventSourceArn"] = source_arn
        esm["AmazonManagedKafkaEventSourceConfig"] = {"ConsumerGroupId": group or uuid}
    if sacs:
        esm["SourceAccessConfigurations"] = [{"Type": t, "URI": u} for t, u in sacs]
    if self_managed:
        esm["SelfManagedEventSource"] = {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": self_managed}}
        esm["SelfManagedKafkaEventSourceConfig"] = {"ConsumerGroupId": group or uuid}
    return esm


def function(name, role, timeout=60, epoch_style=False):
    return {
        "FunctionName": name,
        "FunctionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}",
        "Runtime": "python3.12",
        "Role": f"arn:aws:iam::{ACCOUNT}:role/{role}",
        "Handler": "app.handler",
        "CodeSize": 4821,
        "Description": "",
        "Timeout": timeout,
        "MemorySize": 512,
        # Lambda prints LastModified as a string in both CLI versions.
        "LastModified": "2026-11-20T09:14:03.512+0000",
        "CodeSha256": "N1mFq3kq4Rj0b7H2Q5n8v4sYkqf1o3r0Q9f3bG4t2aE=",
        "Version": "$LATEST",
        "TracingConfig": {"Mode": "PassThrough"},
        "RevisionId": "6f1b2c1e-7d3a-4d8e-9a0b-2f6c5e4d3b21",
        "State": "Active",
        "LastUpdateStatus": "Successful",
        "PackageType": "Zip",
        "Architectures": ["arm64"],
        "EphemeralStorage": {"Size": 512},
        "LoggingConfig": {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}"},
    }


def client_auth(iam=False, scram=False, tls=False, unauthenticated=False, ca=None):
    auth = {"Sasl": {"Scram": {"Enabled": scram}, "Iam": {"Enabled": iam}}, "Unauthenticated": {"Enabled": unauthenticated}}
    auth["Tls"] = {"CertificateAuthorityArnList": [ca] if ca else [], "Enabled": tls}
    return auth


def cluster(name, uuid, auth, epoch_style, client_broker="TLS"):
    return {"ClusterInfo": {
        "ClusterType": "PROVISIONED",
        "ClusterArn": cluster_arn(name, uuid),
        "ClusterName": name,
        "CreationTime": iso(-86400 * 30) if not epoch_style else iso(-86400 * 30, fraction=False),
        "CurrentVersion": "K3AEGXETSR30VB",
        "State": "ACTIVE",
        "Tags": {"team": "payments"},
        "Provisioned": {
            "BrokerNodeGroupInfo": {
                "BrokerAZDistribution": "DEFAULT",
                "ClientSubnets": SUBNETS,
                "InstanceType": "kafka.m5.large",
                "SecurityGroups": [CLUSTER_SG],
                "StorageInfo": {"EbsStorageInfo": {"VolumeSize": 100}},
                "ConnectivityInfo": {"PublicAccess": {"Type": "DISABLED"}, "NetworkType": "IPV4"},
                "ZoneIds": ["use1-az1", "use1-az2", "use1-az4"],
            },
            "CurrentBrokerSoftwareInfo": {"KafkaVersion": "3.6.0"},
            "ClientAuthentication": auth,
            "EncryptionInfo": {
                "EncryptionAtRest": {"DataVolumeKMSKeyId": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/3c1f9a2e-5b7d-4e8f-a6c2-9d0e1f2a3b4c"},
                "EncryptionInTransit": {"ClientBroker": client_broker, "InCluster": True},
            },
            "EnhancedMonitoring": "DEFAULT",
            "NumberOfBrokerNodes": 3,
            "StorageMode": "LOCAL",
        },
    }}


def bootstrap(name, field, port):
    host = lambda i: f"b-{i}.{name}.x7k2ab.c3.kafka.{REGION}.amazonaws.com:{port}"
    return {field: ",".join(host(i) for i in (1, 2, 3))}


def role(name, epoch_style):
    return {"Role": {
        "Path": "/service-role/",
        "RoleName": name,
        "RoleId": "AROAXQ2EXAMPLE7GH4KLM",
        "Arn": f"arn:aws:iam::{ACCOUNT}:role/service-role/{name}",
        "CreateDate": iso(-86400 * 60, fraction=False),
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "MaxSessionDuration": 3600,
        "RoleLastUsed": {"LastUsedDate": iso(-3600, fraction=False), "Region": REGION},
    }}


MSK_EXECUTION_ROLE = {
    "PolicyName": "AWSLambdaMSKExecutionRole",
    "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole",
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
        "kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers",
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
        "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]},
}


def kafka_cluster_policy(name, uuid, topic, group):
    base = f"arn:aws:kafka:{REGION}:{ACCOUNT}"
    return {"PolicyName": "msk-iam-consumer", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Connect", "Effect": "Allow",
         "Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
         "Resource": f"{base}:cluster/{name}/{uuid}-2"},
        {"Sid": "Topic", "Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
         "Resource": f"{base}:topic/{name}/{uuid}-2/{topic}"},
        {"Sid": "Group", "Effect": "Allow", "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
         "Resource": f"{base}:group/{name}/{uuid}-2/{group}"}]}}


def secret_policy(arn, key_arn=None):
    statements = [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": arn}]
    if key_arn:
        statements.append({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key_arn})
    return {"PolicyName": "read-kafka-secret", "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}


def rule(port_from, port_to, groups=(), cidrs=(), protocol="tcp"):
    perm = {"IpProtocol": protocol, "IpRanges": [{"CidrIp": c} for c in cidrs], "Ipv6Ranges": [], "PrefixListIds": [],
            "UserIdGroupPairs": [{"GroupId": g, "UserId": ACCOUNT} for g in groups]}
    if protocol != "-1":
        perm["FromPort"] = port_from
        perm["ToPort"] = port_to
    return perm


def security_groups(broker_port, self_referencing=True):
    inbound = [rule(broker_port, broker_port, groups=[CLUSTER_SG] if self_referencing else [LAMBDA_SG])]
    inbound.append(rule(443, 443, groups=[CLUSTER_SG]))
    cluster_sg = {"Description": "MSK brokers", "GroupName": "msk-brokers", "IpPermissions": inbound,
                  "OwnerId": ACCOUNT, "GroupId": CLUSTER_SG,
                  "IpPermissionsEgress": [rule(None, None, cidrs=["0.0.0.0/0"], protocol="-1")],
                  "Tags": [{"Key": "Name", "Value": "msk-brokers"}], "VpcId": VPC}
    endpoint_sg = {"Description": "interface endpoints", "GroupName": "vpc-endpoints",
                   "IpPermissions": [rule(443, 443, groups=[CLUSTER_SG])], "OwnerId": ACCOUNT, "GroupId": ENDPOINT_SG,
                   "IpPermissionsEgress": [rule(None, None, cidrs=["0.0.0.0/0"], protocol="-1")], "VpcId": VPC}
    lambda_sg = {"Description": "consumer function", "GroupName": "orders-consumer", "IpPermissions": [],
                 "OwnerId": ACCOUNT, "GroupId": LAMBDA_SG,
                 "IpPermissionsEgress": [rule(None, None, cidrs=["0.0.0.0/0"], protocol="-1")], "VpcId": VPC}
    return {"SecurityGroups": [cluster_sg, endpoint_sg, lambda_sg]}


def subnets():
    return {"Subnets": [{
        "AvailabilityZone": az, "AvailabilityZoneId": f"use1-az{i + 1}", "AvailableIpAddressCount": 4087 - i * 3,
        "CidrBlock": f"10.20.{16 * (i + 1)}.0/20", "DefaultForAz": False, "MapPublicIpOnLaunch": False,
        "State": "available", "SubnetId": subnet, "VpcId": VPC, "OwnerId": ACCOUNT,
        "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": [],
        "SubnetArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{subnet}",
        "Tags": [{"Key": "Name", "Value": f"private-{az}"}]} for i, (subnet, az) in enumerate(zip(SUBNETS, AZS))]}


NAT = "nat-0a9b8c7d6e5f40312"


def route_tables(nat):
    routes = [{"DestinationCidrBlock": "10.20.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable",
               "State": "active"}]
    if nat:
        routes.append({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": NAT, "Origin": "CreateRoute",
                       "State": "active"})
    return {"RouteTables": [
        {"Associations": [{"Main": False, "RouteTableAssociationId": f"rtbassoc-0{i}a1b2c3d4e5f6a7b",
                           "RouteTableId": "rtb-0d1e2f3a4b5c6d7e8", "SubnetId": s,
                           "AssociationState": {"State": "associated"}} for i, s in enumerate(SUBNETS)],
         "PropagatingVgws": [], "RouteTableId": "rtb-0d1e2f3a4b5c6d7e8", "Routes": routes,
         "Tags": [{"Key": "Name", "Value": "private"}], "VpcId": VPC, "OwnerId": ACCOUNT},
        {"Associations": [{"Main": True, "RouteTableAssociationId": "rtbassoc-0f0e0d0c0b0a09080",
                           "RouteTableId": "rtb-0aa1bb2cc3dd4ee5f", "AssociationState": {"State": "associated"}}],
         "PropagatingVgws": [], "RouteTableId": "rtb-0aa1bb2cc3dd4ee5f",
         "Routes": [{"DestinationCidrBlock": "10.20.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable",
                     "State": "active"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0e1d2c3b4a5f6e7d8",
                     "Origin": "CreateRoute", "State": "active"}],
         "Tags": [{"Key": "Name", "Value": "public"}], "VpcId": VPC, "OwnerId": ACCOUNT}]}


def nat_gateways(present):
    if not present:
        return {"NatGateways": []}
    return {"NatGateways": [{
        "CreateTime": iso(-86400 * 90, fraction=False),
        "NatGatewayAddresses": [{"AllocationId": "eipalloc-0a1b2c3d4e5f60789", "NetworkInterfaceId": "eni-0a1b2c3d4e5f6a7b8",
                                 "PrivateIp": "10.20.0.45", "PublicIp": "203.0.113.25", "IsPrimary": True,
                                 "Status": "succeeded"}],
        "NatGatewayId": NAT, "State": "available", "SubnetId": "subnet-0d44e55f66a77b884", "VpcId": VPC,
        "ConnectivityType": "public", "Tags": [{"Key": "Name", "Value": "nat-a"}]}]}


def vpc_endpoints(services):
    endpoints = []
    for i, service in enumerate(services):
        endpoints.append({
            "VpcEndpointId": f"vpce-0{i}1a2b3c4d5e6f7a8", "VpcEndpointType": "Interface", "VpcId": VPC,
            "ServiceName": f"com.amazonaws.{REGION}.{service}", "State": "available",
            "PolicyDocument": json.dumps({"Statement": [{"Action": "*", "Effect": "Allow", "Principal": "*",
                                                         "Resource": "*"}]}),
            "RouteTableIds": [], "SubnetIds": SUBNETS,
            "Groups": [{"GroupId": ENDPOINT_SG, "GroupName": "vpc-endpoints"}],
            "IpAddressType": "ipv4", "DnsOptions": {"DnsRecordIpType": "ipv4"}, "PrivateDnsEnabled": True,
            "RequesterManaged": False, "NetworkInterfaceIds": [f"eni-0{i}b2c3d4e5f6a7b8c9"],
            "DnsEntries": [{"DnsName": f"vpce-0{i}1a2b3c4d5e6f7a8-abcdefgh.{service}.{REGION}.vpce.amazonaws.com",
                            "HostedZoneId": "Z7HUB22UULQXV"}],
            "CreationTimestamp": iso(-86400 * 45), "OwnerId": ACCOUNT})
    return {"VpcEndpoints": endpoints}


def lag_metrics(values, epoch_style):
    # GetMetricData returns newest first (ScanBy TimestampDescending).
    stamps = [iso(-60 * i, fraction=False) if not epoch_style else round(EPOCH - 60 * i) for i in range(len(values))]
    return {"OffsetLag": {"MetricDataResults": [{"Id": "lag", "Label": "OffsetLag", "Timestamps": stamps,
                                                 "Values": list(reversed(values)), "StatusCode": "Complete"}],
                          "Messages": []}}


def analysis(findings, summary):
    worst = "fail" if any(f["severity"] == "fail" for f in findings) else (
        "warn" if any(f["severity"] == "warn" for f in findings) else "pass")
    summary = dict(summary, skipped=0)
    return {"verdict": worst, "findings": findings, "summary": summary}


def finding(code, severity, title, detail="", fix="", evidence=None):
    return {"code": code, "severity": severity, "title": title, "detail": detail, "fix": fix, "evidence": evidence or {}}


MTLS_PASS = [
    finding("SEC004", "pass", "certificate chain in order: leaf, intermediate, root"),
    finding("SEC006", "pass", "certificates valid until 2027-10-01"),
    finding("SEC007", "pass", "leaf certificate allows TLS client authentication"),
    finding("SEC008", "pass", "private key is PKCS#8"),
    finding("SEC013", "pass", "key encrypted with PBE-SHA1-3DES (PKCS#12 PBE)"),
    finding("SEC012", "pass", "private key matches the leaf certificate"),
]
SCRAM_PASS = [
    finding("SEC015", "pass", "username and password present"),
    finding("SEC016", "pass", "secret name starts with AmazonMSK_"),
    finding("SEC018", "pass", "password has no \\, / or \""),
]


def base(esm, epoch_style):
    return {"SnapshotVersion": 1, "Region": REGION,
            "CapturedAt": CAPTURED if not epoch_style else round(EPOCH + 4 * 3600),
            "EventSourceMapping": esm}


def network(snapshot, port, nat=True, endpoints=("lambda", "sts", "secretsmanager"), self_referencing=True):
    snapshot["SecurityGroups"] = security_groups(port, self_referencing)
    snapshot["Subnets"] = subnets()
    snapshot["RouteTables"] = route_tables(nat)
    snapshot["NatGateways"] = nat_gateways(nat)
    snapshot["VpcEndpoints"] = vpc_endpoints(endpoints)


def iam_snapshot(uuid, epoch_style, result="OK", state="Enabled", reason="USER_INITIATED", kafka_policy=True,
                 timeout=120, **net):
    name, cuuid, topic = "orders-prod", "5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49", "orders.v1"
    esm = mapping(uuid, "orders-consumer", cluster_arn(name, cuuid), topic, epoch_style, result=result, state=state,
                  reason=reason)
    s = base(esm, epoch_style)
    s["Function"] = function("orders-consumer", "service-role/orders-consumer-role", timeout=timeout)
    s["Cluster"] = cluster(name, cuuid, client_auth(iam=True), epoch_style)
    s["BootstrapBrokers"] = bootstrap(name, "BootstrapBrokerStringSaslIam", 9098)
    s["Role"] = role("orders-consumer-role", epoch_style)
    s["RolePolicies"] = [MSK_EXECUTION_ROLE] + ([kafka_cluster_policy(name, cuuid, topic, uuid)] if kafka_policy else [])
    network(s, 9098, **net)
    s["Metrics"] = lag_metrics([120, 95, 130, 80, 110, 60, 90, 40, 75, 30], epoch_style)
    return s


def scram_snapshot(epoch_style):
    uuid = "0f3b7c2a-6e1d-4c9b-8a5f-2d7e9c1b4a63"
    name, cuuid, topic = "payments-prod", "8e2d4f6a-1b3c-4d5e-9f7a-0c2b4d6e8f1a", "payments.settled"
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:AmazonMSK_payments-consumer-Xy12Ab"
    key = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"
    esm = mapping(uuid, "payments-settler", cluster_arn(name, cuuid), topic, epoch_style,
                  sacs=[("SASL_SCRAM_512_AUTH", secret)])
    s = base(esm, epoch_style)
    s["Function"] = function("payments-settler", "payments-settler-role", timeout=300)
    s["Cluster"] = cluster(name, cuuid, client_auth(scram=True), epoch_style)
    s["BootstrapBrokers"] = bootstrap(name, "BootstrapBrokerStringSaslScram", 9096)
    s["Role"] = role("payments-settler-role", epoch_style)
    s["RolePolicies"] = [MSK_EXECUTION_ROLE, secret_policy(secret, key)]
    network(s, 9096, nat=True, endpoints=())
    s["ScramSecrets"] = {"SecretArnList": [secret]}
    s["KmsKeys"] = {key: {"KeyMetadata": {
        "AWSAccountId": ACCOUNT, "KeyId": key.rsplit("/", 1)[1], "Arn": key, "CreationDate": ts(epoch_style, -86400 * 100),
        "Enabled": True, "Description": "MSK SCRAM secrets", "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": "Enabled",
        "Origin": "AWS_KMS", "KeyManager": "CUSTOMER", "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
        "KeySpec": "SYMMETRIC_DEFAULT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": False}}}
    s["Secrets"] = {secret: {
        "Describe": {"ARN": secret, "Name": "AmazonMSK_payments-consumer", "KmsKeyId": key,
                     "LastChangedDate": ts(epoch_style, -86400 * 3), "CreatedDate": ts(epoch_style, -86400 * 100),
                     "VersionIdsToStages": {"a1b2c3d4-0000-4000-8000-000000000001": ["AWSCURRENT"]}},
        "Analysis": analysis(SCRAM_PASS, {"type": "scram"})}}
    s["Metrics"] = lag_metrics([12, 8, 15, 4, 9, 3, 7, 0, 5, 2], epoch_style)
    return s


def mtls_snapshot(epoch_style, key_findings=None, result="OK", uuid="7d2e9a4c-3b1f-4e6d-9c8a-5f0b2e7d1a39"):
    name, cuuid, topic = "telemetry-prod", "2c4e6a8b-0d1f-4a3c-8e5b-7d9f1a3c5e7b", "device-telemetry"
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:msk/telemetry-consumer-mtls-Qw34Er"
    ca = f"arn:aws:acm-pca:{REGION}:{ACCOUNT}:certificate-authority/4f1c9e2a-7b3d-4a6e-8c5f-0d2b9e7a1c63"
    esm = mapping(uuid, "telemetry-ingest", cluster_arn(name, cuuid), topic, epoch_style,
                  sacs=[("CLIENT_CERTIFICATE_TLS_AUTH", secret)], result=result)
    s = base(esm, epoch_style)
    s["Function"] = function("telemetry-ingest", "telemetry-ingest-role", timeout=180)
    s["Cluster"] = cluster(name, cuuid, client_auth(tls=True, ca=ca), epoch_style)
    s["BootstrapBrokers"] = bootstrap(name, "BootstrapBrokerStringTls", 9094)
    s["Role"] = role("telemetry-ingest-role", epoch_style)
    s["RolePolicies"] = [MSK_EXECUTION_ROLE, secret_policy(secret)]
    network(s, 9094)
    s["Secrets"] = {secret: {
        "Describe": {"ARN": secret, "Name": "msk/telemetry-consumer-mtls",
                     "LastChangedDate": ts(epoch_style, -86400 * 2), "CreatedDate": ts(epoch_style, -86400 * 40)},
        "Analysis": analysis(key_findings or MTLS_PASS, {"type": "mtls", "subjects": [
            "CN=telemetry-ingest,O=Example Corp", "CN=Example Corp MSK Issuing CA", "CN=Example Corp Root CA"]})}}
    s["Metrics"] = lag_metrics([300, 280, 310, 250, 260, 240, 200, 220, 180, 150], epoch_style)
    return s


def self_managed_snapshot(epoch_style):
    uuid = "b4c8e2f6-1a3d-4b7e-9f2c-6d8a0e4b2c71"
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:kafka/inventory-consumer-Lm56Nb"
    servers = ["kafka-1.streaming.internal.example.com:9096", "kafka-2.streaming.internal.example.com:9096",
               "kafka-3.streaming.internal.example.com:9096"]
    esm = mapping(uuid, "inventory-sync", None, "inventory-changes", epoch_style,
                  sacs=[("SASL_SCRAM_512_AUTH", secret), ("VPC_SUBNET", f"subnet:{SUBNETS[0]}"),
                        ("VPC_SUBNET", f"subnet:{SUBNETS[1]}"), ("VPC_SECURITY_GROUP", f"security_group:{CLUSTER_SG}")],
                  self_managed=servers, group="inventory-sync")
    s = base(esm, epoch_style)
    s["Function"] = function("inventory-sync", "inventory-sync-role", timeout=60)
    s["Role"] = role("inventory-sync-role", epoch_style)
    s["RolePolicies"] = [{"PolicyName": "AWSLambdaBasicExecutionRole",
                          "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                          "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
                              "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}},
                         {"PolicyName": "self-managed-kafka-vpc", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                             {"Effect": "Allow", "Action": ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                                                            "ec2:DescribeVpcs", "ec2:DeleteNetworkInterface",
                                                            "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
                              "Resource": "*"}]}},
                         secret_policy(secret)]
    network(s, 9096)
    s["Secrets"] = {secret: {
        "Describe": {"ARN": secret, "Name": "kafka/inventory-consumer", "LastChangedDate": ts(epoch_style, -86400),
                     "CreatedDate": ts(epoch_style, -86400 * 20)},
        "Analysis": analysis(SCRAM_PASS[:1] + SCRAM_PASS[2:], {"type": "scram"})}}
    s["Metrics"] = lag_metrics([5, 3, 6, 2, 4, 1, 3, 0, 2, 1], epoch_style)
    return s


PBES2 = [finding(
    "SEC009", "fail", "the private key is encrypted with PBES2",
    "The key is PKCS#8 encrypted with PBES2 (OID 1.2.840.113549.1.5.13, PBKDF2 with AES-256-CBC), OpenSSL 3's "
    "default; Lambda reads PBES1 keys only and reports 'Provided certificate or private key is invalid'.",
    "openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in key.pem -out key-pbes1.pem (or: msk-esm secret fix secret.json --write fixed.json)",
    {"oid": "1.2.840.113549.1.5.13", "scheme": "PBES2"})] + [f for f in MTLS_PASS if f["code"] != "SEC013"]

EXAMPLES = {
    "healthy-iam.json": iam_snapshot("3f6a1d2c-8b4e-4f7a-9c1d-2e5b8a0f4c36", False),
    "healthy-scram.json": scram_snapshot(True),
    "healthy-mtls.json": mtls_snapshot(False),
    "healthy-self-managed.json": self_managed_snapshot(True),
    "broken-role-without-kafka-cluster.json": iam_snapshot(
        "9c2e4a6b-1d3f-4e8a-b5c7-0f2d4b6e8a13", True, kafka_policy=False, state="Disabled",
        reason="EVENT_SOURCE_AUTHN_ERROR", result="PROBLEM: SASL authentication failed."),
    "broken-sg-no-self-reference.json": iam_snapshot(
        "e1a3c5b7-9d2f-4a6c-8e0b-3d5f7a9c1e24", False, self_referencing=False,
        result="PROBLEM: Connection error. Please check your event source connection configuration."),
    "broken-mtls-pbes2-key.json": mtls_snapshot(
        True, key_findings=PBES2, result="PROBLEM: Provided certificate or private key is invalid.",
        uuid="5b7d9f1a-3c5e-4a7b-9d1f-2e4a6c8b0d35"),
    "broken-function-timeout-900.json": iam_snapshot("a7c9e1b3-5d7f-4b2a-8c4e-6f0a2c4e6b58", False, timeout=900),
    "broken-no-nat-no-endpoints.json": iam_snapshot(
        "c3e5a7b9-1f2d-4c6e-8a0b-4d6f8b0c2e17", True, nat=False, endpoints=(),
        result="PROBLEM: Connection error. Your event source VPC must be able to connect to Lambda and STS."),
}


def serverless_with_secret():
    """MSK Serverless takes IAM only; this mapping was given a SCRAM secret (BRK004)."""
    uuid = "f2a4c6e8-0b1d-4f3a-9c5e-7a9b1d3f5a82"
    name, cuuid, topic = "clickstream-sls", "6b8d0f2a-4c6e-4a8b-9d1f-3e5a7c9b1d4f", "clicks"
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:AmazonMSK_clickstream-Rt78Yu"
    esm = mapping(uuid, "clickstream-enricher", cluster_arn(name, cuuid), topic, False,
                  sacs=[("SASL_SCRAM_512_AUTH", secret)], result="PROBLEM: SASL authentication failed.")
    s = base(esm, False)
    s["Function"] = function("clickstream-enricher", "clickstream-enricher-role", timeout=30)
    s["Cluster"] = {"ClusterInfo": {
        "ClusterType": "SERVERLESS", "ClusterArn": cluster_arn(name, cuuid), "ClusterName": name,
        "CreationTime": iso(-86400 * 10), "CurrentVersion": "K2OLBPRRIFJ3BZ", "State": "ACTIVE", "Tags": {},
        "Serverless": {"VpcConfigs": [{"SubnetIds": SUBNETS, "SecurityGroupIds": [CLUSTER_SG]}],
                       "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}}}}}
    s["BootstrapBrokers"] = {"BootstrapBrokerStringSaslIam":
                             f"boot-x7k2ab3c.c2.kafka-serverless.{REGION}.amazonaws.com:9098"}
    s["Role"] = role("clickstream-enricher-role", False)
    s["RolePolicies"] = [MSK_EXECUTION_ROLE, kafka_cluster_policy(name, cuuid, topic, uuid), secret_policy(secret)]
    network(s, 9098)
    s["Secrets"] = {secret: {
        "Describe": {"ARN": secret, "Name": "AmazonMSK_clickstream", "LastChangedDate": iso(-86400 * 5),
                     "CreatedDate": iso(-86400 * 9)},
        "Analysis": analysis(SCRAM_PASS, {"type": "scram"})}}
    s["Metrics"] = lag_metrics([0, 0, 0, 0, 0, 0], False)
    return s


EXAMPLES["broken-serverless-with-secret.json"] = serverless_with_secret()

# A snapshot written by a caller who may not read IAM: the checks that need the role are skipped.
partial = iam_snapshot("d8f0b2c4-6e8a-4c1e-9b3d-5f7a9c1e3b46", False)
for key in ("Role", "RolePolicies"):
    del partial[key]
partial["Errors"] = {
    "iam.GetRole": "AccessDenied: User: arn:aws:iam::123456789012:user/support-readonly is not authorized to "
                   "perform: iam:GetRole on resource: role orders-consumer-role",
    "iam.ListAttachedRolePolicies": "AccessDenied: User: arn:aws:iam::123456789012:user/support-readonly is not "
                                    "authorized to perform: iam:ListAttachedRolePolicies",
    "cloudwatch.GetMetricData": "AccessDenied: User: arn:aws:iam::123456789012:user/support-readonly is not "
                                "authorized to perform: cloudwatch:GetMetricData",
}
del partial["Metrics"]
EXAMPLES["partial-access-denied.json"] = partial

if __name__ == "__main__":
    for name, document in EXAMPLES.items():
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(document, f, indent=4)
            f.write("\n")
    print(f"wrote {len(EXAMPLES)} snapshots to {HERE}")
