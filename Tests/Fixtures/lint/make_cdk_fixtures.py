#!/usr/bin/env python3
"""Writes the CDK lint fixtures (cdk/): templates shaped as `cdk synth` writes them into cdk.out.

Run from anywhere: python3 Tests/Fixtures/lint/make_cdk_fixtures.py. The outputs are committed.

OrdersStack.template.json is modelled on what aws-cdk-lib's lambda-event-sources ManagedKafkaEventSource
synthesises for an MSK cluster with IAM authentication (aws-cdk-lib/aws-lambda-event-sources/lib/kafka.ts):
the function's ServiceRole gets AWSLambdaBasicExecutionRole and AWSLambdaMSKExecutionRole and a DefaultPolicy
without any kafka-cluster:* data-plane action, and the mapping's construct id is
`KafkaEventSource:<unique id of the function><topic>`, so the topic is hashed into the logical id. Every
resource carries Metadata aws:cdk:path (the construct path), and the stack declares AWS::CDK::Metadata.
HealthyStack.template.json is the same stack with the kafka-cluster grants a user adds with addToRolePolicy.
"""
import copy
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent / "cdk"


def partition_arn(rest):
    return {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, rest]]}


def meta(path):
    return {"aws:cdk:path": path}


def orders_stack():
    mapping_id = "ConsumerFnKafkaEventSource838c4d5ff3c99c1a617120adfca83e5bordersv1E3E4A2F8"
    return {
        "Resources": {
            "BrokersSecurityGroupA1B2C3D4": {
                "Type": "AWS::EC2::SecurityGroup",
                "Properties": {
                    "GroupDescription": "OrdersStack/BrokersSecurityGroup",
                    "SecurityGroupEgress": [
                        {"CidrIp": "0.0.0.0/0", "Description": "Allow all outbound traffic by default",
                         "IpProtocol": "-1"}
                    ],
                    "VpcId": "vpc-0abc1234def567890",
                },
                "Metadata": meta("OrdersStack/BrokersSecurityGroup/Resource"),
            },
            "BrokersSecurityGroupfromOrdersStackBrokersSecurityGroup9098C0FFEE12": {
                "Type": "AWS::EC2::SecurityGroupIngress",
                "Properties": {
                    "Description": "IAM clients",
                    "FromPort": 9098,
                    "GroupId": {"Fn::GetAtt": ["BrokersSecurityGroupA1B2C3D4", "GroupId"]},
                    "IpProtocol": "tcp",
                    "SourceSecurityGroupId": {"Fn::GetAtt": ["BrokersSecurityGroupA1B2C3D4", "GroupId"]},
                    "ToPort": 9098,
                },
                "Metadata": meta("OrdersStack/BrokersSecurityGroup/from OrdersStackBrokersSecurityGroup:9098"),
            },
            "Cluster": {
                "Type": "AWS::MSK::Cluster",
                "Properties": {
                    "BrokerNodeGroupInfo": {
                        "ClientSubnets": ["subnet-0a11b22c33d44e551", "subnet-0b22c33d44e55f662"],
                        "InstanceType": "kafka.m5.large",
                        "SecurityGroups": [{"Fn::GetAtt": ["BrokersSecurityGroupA1B2C3D4", "GroupId"]}],
                    },
                    "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}},
                    "ClusterName": "orders",
                    "EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}},
                    "KafkaVersion": "3.6.0",
                    "NumberOfBrokerNodes": 2,
                },
                "Metadata": meta("OrdersStack/Cluster"),
            },
            "ConsumerFnServiceRoleF1D2E3A4": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {
                        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                                       "Principal": {"Service": "lambda.amazonaws.com"}}],
                        "Version": "2012-10-17",
                    },
                    "ManagedPolicyArns": [
                        partition_arn(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                        partition_arn(":iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"),
                    ],
                },
                "Metadata": meta("OrdersStack/ConsumerFn/ServiceRole/Resource"),
            },
            "ConsumerFnServiceRoleDefaultPolicy5E6F7A8B": {
                "Type": "AWS::IAM::Policy",
                "Properties": {
                    "PolicyDocument": {
                        "Statement": [{
                            "Action": ["kafka:DescribeCluster", "kafka:GetBootstrapBrokers",
                                       "kafka:ListScramSecrets"],
                            "Effect": "Allow",
                            "Resource": {"Ref": "Cluster"},
                        }],
                        "Version": "2012-10-17",
                    },
                    "PolicyName": "ConsumerFnServiceRoleDefaultPolicy5E6F7A8B",
                    "Roles": [{"Ref": "ConsumerFnServiceRoleF1D2E3A4"}],
                },
                "Metadata": meta("OrdersStack/ConsumerFn/ServiceRole/DefaultPolicy/Resource"),
            },
            "ConsumerFn9A8B7C6D": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Code": {"ZipFile": "def handler(event, context):\n    return None\n"},
                    "Handler": "index.handler",
                    "Role": {"Fn::GetAtt": ["ConsumerFnServiceRoleF1D2E3A4", "Arn"]},
                    "Runtime": "python3.12",
                    "Timeout": 60,
                },
                "DependsOn": ["ConsumerFnServiceRoleDefaultPolicy5E6F7A8B", "ConsumerFnServiceRoleF1D2E3A4"],
                "Metadata": meta("OrdersStack/ConsumerFn/Resource"),
            },
            mapping_id: {
                "Type": "AWS::Lambda::EventSourceMapping",
                "Properties": {
                    "BatchSize": 100,
                    "EventSourceArn": {"Ref": "Cluster"},
                    "FunctionName": {"Ref": "ConsumerFn9A8B7C6D"},
                    "StartingPosition": "TRIM_HORIZON",
                    "Topics": ["orders.v1"],
                },
                "Metadata": meta(
                    "OrdersStack/ConsumerFn/KafkaEventSource:838c4d5ff3c99c1a617120adfca83e5borders.v1/Resource"),
            },
            "CDKMetadata": {
                "Type": "AWS::CDK::Metadata",
                "Properties": {"Analytics": "v2:deflate64:H4sIAAAAAAAA/zPSMzQ0MlBMLC5OTUlMSSxJzMlJBQBzvDh8EgAAAA=="},
                "Metadata": meta("OrdersStack/CDKMetadata/Default"),
            },
        },
        "Parameters": {
            "BootstrapVersion": {
                "Type": "AWS::SSM::Parameter::Value<String>",
                "Default": "/cdk-bootstrap/hnb659fds/version",
                "Description": "Version of the CDK Bootstrap resources in this environment, automatically retrieved "
                "from SSM Parameter Store. [cdk:skip]",
            }
        },
    }


def healthy_stack():
    template = orders_stack()
    policy = template["Resources"]["ConsumerFnServiceRoleDefaultPolicy5E6F7A8B"]["Properties"]["PolicyDocument"]
    cluster = {"Ref": "Cluster"}
    topics = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":kafka:", {"Ref": "AWS::Region"}, ":",
                                {"Ref": "AWS::AccountId"}, ":topic/orders/*"]]}
    groups = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":kafka:", {"Ref": "AWS::Region"}, ":",
                                {"Ref": "AWS::AccountId"}, ":group/orders/*"]]}
    policy["Statement"] += [
        {"Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
         "Effect": "Allow", "Resource": cluster},
        {"Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], "Effect": "Allow", "Resource": topics},
        {"Action": ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"], "Effect": "Allow",
         "Resource": groups},
    ]
    for resource in template["Resources"].values():
        resource["Metadata"]["aws:cdk:path"] = resource["Metadata"]["aws:cdk:path"].replace(
            "OrdersStack/", "HealthyStack/", 1)
    return template


def main():
    HERE.mkdir(exist_ok=True)
    stacks = {"OrdersStack": orders_stack(), "HealthyStack": healthy_stack()}
    for name, template in stacks.items():
        (HERE / f"{name}.template.json").write_text(json.dumps(template, indent=1) + "\n")
    manifest = {
        "version": "36.0.0",
        "artifacts": {
            name: {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                   "properties": {"templateFile": f"{name}.template.json"}}
            for name in stacks
        },
    }
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


if __name__ == "__main__":
    main()
