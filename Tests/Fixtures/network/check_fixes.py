#!/usr/bin/env python3
"""End-to-end check that the fixes `msk-esm network check` prints really repair the network, judged by moto.

Usage: check_fixes.py MSK_ESM_BINARY
Starts moto on a loopback port it binds itself (Tests/TestBed/moto_server.py), builds a broken MSK VPC (cluster group without a self-referencing
broker-port rule and without egress, private subnets with no NAT route, no endpoints), runs
`msk-esm network check`, executes every `fix` line of every failing finding with the AWS CLI against moto,
captures the describe outputs again and runs the check once more. Prints one JSON line:
{"before": [failing codes], "after": [failing codes], "commands": N}. Exit 0 when it ran.
"""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

REGION = "us-east-1"


MOTO_SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "TestBed", "moto_server.py")


def main():
    binary = sys.argv[1]
    server = subprocess.Popen([sys.executable, MOTO_SERVER], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, AWS_EC2_METADATA_DISABLED="true"), text=True)
    work = tempfile.mkdtemp(prefix="msk-esm-network-fixes-")
    try:
        url_port = int(server.stdout.readline().split()[1])
        url = f"http://127.0.0.1:{url_port}"
        env = dict(os.environ, AWS_EC2_METADATA_DISABLED="true", AWS_ACCESS_KEY_ID="testing",
                   AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=REGION, AWS_REGION=REGION,
                   AWS_ENDPOINT_URL=url)
        env.pop("AWS_PROFILE", None)
        os.environ.update(env)
        import boto3

        ec2 = boto3.client("ec2", region_name=REGION, endpoint_url=url)
        vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.30.{i}.0/24", AvailabilityZone=f"{REGION}{z}")["Subnet"]["SubnetId"]
                   for i, z in ((1, "a"), (2, "b"))]
        group = ec2.create_security_group(GroupName="cluster", Description="cluster", VpcId=vpc)["GroupId"]
        ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])


        def capture():
            files = {}
            for flag, call, kwargs in [
                ("--security-groups-json", ec2.describe_security_groups, {"Filters": [{"Name": "vpc-id", "Values": [vpc]}]}),
                ("--subnets-json", ec2.describe_subnets, {"Filters": [{"Name": "vpc-id", "Values": [vpc]}]}),
                ("--route-tables-json", ec2.describe_route_tables, {"Filters": [{"Name": "vpc-id", "Values": [vpc]}]}),
                ("--nat-gateways-json", ec2.describe_nat_gateways, {"Filter": [{"Name": "vpc-id", "Values": [vpc]}]}),
                ("--vpc-endpoints-json", ec2.describe_vpc_endpoints, {"Filters": [{"Name": "vpc-id", "Values": [vpc]}]}),
            ]:
                response = call(**kwargs)
                response.pop("ResponseMetadata", None)
                path = os.path.join(work, flag.strip("-") + ".json")
                with open(path, "w") as f:
                    json.dump(response, f, default=str)
                files[flag] = path
            return files

        def check():
            arguments = [binary, "network", "check", "--group-id", group, "--port", "9098", "--output", "json"]
            for subnet in subnets:
                arguments += ["--subnet-id", subnet]
            for flag, path in capture().items():
                arguments += [flag, path]
            result = subprocess.run(arguments, capture_output=True, text=True, env=env)
            if result.returncode not in (0, 1):
                raise SystemExit(f"msk-esm exited {result.returncode}: {result.stderr}")
            return json.loads(result.stdout)["findings"]

        before = check()
        commands = 0
        for finding in before:
            if finding["severity"] != "fail":
                continue
            for line in finding["fix"].splitlines():
                line = line.split("   #")[0].strip()
                if not line.startswith("aws "):
                    continue
                subprocess.run(shlex.split(line) + ["--output", "json"], check=True, env=env,
                               capture_output=True, text=True)
                commands += 1
        after = check()
        print(json.dumps({
            "before": sorted({f["code"] for f in before if f["severity"] == "fail"}),
            "after": sorted({f["code"] for f in after if f["severity"] == "fail"}),
            "afterFindings": [f for f in after if f["severity"] == "fail"],
            "commands": commands,
        }))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        # SIGTERM may be blocked when the caller (a test runner) blocks it; then end moto with SIGKILL.
        server.terminate()
        try:
            server.wait(timeout=2)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
