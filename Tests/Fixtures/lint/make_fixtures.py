#!/usr/bin/env python3
"""Writes the lint fixtures (cfn/ and sam/): a healthy template and variants each broken in one way.

Run from anywhere: python3 Tests/Fixtures/lint/make_fixtures.py. The outputs are committed; expected.json
(written by hand) says what msk-esm and cfn-lint find in each. YAML is written with the short-form tags
(!Ref, !GetAtt, !Sub, ...) so that the reader of those is exercised too.
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Tag:
    """A short-form intrinsic: !Name value."""

    def __init__(self, name, value):
        self.name, self.value = name, value


def ref(name):
    return Tag("Ref", name)


def getatt(text):
    return Tag("GetAtt", text)


def sub(text):
    return Tag("Sub", text)


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return json.dumps(text) if (not text or any(c in text for c in ":#{}[],&*!|>'\"%@`") or text.strip() != text
                                or text.lower() in ("true", "false", "null", "yes", "no", "on", "off")
                                or text[0].isdigit() or text[0] in "-.") else text


def emit(value, indent=0):
    """YAML lines for value, block style."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, Tag):
                if isinstance(item.value, (dict, list)):
                    lines.append(f"{pad}{key}: !{item.name}")
                    lines += emit(item.value, indent + 2)
                else:
                    lines.append(f"{pad}{key}: !{item.name} {scalar(item.value)}")
            elif isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines += emit(item, indent + 2)
            elif isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}: {'{}' if isinstance(item, dict) else '[]'}")
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Tag):
                if isinstance(item.value, (dict, list)):
                    lines.append(f"{pad}- !{item.name}")
                    lines += emit(item.value, indent + 2)
                else:
                    lines.append(f"{pad}- !{item.name} {scalar(item.value)}")
            elif isinstance(item, (dict, list)) and item:
                inner = emit(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def long_form(value):
    """The JSON form: short tags as Ref / Fn::Name."""
    if isinstance(value, Tag):
        name = "Ref" if value.name == "Ref" else "Fn::" + value.name
        inner = value.value
        if value.name == "GetAtt" and isinstance(inner, str):
            inner = inner.split(".", 1)
        return {name: long_form(inner)}
    if isinstance(value, dict):
        return {k: long_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [long_form(v) for v in value]
    return value


def write(path, template, as_json=False):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as out:
        if as_json:
            out.write(json.dumps(long_form(template), indent=2) + "\n")
        else:
            out.write("\n".join(emit(template)) + "\n")


# The healthy CloudFormation base: an MSK cluster with IAM authentication, its security group open to itself on
# 9098, a function with a 60 s timeout, a role granting the data-plane actions, and the mapping.
def cfn_base():
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "msk-esm lint fixture",
        "Parameters": {
            "SubnetA": {"Type": "AWS::EC2::Subnet::Id", "Default": "subnet-0a11b22c33d44e551"},
            "SubnetB": {"Type": "AWS::EC2::Subnet::Id", "Default": "subnet-0b22c33d44e55f662"},
            "VpcId": {"Type": "AWS::EC2::VPC::Id", "Default": "vpc-0abc1234def567890"},
        },
        "Resources": {
            "ClusterSecurityGroup": {
                "Type": "AWS::EC2::SecurityGroup",
                "Properties": {
                    "GroupDescription": "MSK brokers and the Lambda pollers",
                    "VpcId": ref("VpcId"),
                },
            },
            "ClusterSelfIngress": {
                "Type": "AWS::EC2::SecurityGroupIngress",
                "Properties": {
                    "GroupId": getatt("ClusterSecurityGroup.GroupId"),
                    "IpProtocol": "tcp",
                    "FromPort": 9098,
                    "ToPort": 9098,
                    "SourceSecurityGroupId": getatt("ClusterSecurityGroup.GroupId"),
                },
            },
            "Cluster": {
                "Type": "AWS::MSK::Cluster",
                "Properties": {
                    "ClusterName": "orders",
                    "KafkaVersion": "3.6.0",
                    "NumberOfBrokerNodes": 2,
                    "BrokerNodeGroupInfo": {
                        "InstanceType": "kafka.m5.large",
                        "ClientSubnets": [ref("SubnetA"), ref("SubnetB")],
                        "SecurityGroups": [getatt("ClusterSecurityGroup.GroupId")],
                    },
                    "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}},
                    "EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}},
                },
            },
            "ConsumerRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }],
                    },
                    "ManagedPolicyArns": [
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole",
                    ],
                    "Policies": [{
                        "PolicyName": "kafka-data-plane",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
                                    "Resource": ref("Cluster"),
                                },
                                {
                                    "Effect": "Allow",
                                    "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
                                    "Resource": sub("arn:${AWS::Partition}:kafka:${AWS::Region}:${AWS::AccountId}:topic/orders/*"),
                                },
                                {
                                    "Effect": "Allow",
                                    "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
                                    "Resource": sub("arn:${AWS::Partition}:kafka:${AWS::Region}:${AWS::AccountId}:group/orders/*"),
                                },
                            ],
                        },
                    }],
                },
            },
            "Consumer": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "FunctionName": "orders-consumer",
                    "Runtime": "python3.12",
                    "Handler": "index.handler",
                    "Timeout": 60,
                    "Role": getatt("ConsumerRole.Arn"),
                    "Code": {"ZipFile": "def handler(event, context):\n    return None\n"},
                },
            },
            "OrdersMapping": {
                "Type": "AWS::Lambda::EventSourceMapping",
                "Properties": {
                    "FunctionName": ref("Consumer"),
                    "EventSourceArn": ref("Cluster"),
                    "Topics": ["orders.v1"],
                    "StartingPosition": "TRIM_HORIZON",
                    "BatchSize": 100,
                    "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "orders-consumer"},
                },
            },
        },
    }


def res(t, name):
    return t["Resources"][name]


def props(t, name):
    return t["Resources"][name]["Properties"]


CFN = {}


def cfn(name, as_json=False):
    def register(mutate):
        CFN[name] = (mutate, as_json)
        return mutate
    return register


@cfn("healthy-iam")
def _(t): pass


@cfn("healthy-iam-json", as_json=True)
def _(t): pass


@cfn("batch-size-over-10000")
def _(t): props(t, "OrdersMapping")["BatchSize"] = 20000


@cfn("batching-window-over-300")
def _(t): props(t, "OrdersMapping")["MaximumBatchingWindowInSeconds"] = 301


@cfn("two-topics")
def _(t): props(t, "OrdersMapping")["Topics"] = ["orders.v1", "orders.v2"]


@cfn("topic-name-invalid")
def _(t): props(t, "OrdersMapping")["Topics"] = ["orders v1"]


@cfn("starting-position-missing")
def _(t): del props(t, "OrdersMapping")["StartingPosition"]


@cfn("starting-position-latest")
def _(t): props(t, "OrdersMapping")["StartingPosition"] = "LATEST"


@cfn("consumer-group-invalid")
def _(t): props(t, "OrdersMapping")["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"] = "orders#consumer"


@cfn("filter-on-key")
def _(t): props(t, "OrdersMapping")["FilterCriteria"] = {"Filters": [{"Pattern": '{"key": ["orders"]}'}]}


@cfn("schema-registry-on-demand")
def _(t):
    props(t, "OrdersMapping")["AmazonManagedKafkaEventSourceConfig"]["SchemaRegistryConfig"] = {
        "SchemaRegistryURI": "arn:aws:glue:us-east-1:123456789012:registry/orders",
        "EventRecordFormat": "JSON",
        "SchemaValidationConfigs": [{"Attribute": "VALUE"}],
    }


@cfn("function-timeout-900")
def _(t): props(t, "Consumer")["Timeout"] = 900


@cfn("role-without-data-plane")
def _(t): del props(t, "ConsumerRole")["Policies"]


@cfn("role-policy-resource")
def _(t):
    statements = props(t, "ConsumerRole").pop("Policies")[0]["PolicyDocument"]
    t["Resources"]["DataPlanePolicy"] = {
        "Type": "AWS::IAM::Policy",
        "Properties": {"PolicyName": "kafka-data-plane", "PolicyDocument": statements, "Roles": [ref("ConsumerRole")]},
    }


@cfn("role-managed-policy-resource")
def _(t):
    statements = props(t, "ConsumerRole").pop("Policies")[0]["PolicyDocument"]
    t["Resources"]["DataPlaneManagedPolicy"] = {
        "Type": "AWS::IAM::ManagedPolicy",
        "Properties": {"PolicyDocument": statements},
    }
    props(t, "ConsumerRole")["ManagedPolicyArns"].append(ref("DataPlaneManagedPolicy"))


@cfn("role-unknown-managed-policy")
def _(t): props(t, "ConsumerRole")["ManagedPolicyArns"].append("arn:aws:iam::aws:policy/AmazonMSKReadOnlyAccess")


@cfn("trust-policy-wrong-service")
def _(t):
    props(t, "ConsumerRole")["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] = "ec2.amazonaws.com"


@cfn("security-group-no-self-ingress")
def _(t): del t["Resources"]["ClusterSelfIngress"]


@cfn("security-group-egress-443-only")
def _(t):
    props(t, "ClusterSecurityGroup")["SecurityGroupEgress"] = [
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]


@cfn("security-group-inline-rules")
def _(t):
    del t["Resources"]["ClusterSelfIngress"]
    t["Resources"]["ClusterSecurityGroup"]["Properties"]["SecurityGroupIngress"] = [
        {"IpProtocol": "tcp", "FromPort": 9098, "ToPort": 9098, "CidrIp": "10.0.0.0/8"}]


@cfn("cluster-scram-only")
def _(t): props(t, "Cluster")["ClientAuthentication"] = {"Sasl": {"Scram": {"Enabled": True}}}


@cfn("cluster-plaintext-only")
def _(t):
    del props(t, "Cluster")["ClientAuthentication"]
    props(t, "Cluster")["EncryptionInfo"]["EncryptionInTransit"]["ClientBroker"] = "PLAINTEXT"


@cfn("duplicate-mapping")
def _(t): t["Resources"]["OrdersMappingAgain"] = copy.deepcopy(res(t, "OrdersMapping"))


@cfn("import-value-cluster")
def _(t): props(t, "OrdersMapping")["EventSourceArn"] = Tag("ImportValue", "shared-orders-cluster-arn")


@cfn("parameter-without-default")
def _(t):
    t["Parameters"]["BatchSize"] = {"Type": "Number"}
    props(t, "OrdersMapping")["BatchSize"] = ref("BatchSize")


@cfn("parameter-default-out-of-range")
def _(t):
    t["Parameters"]["BatchSize"] = {"Type": "Number", "Default": 50000}
    props(t, "OrdersMapping")["BatchSize"] = ref("BatchSize")


@cfn("condition-if-out-of-range")
def _(t):
    t["Parameters"]["Environment"] = {"Type": "String", "Default": "prod", "AllowedValues": ["prod", "dev"]}
    t["Conditions"] = {"IsProd": Tag("Equals", [ref("Environment"), "prod"])}
    props(t, "OrdersMapping")["BatchSize"] = Tag("If", ["IsProd", 50000, 100])


@cfn("find-in-map-window")
def _(t):
    t["Mappings"] = {"Tuning": {"orders": {"Window": 600}}}
    props(t, "OrdersMapping")["MaximumBatchingWindowInSeconds"] = Tag("FindInMap", ["Tuning", "orders", "Window"])


@cfn("sub-topic-healthy")
def _(t):
    t["Parameters"]["Environment"] = {"Type": "String", "Default": "prod"}
    props(t, "OrdersMapping")["Topics"] = [sub("${Environment}.orders.v1")]


@cfn("on-failure-lambda-destination")
def _(t):
    props(t, "OrdersMapping")["DestinationConfig"] = {
        "OnFailure": {"Destination": "arn:aws:lambda:us-east-1:123456789012:function:dlq"}}


@cfn("provisioned-pollers-out-of-range")
def _(t): props(t, "OrdersMapping")["ProvisionedPollerConfig"] = {"MinimumPollers": 300, "MaximumPollers": 400}


@cfn("oauth-access-on-msk")
def _(t):
    props(t, "OrdersMapping")["SourceAccessConfigurations"] = [
        {"Type": "IAM_OAUTHBEARER_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:oauth-AbCdEf"}]


@cfn("serverless-healthy")
def _(t):
    cluster = res(t, "Cluster")
    cluster["Type"] = "AWS::MSK::ServerlessCluster"
    cluster["Properties"] = {
        "ClusterName": "orders",
        "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}},
        "VpcConfigs": [{"SubnetIds": [ref("SubnetA"), ref("SubnetB")],
                        "SecurityGroups": [getatt("ClusterSecurityGroup.GroupId")]}],
    }


@cfn("serverless-with-scram-secret")
def _(t):
    CFN["serverless-healthy"][0](t)
    props(t, "OrdersMapping")["SourceAccessConfigurations"] = [
        {"Type": "SASL_SCRAM_512_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf"}]


@cfn("no-kafka-mapping")
def _(t):
    t["Resources"]["Queue"] = {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 360}}
    props(t, "OrdersMapping").clear()
    props(t, "OrdersMapping").update({"FunctionName": ref("Consumer"), "EventSourceArn": getatt("Queue.Arn"),
                                      "BatchSize": 10})


def self_managed(t, grant=True):
    """Self-managed Kafka with SASL/SCRAM: the secret declared in the template, the role granting it."""
    for name in ("Cluster", "ClusterSecurityGroup", "ClusterSelfIngress"):
        del t["Resources"][name]
    del t["Parameters"]
    t["Resources"]["KafkaSecret"] = {
        "Type": "AWS::SecretsManager::Secret",
        "Properties": {"Name": "AmazonMSK_orders", "Description": "SCRAM credentials"},
    }
    props(t, "ConsumerRole")["ManagedPolicyArns"] = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
    statements = [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": ref("KafkaSecret")}]
    props(t, "ConsumerRole")["Policies"] = [{"PolicyName": "kafka-secret", "PolicyDocument": {
        "Version": "2012-10-17", "Statement": statements}}] if grant else []
    if not grant:
        del props(t, "ConsumerRole")["Policies"]
    mapping = props(t, "OrdersMapping")
    del mapping["EventSourceArn"]
    del mapping["AmazonManagedKafkaEventSourceConfig"]
    mapping["SelfManagedEventSource"] = {"Endpoints": {"KafkaBootstrapServers": ["kafka-1.example.com:9096"]}}
    mapping["SelfManagedKafkaEventSourceConfig"] = {"ConsumerGroupId": "orders-consumer"}
    mapping["SourceAccessConfigurations"] = [{"Type": "SASL_SCRAM_512_AUTH", "URI": ref("KafkaSecret")}]


@cfn("self-managed-healthy")
def _(t): self_managed(t)


@cfn("self-managed-secret-not-granted")
def _(t): self_managed(t, grant=False)


@cfn("self-managed-oauthbearer-healthy")
def _(t):
    """SASL/OAUTHBEARER (botocore 1.44): the OAuth secret granted to the role, with a scope and an audience."""
    self_managed(t)
    props(t, "OrdersMapping")["SourceAccessConfigurations"] = [
        {"Type": "OAUTHBEARER_AUTH", "URI": ref("KafkaSecret")},
        {"Type": "OAUTHBEARER_SCOPE", "URI": "kafka.read"},
        {"Type": "OAUTHBEARER_AUDIENCE", "URI": "urn:kafka:orders"}]


@cfn("self-managed-iam-oauthbearer-with-scope")
def _(t):
    """IAM_OAUTHBEARER_AUTH with OAUTHBEARER_SCOPE: the scope requires OAUTHBEARER_AUTH, and IAM_OAUTHBEARER_AUTH
    allows no OAUTHBEARER type but the audience (MAP018)."""
    self_managed(t)
    props(t, "OrdersMapping")["SourceAccessConfigurations"] = [
        {"Type": "IAM_OAUTHBEARER_AUTH"},
        {"Type": "OAUTHBEARER_AUDIENCE", "URI": "urn:kafka:orders"},
        {"Type": "OAUTHBEARER_SCOPE", "URI": "kafka.read"}]


# SAM fixtures: the same cluster, a SAM function with an MSK or SelfManagedKafka event.
def sam_base(event):
    t = cfn_base()
    t["Transform"] = "AWS::Serverless-2016-10-31"
    for name in ("ConsumerRole", "Consumer", "OrdersMapping"):
        del t["Resources"][name]
    t["Resources"]["Consumer"] = {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Runtime": "python3.12",
            "Handler": "index.handler",
            "Timeout": 60,
            "InlineCode": "def handler(event, context):\n    return None\n",
            "Policies": [{"Statement": [
                {"Effect": "Allow",
                 "Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
                 "Resource": ref("Cluster")},
                {"Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
                 "Resource": sub("arn:${AWS::Partition}:kafka:${AWS::Region}:${AWS::AccountId}:topic/orders/*")},
                {"Effect": "Allow", "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
                 "Resource": sub("arn:${AWS::Partition}:kafka:${AWS::Region}:${AWS::AccountId}:group/orders/*")},
            ]}],
            "Events": {"Orders": event},
        },
    }
    return t


def msk_event(**extra):
    event = {"Type": "MSK", "Properties": {"Stream": ref("Cluster"), "Topics": ["orders.v1"],
                                           "StartingPosition": "TRIM_HORIZON", "ConsumerGroupId": "orders-consumer"}}
    event["Properties"].update(extra)
    return event


def self_managed_event(configurations):
    return {"Type": "SelfManagedKafka", "Properties": {
        "KafkaBootstrapServers": ["kafka-1.example.com:9096"], "Topics": ["orders.v1"],
        "StartingPosition": "TRIM_HORIZON", "SourceAccessConfigurations": configurations}}


SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf"
CA = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-root-ca-AbCdEf"

SAM = {
    "msk-iam-healthy": lambda: sam_base(msk_event()),
    "msk-iam-no-data-plane-policy": lambda: (lambda t: (props(t, "Consumer").pop("Policies"), t)[1])(
        sam_base(msk_event())),
    "msk-scram-secret-not-granted": lambda: (lambda t: (
        props(t, "Cluster").__setitem__("ClientAuthentication", {"Sasl": {"Scram": {"Enabled": True}}}),
        props(t, "ClusterSelfIngress").update({"FromPort": 9096, "ToPort": 9096}),
        props(t, "Consumer").pop("Policies"), t)[3])(
        sam_base(msk_event(SourceAccessConfigurations=[{"Type": "SASL_SCRAM_512_AUTH", "URI": SECRET}]))),
    "msk-globals-timeout-900": lambda: (lambda t: (
        props(t, "Consumer").pop("Timeout"), t.__setitem__("Globals", {"Function": {"Timeout": 900}}), t)[2])(
        sam_base(msk_event())),
    "msk-batch-size-over-10000": lambda: sam_base(msk_event(BatchSize=20000)),
    "msk-sqs-destination": lambda: sam_base(msk_event(DestinationConfig={"OnFailure": {
        "Type": "SQS", "Destination": "arn:aws:sqs:us-east-1:123456789012:orders-dlq"}})),
    "self-managed-healthy": lambda: (lambda t: (props(t, "Consumer").pop("Policies"), t)[1])(
        sam_base(self_managed_event([{"Type": "SASL_SCRAM_512_AUTH", "URI": SECRET}]))),
    "self-managed-root-ca-not-granted": lambda: (lambda t: (props(t, "Consumer").pop("Policies"), t)[1])(
        sam_base(self_managed_event([{"Type": "SASL_SCRAM_512_AUTH", "URI": SECRET},
                                     {"Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": CA}]))),
    "self-managed-two-events-same-topic": lambda: (lambda t: (
        props(t, "Consumer").pop("Policies"),
        props(t, "Consumer")["Events"].__setitem__("OrdersAgain", copy.deepcopy(props(t, "Consumer")["Events"]["Orders"])),
        t)[2])(sam_base(self_managed_event([{"Type": "SASL_SCRAM_512_AUTH", "URI": SECRET}]))),
    "msk-explicit-role-healthy": lambda: explicit_role(sam_base(msk_event())),
    "msk-policy-template": lambda: (lambda t: (
        props(t, "Consumer")["Policies"].append({"SQSPollerPolicy": {"QueueName": "orders-dlq"}}), t)[1])(
        sam_base(msk_event())),
    "self-managed-vpc-healthy": lambda: (lambda t: (
        props(t, "Consumer").pop("Policies"),
        props(t, "ClusterSelfIngress").update({"FromPort": 9096, "ToPort": 9096}), t)[2])(
        sam_base(self_managed_event([
            {"Type": "SASL_SCRAM_512_AUTH", "URI": SECRET},
            {"Type": "VPC_SUBNET", "URI": sub("subnet:${SubnetA}")},
            {"Type": "VPC_SECURITY_GROUP", "URI": sub("security_group:${ClusterSecurityGroup.GroupId}")},
        ]))),
}


def explicit_role(t):
    """A SAM function that names its own role: the transform generates none and adds no event policy."""
    base = cfn_base()
    t["Resources"]["ConsumerExecutionRole"] = base["Resources"]["ConsumerRole"]
    props(t, "Consumer").pop("Policies")
    props(t, "Consumer")["Role"] = getatt("ConsumerExecutionRole.Arn")
    return t


def main():
    for name, (mutate, as_json) in CFN.items():
        template = cfn_base()
        mutate(template)
        write(f"cfn/{name}.{'json' if as_json else 'yaml'}", template, as_json)
    for name, make in SAM.items():
        write(f"sam/{name}.yaml", make())


if __name__ == "__main__":
    main()
