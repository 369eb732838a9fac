#!/usr/bin/env python3
"""An organization for `msk-esm doctor --all --organization / --accounts` tests: moto (STS, IAM, Organizations)
with its signature and IAM checks re-armed and the Lambda test server (testbed_server.py), behind fault_proxy.py;
then one JSON line, and it runs until its standard input closes.

  python3 start_for_accounts.py [--members 22] [--mappings-per-account 2]

The proxy tells the test server the credentials each AssumeRole through it issued (and their account), so the
test server checks their signatures and shows each key only its own account's mappings.

Seeded before the checks are re-armed (INITIAL_NO_AUTH_ACTION_COUNT, then /moto-api/reset-auth 0, as testbed.py):
- an organization whose management account is moto's default 123456789012, with `--members` member accounts
  (Organizations ListAccounts answers at most 20 a page when asked for 20, so 22 members need two pages);
- in each member account (x-moto-account-id) the role `MskEsmReader`, trusting the management account, with an
  inline policy allowing every action (moto evaluates the assumed role's policies too);
- the caller, IAM user `fleet-admin` in the management account: allowed everything, except an explicit Deny of
  sts:AssumeRole on the role of the first member account, so that its AssumeRole is a genuine AccessDenied from
  moto's policy evaluation. moto 5.2 would otherwise assume a role that does not exist and ignores ExternalId: the
  roles exist here, and ExternalId is not checked by this bed.

The JSON line: {proxyPort, motoPort, testbedPort, region, management, members, denied, roleName, accessKeyId,
secretAccessKey, mappingsPerAccount}: `mappingsPerAccount` self-managed Kafka mappings in each account
(management and members), UUIDs `ACCOUNT-0000-4000-8000-00000000000N`-like, functions `orders-ACCOUNT-N`.
A fault with "account" (fault_proxy.py) applies to requests signed with credentials issued for that account.
"""
import argparse
import json
import os
import signal
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testbed  # noqa: E402  (the same directory)

ROLE = "MskEsmReader"


def seed(endpoint, members):
    management = testbed.ACCOUNT
    organizations = testbed.client("organizations", endpoint)
    organizations.create_organization(FeatureSet="ALL")
    ids = []
    for index in range(members):
        status = organizations.create_account(Email=f"member{index}@example.com", AccountName=f"member-{index}")
        ids.append(status["CreateAccountStatus"]["AccountId"])
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{management}:root"}, "Action": "sts:AssumeRole"}]})
    everything = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    for account in ids:
        iam = testbed.client("iam", endpoint, account=account)
        iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=trust)
        iam.put_role_policy(RoleName=ROLE, PolicyName="read", PolicyDocument=everything)
    denied = ids[0]
    iam = testbed.client("iam", endpoint)
    iam.create_user(UserName="fleet-admin")
    iam.put_user_policy(UserName="fleet-admin", PolicyName="fleet", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{denied}:role/{ROLE}"}]}))
    key = iam.create_access_key(UserName="fleet-admin")["AccessKey"]
    return {"management": management, "members": ids, "denied": denied, "roleName": ROLE,
            "accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}


def seed_mappings(port, accounts, per_account, caller):
    functions, mappings = [], []
    for account in accounts:
        for index in range(per_account):
            name = f"orders-{account}-{index}"
            arn = f"arn:aws:lambda:{testbed.REGION}:{account}:function:{name}"
            functions.append({"FunctionName": name, "FunctionArn": arn, "Runtime": "python3.12",
                              "Role": f"arn:aws:iam::{account}:role/orders", "Handler": "app.handler",
                              "Timeout": 60, "MemorySize": 256, "State": "Active",
                              "LastUpdateStatus": "Successful", "LastModified": "2026-11-20T10:00:00.000+0000"})
            uuid = f"{account[:8]}-{account[8:]}-4000-8000-{index:012d}"
            mappings.append({
                "UUID": uuid, "FunctionArn": arn, "Topics": ["orders"], "StartingPosition": "TRIM_HORIZON",
                "BatchSize": 100, "State": "Enabled", "StateTransitionReason": "USER_INITIATED",
                "LastProcessingResult": "OK", "LastModified": 1795000000 + index,
                "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b-1.example.com:9092"]}},
                "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": uuid},
                "EventSourceMappingArn": f"arn:aws:lambda:{testbed.REGION}:{account}:event-source-mapping:{uuid}"})
    document = {"functions": functions, "mappings": mappings, "credentials": [caller]}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_testbed/seed", data=json.dumps(document).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=22)
    parser.add_argument("--mappings-per-account", type=int, default=2)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, testbed.stop)
    signal.signal(signal.SIGINT, testbed.stop)
    env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="1000000", AWS_EC2_METADATA_DISABLED="true",
               MOTO_IAM_LOAD_MANAGED_POLICIES="false")
    moto_port, testbed_port, proxy_port = testbed.start_bed(env)
    moto = f"http://127.0.0.1:{moto_port}"
    seeded = seed(moto, args.members)
    caller = {"AccessKeyId": seeded["accessKeyId"], "SecretAccessKey": seeded["secretAccessKey"],
              "Account": seeded["management"]}
    seed_mappings(testbed_port, [seeded["management"]] + seeded["members"], args.mappings_per_account, caller)
    testbed.rearm_auth(moto)  # from here on moto checks every signature and evaluates IAM policies
    testbed.announce_and_wait({"proxyPort": proxy_port, "motoPort": moto_port, "testbedPort": testbed_port,
                               "region": testbed.REGION, "mappingsPerAccount": args.mappings_per_account, **seeded})


if __name__ == "__main__":
    main()
