#!/usr/bin/env python3
"""Captures one realistic set of EC2 describe outputs from moto (the local AWS emulator) for the network tests.

Starts `python3 -m moto.server` on a free loopback port, builds a VPC the way an MSK cluster's VPC usually looks
(two private client subnets routed through a NAT gateway, interface endpoints for STS, Lambda and Secrets
Manager, an S3 gateway endpoint, a cluster security group with a self-referencing broker-port rule), and writes
each describe_* response as the AWS CLI prints it: botocore's parsed dict, ResponseMetadata removed,
datetimes as ISO 8601 strings.

Run from anywhere: python3 Tests/Fixtures/network/generate_moto.py  (needs moto[server], boto3; see
Tests/requirements.txt). Writes Tests/Fixtures/network/moto/*.json and moto/ids.json (the ids the tests use).
"""
import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "moto")
REGION = "us-east-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dump(name, response):
    response = dict(response)
    response.pop("ResponseMetadata", None)
    response.pop("NextToken", None)

    def convert(value):
        if isinstance(value, datetime.datetime):
            return value.isoformat()
        raise TypeError(type(value))

    with open(os.path.join(OUT, name), "w") as f:
        json.dump(response, f, indent=4, sort_keys=True, default=convert)
        f.write("\n")


def main():
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    os.environ["AWS_ACCESS_KEY_ID"] = "testing"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
    os.environ.pop("AWS_PROFILE", None)
    import boto3

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        ec2 = boto3.client("ec2", region_name=REGION, endpoint_url=url)
        vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.0.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
        private_a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
        private_b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
        # An isolated subnet: only the main route table (no default route).
        isolated = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.3.0/28", AvailabilityZone="us-east-1c")["Subnet"]["SubnetId"]

        igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        ec2.associate_route_table(RouteTableId=public_rt, SubnetId=public)

        eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=eip, ConnectivityType="public")["NatGateway"]["NatGatewayId"]
        private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        ec2.associate_route_table(RouteTableId=private_rt, SubnetId=private_a)
        ec2.associate_route_table(RouteTableId=private_rt, SubnetId=private_b)

        cluster_sg = ec2.create_security_group(GroupName="msk-cluster", Description="MSK cluster", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=cluster_sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 9098, "ToPort": 9098, "UserIdGroupPairs": [{"GroupId": cluster_sg}]},
        ])
        endpoint_sg = ec2.create_security_group(GroupName="endpoints", Description="VPC endpoints", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=endpoint_sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": cluster_sg}]},
        ])
        # A group whose only broker-port rule names a prefix list: NET011.
        prefix_sg = ec2.create_security_group(GroupName="prefix-only", Description="prefix list", VpcId=vpc)["GroupId"]
        prefix_list = ec2.create_managed_prefix_list(
            PrefixListName="corp", MaxEntries=5, AddressFamily="IPv4",
            Entries=[{"Cidr": "10.20.0.0/16"}])["PrefixList"]["PrefixListId"]
        ec2.authorize_security_group_ingress(GroupId=prefix_sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 9092, "ToPort": 9098, "PrefixListIds": [{"PrefixListId": prefix_list}]},
        ])

        endpoints = {}
        for service in ("sts", "lambda", "secretsmanager"):
            endpoints[service] = ec2.create_vpc_endpoint(
                VpcId=vpc, VpcEndpointType="Interface", ServiceName=f"com.amazonaws.{REGION}.{service}",
                SubnetIds=[private_a, private_b], SecurityGroupIds=[endpoint_sg],
                PrivateDnsEnabled=True)["VpcEndpoint"]["VpcEndpointId"]
        endpoints["s3"] = ec2.create_vpc_endpoint(
            VpcId=vpc, VpcEndpointType="Gateway", ServiceName=f"com.amazonaws.{REGION}.s3",
            RouteTableIds=[private_rt])["VpcEndpoint"]["VpcEndpointId"]

        os.makedirs(OUT, exist_ok=True)
        dump("security-groups.json", ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}]))
        dump("subnets.json", ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}]))
        dump("route-tables.json", ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}]))
        dump("nat-gateways.json", ec2.describe_nat_gateways(Filter=[{"Name": "vpc-id", "Values": [vpc]}]))
        dump("vpc-endpoints.json", ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc]}]))
        with open(os.path.join(OUT, "ids.json"), "w") as f:
            json.dump({
                "region": REGION, "vpc": vpc, "publicSubnet": public, "privateSubnets": [private_a, private_b],
                "isolatedSubnet": isolated, "natGateway": nat, "internetGateway": igw,
                "publicRouteTable": public_rt, "privateRouteTable": private_rt,
                "clusterGroup": cluster_sg, "endpointGroup": endpoint_sg, "prefixListGroup": prefix_sg,
                "prefixList": prefix_list, "endpoints": endpoints,
            }, f, indent=4, sort_keys=True)
            f.write("\n")
    finally:
        # SIGTERM may be blocked when the caller (a test runner) blocks it; then end moto with SIGKILL.
        server.terminate()
        try:
            server.wait(timeout=2)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
