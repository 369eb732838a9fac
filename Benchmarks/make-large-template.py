#!/usr/bin/env python3
"""Writes a 500-resource CloudFormation template (YAML, short-form tags) for the lint benchmark: the healthy IAM
lint fixture's cluster, its security group and self-referencing ingress rule, and 124 consumers of four resources
each (an execution role, an AWS::IAM::Policy with the kafka-cluster data-plane grants attached to it, a function
and its Kafka event source mapping on a topic of its own), plus one SNS topic: 3 + 4 × 124 + 1 = 500 resources,
124 mappings to lint. Usage: make-large-template.py OUT [RESOURCES]"""
import pathlib
import sys

resources = int(sys.argv[2]) if len(sys.argv) > 2 else 500
consumers = (resources - 4) // 4
fillers = resources - 3 - 4 * consumers

head = (pathlib.Path(__file__).resolve().parents[1] / "Tests/Fixtures/lint/cfn/healthy-iam.yaml").read_text()
# Keep the parameters, the security group, its ingress rule and the cluster; the consumers are written below.
head = head[: head.index("  ConsumerRole:")]

consumer = """  Role{n}:
    Type: "AWS::IAM::Role"
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: "sts:AssumeRole"
      ManagedPolicyArns:
        - "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"
  DataPlane{n}:
    Type: "AWS::IAM::Policy"
    Properties:
      PolicyName: kafka-data-plane-{n}
      Roles:
        - !Ref Role{n}
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - "kafka-cluster:Connect"
              - "kafka-cluster:DescribeClusterDynamicConfiguration"
            Resource: !Ref Cluster
          - Effect: Allow
            Action:
              - "kafka-cluster:DescribeTopic"
              - "kafka-cluster:ReadData"
            Resource: !Sub "arn:${{AWS::Partition}}:kafka:${{AWS::Region}}:${{AWS::AccountId}}:topic/orders/*/orders-{n}"
          - Effect: Allow
            Action:
              - "kafka-cluster:DescribeGroup"
              - "kafka-cluster:AlterGroup"
            Resource: !Sub "arn:${{AWS::Partition}}:kafka:${{AWS::Region}}:${{AWS::AccountId}}:group/orders/*/consumer-{n}"
  Function{n}:
    Type: "AWS::Lambda::Function"
    Properties:
      FunctionName: consumer-{n}
      Runtime: python3.12
      Handler: index.handler
      Timeout: 60
      Role: !GetAtt Role{n}.Arn
      Code:
        ZipFile: "def handler(event, context):\\n    return None\\n"
  Mapping{n}:
    Type: "AWS::Lambda::EventSourceMapping"
    Properties:
      FunctionName: !Ref Function{n}
      EventSourceArn: !Ref Cluster
      Topics:
        - orders-{n}
      StartingPosition: TRIM_HORIZON
      BatchSize: 100
      AmazonManagedKafkaEventSourceConfig:
        ConsumerGroupId: consumer-{n}
"""

parts = [head] + [consumer.format(n=n) for n in range(consumers)]
parts += [f"  Alarms{n}:\n    Type: \"AWS::SNS::Topic\"\n" for n in range(fillers)]
pathlib.Path(sys.argv[1]).write_text("".join(parts))
