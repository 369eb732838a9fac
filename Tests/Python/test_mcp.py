"""`msk-esm mcp` driven by the official Python MCP client, both generations: 2.3.0 (which probes server/discover and
falls back to initialize) and 1.30.0 (initialize at protocol 2025-11-25). Each tool's structured result must equal
the command line's --output json document for the same input, against the example snapshots and against the local
AWS test bed (moto and the project's Lambda/kafka test server, Tests/TestBed/testbed.py). Write tools exist only with
--allow-writes and change nothing without confirm: true; secrets never come back.

The clients live in their own directories (scripts/bootstrap installs them, pinned): each runs as a child process
(Tests/Python/mcp_client.py) with its own PYTHONPATH, so neither meets the other's dependencies.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLIENT_SCRIPT = ROOT / "Tests" / "Python" / "mcp_client.py"
# Pinned in scripts/bootstrap.
CLIENTS = {"2.3.0": ROOT / ".build-python" / "mcp-2.3.0", "1.30.0": ROOT / ".build-python" / "mcp-1.30.0"}
SNAPSHOTS = sorted((ROOT / "Examples" / "snapshots").glob("*.json"))
SECRETS = sorted((ROOT / "Examples" / "secrets").glob("*.json"))
AT = "2026-11-26T12:00:00Z"
READ_TOOLS = {"doctor", "brokers_explain", "policy_check", "network_check", "secret_validate", "list_mappings",
              "get_mapping", "filter_test", "lint"}
WRITE_TOOLS = {"create", "update", "enable", "disable", "delete"}
# Catches hangs only.
WATCHDOG = 300


@pytest.fixture(scope="session", params=sorted(CLIENTS))
def client(request):
    directory = CLIENTS[request.param]
    if not (directory / "mcp").is_dir():
        pytest.fail(f"the MCP client {request.param} is not installed in {directory}: run scripts/bootstrap")
    return request.param


@pytest.fixture(scope="session")
def bed():
    """The local AWS test bed: its ready line (ports, keys, ids), until the session ends."""
    process = subprocess.Popen([sys.executable, str(ROOT / "Tests" / "TestBed" / "testbed.py")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    info = json.loads(process.stdout.readline())
    yield info
    process.stdin.close()
    process.wait(timeout=60)


def bed_environment(bed):
    user = bed["users"]["msk-esm-reader"]
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent-msk-esm-home",
            "AWS_ACCESS_KEY_ID": user["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": user["SecretAccessKey"],
            "AWS_REGION": bed["region"], "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{bed['proxyPort']}", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}


def local_environment():
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent-msk-esm-home",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "AKIACANARY",
            "AWS_SECRET_ACCESS_KEY": "CANARYsecretAccessKey0123456789abcdefgh", "AWS_REGION": "us-east-1"}


def session(client, binary, steps, env, args=("mcp",)):
    """Runs the client against `binary mcp`; returns its report and the server's stderr."""
    plan = {"command": binary, "args": list(args), "env": env, "steps": steps}
    child_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(CLIENTS[client]),
                 "HOME": os.environ.get("HOME", "/tmp")}
    finished = subprocess.run([sys.executable, str(CLIENT_SCRIPT)], input=json.dumps(plan), capture_output=True,
                              text=True, env=child_env, timeout=WATCHDOG)
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout), finished.stderr


def cli(binary, arguments, env):
    finished = subprocess.run([binary, *arguments], capture_output=True, text=True, env=env, timeout=WATCHDOG)
    return finished


def cli_document(binary, arguments, env):
    finished = cli(binary, arguments, env)
    assert finished.returncode in (0, 1), finished.stderr
    return json.loads(finished.stdout)


def cli_json(binary, arguments, env):
    return cli_document(binary, [*arguments, "--output", "json"], env)


def test_handshake_lists_the_read_tools_only(client, binary):
    report, _ = session(client, binary, [{"op": "list_tools"}], local_environment())
    assert report["serverName"] == "msk-esm"
    # swift-sdk 0.12.1 speaks 2025-11-25; the 2.x client got there through its fallback from server/discover.
    assert report["protocolVersion"] == "2025-11-25"
    if client.startswith("2."):
        assert report["discoverProbes"], "the 2.x client should probe server/discover before initialize"
    tools = {tool["name"]: tool for tool in report["results"][0]}
    assert set(tools) == READ_TOOLS
    for tool in tools.values():
        assert tool["inputSchema"]["type"] == "object"
        assert tool["annotations"]["readOnlyHint"] is True
        assert "output" not in tool["inputSchema"]["properties"]
    assert tools["doctor"]["inputSchema"]["properties"]["snapshot"]["type"] == "string"
    assert tools["policy_check"]["inputSchema"]["properties"]["action"]["type"] == "array"


def test_write_tools_with_allow_writes(client, binary):
    report, _ = session(client, binary, [{"op": "list_tools"}], local_environment(), args=("mcp", "--allow-writes"))
    tools = {tool["name"]: tool for tool in report["results"][0]}
    assert set(tools) == READ_TOOLS | WRITE_TOOLS
    for name in WRITE_TOOLS:
        assert tools[name]["inputSchema"]["properties"]["confirm"]["type"] == "boolean"
        assert tools[name]["annotations"]["destructiveHint"] is True


def test_snapshot_tools_equal_the_command_line(client, binary):
    env = local_environment()
    steps, expected = [], []
    for snapshot in SNAPSHOTS:
        for tool, command in [("doctor", ["doctor"]), ("brokers_explain", ["brokers", "explain"]),
                              ("network_check", ["network", "check"])]:
            steps.append({"op": "call", "name": tool, "arguments": {"snapshot": str(snapshot), "at": AT}})
            expected.append(cli_json(binary, [*command, "--snapshot", str(snapshot), "--at", AT], env))
    for secret in SECRETS:
        steps.append({"op": "call", "name": "secret_validate", "arguments": {"file": str(secret), "at": AT}})
        expected.append(cli_json(binary, ["secret", "validate", str(secret), "--at", AT], env))
    policy = {"action": ["kafka-cluster:Connect", "kafka-cluster:DescribeGroup"],
              "resource": ["arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b"],
              "policy": ["aws:AWSLambdaMSKExecutionRole"], "suggest": True}
    steps.append({"op": "call", "name": "policy_check", "arguments": policy})
    expected.append(cli_json(binary, ["policy", "check", "--policy", "aws:AWSLambdaMSKExecutionRole", "--action",
                                      "kafka-cluster:Connect", "--action", "kafka-cluster:DescribeGroup",
                                      "--resource", policy["resource"][0], "--suggest"], env))
    patterns = ['{"value": {"amount": [{"numeric": [">", 10]}]}}', '{"value": [{"prefix": "ERROR"}]}']
    values = ['{"amount": 12}', '{"amount": 3}', "ERROR disk full", "ok"]
    steps.append({"op": "call", "name": "filter_test", "arguments": {"pattern": patterns, "value": values}})
    expected.append(cli_json(binary, ["filter", "test", *[w for p in patterns for w in ("--pattern", p)],
                                      *[w for v in values for w in ("--value", v)]], env))
    for template in sorted((ROOT / "Tests" / "Fixtures" / "lint" / "cfn").glob("*.yaml"))[:3]:
        steps.append({"op": "call", "name": "lint", "arguments": {"file": str(template)}})
        expected.append(cli_json(binary, ["lint", str(template)], env))
    report, stderr = session(client, binary, steps, env)
    for step, result, document in zip(steps, report["results"], expected):
        assert result["isError"] is False, (step, result)
        assert result["structuredContent"] == document, step
        # A short summary first, then the document itself for clients that read only text.
        assert json.loads(result["text"][1]) == document
        if "verdict" in document:
            assert result["text"][0].startswith(f"verdict: {document['verdict']}")
    assert "CANARY" not in json.dumps(report) and "CANARY" not in stderr


def test_live_tools_equal_the_command_line(client, binary, bed):
    env = bed_environment(bed)
    uuid, secret, cluster = bed["mappingUUID"], bed["secretArn"], bed["clusterArn"]
    calls = [
        ("doctor", {"uuid": uuid, "at": AT}, ["doctor", uuid, "--at", AT]),
        ("get_mapping", {"uuid": uuid}, ["get", uuid]),
        ("list_mappings", {"function": bed["functionArn"]}, ["list", "--function", bed["functionArn"]]),
        ("secret_validate", {"secret_id": secret, "at": AT}, ["secret", "validate", "--secret-id", secret, "--at", AT]),
        ("brokers_explain", {"cluster": cluster, "auth": "iam"}, ["brokers", "explain", "--cluster", cluster,
                                                                   "--auth", "iam"]),
        ("network_check", {"cluster": cluster, "auth": "iam"}, ["network", "check", "--cluster", cluster,
                                                                 "--auth", "iam"]),
        ("policy_check", {"mapping": uuid, "role": "msk-esm-exec"}, ["policy", "check", "--mapping", uuid, "--role",
                                                                      "msk-esm-exec"]),
    ]
    report, stderr = session(client, binary, [{"op": "call", "name": n, "arguments": a} for n, a, _ in calls], env)
    for (name, _, arguments), result in zip(calls, report["results"]):
        assert result["isError"] is False, (name, result)
        assert result["structuredContent"] == cli_json(binary, arguments, env), name
    # The bed's SCRAM secret holds a canary password; the reader's secret key signs every call.
    secret_key = env["AWS_SECRET_ACCESS_KEY"]
    for text in (json.dumps(report), stderr):
        assert "CANARY" not in text and secret_key not in text


def test_errors_are_tool_errors_with_the_one_line_message(client, binary, bed):
    env = bed_environment(bed)
    missing = "00000000-1111-2222-3333-444444444444"
    steps = [
        {"op": "call", "name": "get_mapping", "arguments": {"uuid": missing}},
        {"op": "call", "name": "doctor", "arguments": {"snapshot": "/no/such/file.json"}},
        {"op": "call", "name": "doctor", "arguments": {"snapshot": "-"}},
        {"op": "call", "name": "doctor", "arguments": {"snapshot": "x", "no_such_option": True}},
        {"op": "call", "name": "get_mapping", "arguments": {"uuid": "--help"}},
    ]
    report, _ = session(client, binary, steps, env)
    results = report["results"]
    for result in results:
        assert result["isError"] is True
        assert len(result["text"]) == 1 and result["text"][0].startswith("msk-esm: error: ")
        assert "\n" not in result["text"][0]
    # The same line as the command line's, but for the request ID each call gets.
    request_id = re.compile(r"request ID [0-9a-f-]+")
    assert request_id.sub("ID", results[0]["text"][0]) == request_id.sub(
        "ID", cli(binary, ["get", missing], env).stderr.strip().splitlines()[-1])
    assert results[1]["text"][0] == cli(binary, ["doctor", "--snapshot", "/no/such/file.json"], env).stderr.strip()
    assert "standard input" in results[2]["text"][0]
    assert "no_such_option" in results[3]["text"][0]


def bed_requests(bed):
    url = f"http://127.0.0.1:{bed['testbedPort']}/_testbed/requests"
    return json.loads(urllib.request.urlopen(url, timeout=10).read())


def writes_seen(bed):
    return [r for r in bed_requests(bed) if r["operation"] in
            ("CreateEventSourceMapping", "UpdateEventSourceMapping", "DeleteEventSourceMapping")]


def test_writes_without_confirm_change_nothing(client, binary, bed):
    env = bed_environment(bed)
    uuid = bed["mappingUUID"]
    before = cli_json(binary, ["get", uuid], env)
    writes_before = len(writes_seen(bed))
    steps = [
        {"op": "call", "name": "disable", "arguments": {"uuid": uuid}},
        {"op": "call", "name": "enable", "arguments": {"uuid": uuid, "confirm": False}},
        {"op": "call", "name": "delete", "arguments": {"uuid": uuid}},
        {"op": "call", "name": "update", "arguments": {"uuid": uuid, "batch_size": "77"}},
        {"op": "call", "name": "create", "arguments": {
            "function": "mcp-fn", "cluster": bed["clusterArn"], "topic": "orders", "starting_position": "LATEST",
            "auth": "scram-512", "secret_id": bed["secretArn"], "no_preflight": True}},
    ]
    report, stderr = session(client, binary, steps, env, args=("mcp", "--allow-writes"))
    disable, enable, delete, update, create = report["results"]
    for result in report["results"]:
        assert result["isError"] is False, result
        assert "plan only: nothing was changed" in result["text"][0]
    assert disable["structuredContent"]["dryRun"] is True
    assert disable["structuredContent"]["request"] == {
        "operation": "UpdateEventSourceMapping", "body": {"UUID": uuid, "Enabled": False}}
    assert disable["structuredContent"]["mapping"] == before
    assert enable["structuredContent"]["request"]["body"]["Enabled"] is True
    assert delete["structuredContent"]["request"] == {"operation": "DeleteEventSourceMapping", "body": {"UUID": uuid}}
    # create and update: the command line's --dry-run document (report-json).
    assert update["structuredContent"] == cli_document(
        binary, ["update", uuid, "--batch-size", "77", "--dry-run", "--output", "report-json"], env)
    assert update["structuredContent"]["result"] is None
    assert update["structuredContent"]["changes"] == [{"field": "BatchSize", "from": before["BatchSize"], "to": 77}]
    assert create["structuredContent"]["result"] is None
    assert create["structuredContent"]["request"]["body"]["FunctionName"] == "mcp-fn"
    assert len(writes_seen(bed)) == writes_before
    assert cli_json(binary, ["get", uuid], env) == before
    assert "CANARY" not in json.dumps(report) and "CANARY" not in stderr


def test_a_confirmed_write_is_made(client, binary, bed):
    env = bed_environment(bed)
    # One of the bed's bulk mappings, so the shared mapping stays as the other tests expect it.
    uuid = "bbbbbbbb-0000-4000-8000-000000000001" if client.startswith("2.") else "bbbbbbbb-0000-4000-8000-000000000002"
    writes_before = len(writes_seen(bed))
    report, _ = session(client, binary, [{"op": "call", "name": "disable", "arguments": {"uuid": uuid,
                                                                                         "confirm": True}}],
                        env, args=("mcp", "--allow-writes"))
    result = report["results"][0]
    assert result["isError"] is False, result
    assert result["structuredContent"]["UUID"] == uuid
    assert "dryRun" not in result["structuredContent"]
    writes = writes_seen(bed)[writes_before:]
    assert [w["operation"] for w in writes] == ["UpdateEventSourceMapping"]


def test_finding_catalogue_resources(client, binary):
    codes = [line.split("|")[1].strip() for line in (ROOT / "docs" / "findings.md").read_text().splitlines()
             if line.startswith("| ") and line[2:5].isupper() and line[5:8].isdigit()]
    steps = [{"op": "list_resources"}, {"op": "read_resource", "uri": "msk-esm://findings/SEC009"},
             {"op": "read_resource", "uri": "msk-esm://findings"}]
    report, _ = session(client, binary, steps, local_environment())
    listed, sec009, index = report["results"]
    uris = {resource["uri"] for resource in listed}
    assert uris == {"msk-esm://findings"} | {f"msk-esm://findings/{code}" for code in codes}
    meaning = next(line.split("|")[2].strip() for line in (ROOT / "docs" / "findings.md").read_text().splitlines()
                   if line.startswith("| SEC009 |"))
    assert sec009[0]["mimeType"] == "text/markdown"
    assert "# SEC009" in sec009[0]["text"]
    # The man page's and docs/findings.md's meaning, which may quote code in backticks.
    assert meaning.replace("`", "") in sec009[0]["text"].replace("`", "")
    assert all(code in index[0]["text"] for code in codes)


def test_stdout_carries_only_protocol_and_every_request_is_answered(binary, tmp_path):
    """A raw pipe: the requests and then end of input at once. Every line on stdout is a JSON-RPC message, and
    the server answers every request before it exits."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "pipe", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {
            "name": "doctor", "arguments": {"snapshot": str(SNAPSHOTS[0]), "at": AT}}},
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {
            "name": "doctor", "arguments": {"snapshot": "/no/such/file.json"}}},
    ]
    finished = subprocess.run([binary, "mcp"], input="".join(json.dumps(m) + "\n" for m in messages),
                              capture_output=True, text=True, env=local_environment(), timeout=WATCHDOG)
    assert finished.returncode == 0, finished.stderr
    answers = [json.loads(line) for line in finished.stdout.splitlines()]
    assert all(answer["jsonrpc"] == "2.0" for answer in answers)
    assert sorted(answer["id"] for answer in answers) == [1, 2, 3, 4]
    by_id = {answer["id"]: answer for answer in answers}
    assert by_id[3]["result"]["isError"] is False
    assert by_id[4]["result"]["isError"] is True
    # The command's error line is logged on stderr, never on stdout.
    assert "file not found" in finished.stderr
