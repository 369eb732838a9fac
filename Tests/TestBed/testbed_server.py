#!/usr/bin/env python3
"""The project's own test server for every Lambda and Amazon MSK (kafka) call msk-esm makes: moto cannot hold Kafka
event source mappings, models kafka too thinly, and rejects correct signatures on Lambda GETs
(docs/platform.md#test-environment).

It holds mappings, functions, clusters, bootstrap brokers, SCRAM secrets, VPC connections and topics in memory, seeded through
a side door (POST /_testbed/seed, a JSON document in the AWS CLI's PascalCase shapes), and answers per the botocore
models (routes from each operation's requestUri; kafka's lowerCamel wire names from the model). Every request must
carry a valid Signature V4, recomputed with botocore's SigV4Auth (a wrong one gets 403 InvalidSignatureException), and
its parameters must pass botocore's ParamValidator against the operation's input shape, plus the maxima and enums that
ParamValidator leaves to the service (else 400).

  python3 testbed_server.py --port 0 [--ready-file F]   (prints "PORT <n>" on stdout when listening)
  GET  /_testbed/requests   the requests seen: [{operation, signatureValid, status, path, body}]

Mappings live like Lambda's: CreateEventSourceMapping stores one in state Creating; Update and Delete move it
through Updating/Enabling/Disabling/Deleting. Each GetEventSourceMapping answers the current state, then applies the
next entry of the mapping's hidden "_pending" list (partial mappings; {"_delete": true} removes it), so a test can
seed "Creating, then Enabled after N polls" or "Disabled with a StateTransitionReason". Seed keys for this:
  "pollsToSettle": n            how many polls a create/update/delete takes to settle (default 2)
  "dropCreateResponseFor": [f]  commit the next create for function f, then close the connection without answering
"""
import argparse
import datetime
import json
import signal
import re
import uuid as uuidlib
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler
from unittest import mock

import botocore.auth
import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.validate import ParamValidator

from bed_http import BedHTTPServer, reply

SESSION = botocore.session.get_session()
MODELS = {name: SESSION.get_service_model(name) for name in ("lambda", "kafka")}
STS_MODEL = SESSION.get_service_model("sts")
SERVED = {
    "lambda": ["GetEventSourceMapping", "ListEventSourceMappings", "GetFunctionConfiguration",
               "CreateEventSourceMapping", "UpdateEventSourceMapping", "DeleteEventSourceMapping"],
    "kafka": ["DescribeClusterV2", "GetBootstrapBrokers", "ListScramSecrets", "DescribeVpcConnection",
              "DescribeCluster", "DescribeTopic"],
}


def route_regex(uri):
    path = uri.split("?")[0]
    pattern = re.sub(r"\{(\w+)\+?\}", lambda m: f"(?P<{m.group(1)}>[^/]+)", re.escape(path).replace(r"\{", "{")
                     .replace(r"\}", "}"))
    return re.compile("^" + pattern + "/?$")


ROUTES = []
for service, names in SERVED.items():
    for name in names:
        op = MODELS[service].operation_model(name)
        ROUTES.append((service, op.http["method"], route_regex(op.http["requestUri"]), op))


def to_wire(value, shape):
    """PascalCase (AWS CLI) JSON → the service's wire JSON (kafka: lowerCamel locationNames)."""
    if shape is None or value is None:
        return value
    if shape.type_name == "structure" and isinstance(value, dict):
        out = {}
        for name, member in shape.members.items():
            if name in value:
                out[member.serialization.get("name", name)] = to_wire(value[name], member)
        return out
    if shape.type_name == "list" and isinstance(value, list):
        return [to_wire(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: to_wire(v, shape.value) for k, v in value.items()}
    return value


def model_errors(value, shape, path="input"):
    """What botocore's ParamValidator leaves to the service: integer maxima, string enums and maximum lengths."""
    errors = []
    if shape is None or value is None:
        return errors
    meta = shape.metadata
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                errors += model_errors(value[name], member, f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        if "max" in meta and len(value) > meta["max"]:
            errors.append(f"{path} has more than {meta['max']} items")
        for index, item in enumerate(value):
            errors += model_errors(item, shape.member, f"{path}[{index}]")
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            errors += model_errors(item, shape.value, f"{path}.{key}")
    elif shape.type_name in ("integer", "long") and isinstance(value, int) and not isinstance(value, bool):
        if "max" in meta and value > meta["max"]:
            errors.append(f"Invalid value for parameter {path}, value: {value}, valid max value: {meta['max']}")
    elif shape.type_name == "string" and isinstance(value, str):
        if shape.enum and value not in shape.enum:
            errors.append(f"Invalid value for parameter {path}, value: {value}, valid values: {', '.join(shape.enum)}")
        if "max" in meta and len(value) > meta["max"]:
            errors.append(f"{path} is longer than {meta['max']} characters")
    return errors


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.credentials = {}
        self.key_accounts = {}  # access key -> its account, for keys seeded with "Account"
        self.mappings = {}
        self.functions = {}
        self.clusters = {}
        self.bootstrap = {}
        self.scram = {}
        self.vpc_connections = {}
        self.topics = {}
        self.topic_errors = {}
        self.requests = []
        self.polls_to_settle = 2
        self.drop_create_for = []

    def seed(self, doc):
        with self.lock:
            for cred in doc.get("credentials", []):
                self.credentials[cred["AccessKeyId"]] = cred["SecretAccessKey"]
                if cred.get("Account"):
                    self.key_accounts[cred["AccessKeyId"]] = cred["Account"]
            for mapping in doc.get("mappings", []):
                self.mappings[mapping["UUID"]] = mapping
            for function in doc.get("functions", []):
                self.functions[function["FunctionName"]] = function
            self.clusters.update(doc.get("clusters", {}))
            self.bootstrap.update(doc.get("bootstrapBrokers", {}))
            self.scram.update(doc.get("scramSecrets", {}))
            self.vpc_connections.update(doc.get("vpcConnections", {}))
            for cluster, topics in doc.get("topics", {}).items():
                self.topics.setdefault(cluster, {}).update(topics)
            self.topic_errors.update(doc.get("topicErrors", {}))
            if "pollsToSettle" in doc:
                self.polls_to_settle = int(doc["pollsToSettle"])
            self.drop_create_for.extend(doc.get("dropCreateResponseFor", []))
            if doc.get("reset"):
                self.requests.clear()


STATE = State()
SIGNING_CLOCK_LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per response, sent at once. Unbuffered, http.server writes the headers and the body in two
    # segments, and Nagle's algorithm holds the second until the client's delayed ACK of the first: 40 ms per
    # response on loopback, which no AWS endpoint adds and which would hide the clients' own speed.
    wbufsize = -1
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _send(self, status, body, error_type=None):
        # x-amzn-RequestId: as Lambda and Kafka answer every request.
        headers = {"Content-Type": "application/json", "x-amzn-RequestId": str(uuidlib.uuid4())}
        if error_type:
            headers["x-amzn-ErrorType"] = error_type
        reply(self, status, json.dumps(body) if body is not None else b"", headers)

    def _error(self, service, status, code, message):
        body = {"Type": "User", "Message": message} if service == "lambda" else {"message": message}
        self._send(status, body, code)

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")

    def _handle(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urllib.parse.urlsplit(self.path)
        if parts.path == "/_testbed/seed" and method == "POST":
            STATE.seed(json.loads(body or b"{}"))
            return self._send(200, {"ok": True})
        if parts.path == "/_testbed/requests":
            with STATE.lock:
                return self._send(200, list(STATE.requests))
        if parts.path == "/" and method == "POST" and b"Action=AssumeRole" in body:
            return self._sts(body)
        if parts.path == "/" and method == "POST" and b"Action=GetMetricData" in body:
            return self._cloudwatch_get_metric_data(body)
        for service, route_method, regex, op in ROUTES:
            match = regex.match(parts.path)
            if match and route_method == method:
                return self._operation(service, op, match, parts, body)
        self._send(404, {"message": f"no route for {method} {parts.path}"}, "UnknownOperationException")

    def _verify_signature(self, service, body):
        auth = self.headers.get("Authorization", "")
        found = re.match(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, "
                         r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$", auth)
        if not found:
            return False, "missing or malformed Authorization"
        key_id, day, region, signed_service, signed_headers, signature = found.groups()
        self.signed_region = region
        with STATE.lock:
            self.signed_account = STATE.key_accounts.get(key_id)
        if signed_service != service:
            return False, f"signed for service {signed_service}"
        with STATE.lock:
            secret = STATE.credentials.get(key_id)
        if secret is None:
            return False, "unknown access key"
        amz_date = self.headers.get("X-Amz-Date", "")
        request = AWSRequest(method=self.command, url=f"http://{self.headers.get('Host')}{self.path}", data=body)
        for name in signed_headers.split(";"):
            if name.lower() in ("x-amz-date",):
                continue
            value = self.headers.get_all(name) or []
            for v in value:
                request.headers[name] = v
        token = self.headers.get("X-Amz-Security-Token")
        signer = botocore.auth.SigV4Auth(Credentials(key_id, secret, token), service, region)
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
        # mock.patch swaps a module global: two threads patching at once can restore each other's mock and leave a
        # stale clock behind for every later request, so one signature is recomputed at a time.
        with SIGNING_CLOCK_LOCK, mock.patch("botocore.auth.get_current_datetime", return_value=when):
            signer.add_auth(request)
        expected = request.headers["Authorization"]
        if expected != auth:
            return False, "signature mismatch"
        return True, ""

    def _operation(self, service, op, match, parts, body):
        valid, reason = self._verify_signature(service, body)
        entry = {"service": service, "operation": op.name, "signatureValid": valid, "path": self.path}
        if not valid:
            entry["status"] = 403
            with STATE.lock:
                STATE.requests.append(entry)
            return self._error(service, 403, "InvalidSignatureException",
                               f"The request signature we calculated does not match the signature you provided ({reason})")
        # Rebuild the input parameters from the URI labels, the query string and the body, then validate them.
        shape = op.input_shape
        params = {}
        labels = {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        for name, member in (shape.members.items() if shape else []):
            location = member.serialization.get("location")
            wire = member.serialization.get("name", name)
            if location == "uri" and wire in labels:
                params[name] = labels[wire]
            elif location == "querystring" and wire in query:
                raw = query[wire][0]
                params[name] = int(raw) if member.type_name == "integer" and raw.lstrip("-").isdigit() else raw
        if body and shape is not None:
            payload = json.loads(body)
            entry["body"] = payload
            for name, member in shape.members.items():
                wire = member.serialization.get("name", name)
                if member.serialization.get("location") is None and wire in payload:
                    params[name] = payload[wire]
        report = ParamValidator().validate(params, shape) if shape is not None else None
        problems = model_errors(params, shape) if shape is not None else []
        if report is not None and report.has_errors():
            problems.insert(0, report.generate_report())
        if problems:
            entry["status"] = 400
            with STATE.lock:
                STATE.requests.append(entry)
            return self._error(service, 400, "BadRequestException" if service == "kafka" else
                               "InvalidParameterValueException", "\n".join(problems))
        status, result = getattr(self, f"_{service}_{op.name}")(params)
        entry["status"] = status
        if status == "drop":  # committed, but the caller never hears of it (an unknown outcome)
            entry["status"] = "dropped"
            with STATE.lock:
                STATE.requests.append(entry)
            self.close_connection = True
            return
        with STATE.lock:
            STATE.requests.append(entry)
        if status >= 400:
            return self._error(service, status, result[0], result[1])
        self._send(status, to_wire(result, op.output_shape))

    # --- STS (moto answers AssumeRole with HTTP 500 once signature checking is on) --------------
    def _sts(self, body):
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items()}
        action = form.pop("Action")
        form.pop("Version", None)
        op = STS_MODEL.operation_model(action)
        entry = {"service": "sts", "operation": action, "path": "/", "form": {k: v for k, v in form.items()
                                                                              if k != "WebIdentityToken"}}
        if action == "AssumeRole":
            valid, reason = self._verify_signature("sts", body)
            entry["signatureValid"] = valid
            if not valid:
                with STATE.lock:
                    STATE.requests.append(entry)
                return self._xml(403, f"<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>"
                                      f"<Message>{reason}</Message></Error></ErrorResponse>")
        params = {}
        for name, member in op.input_shape.members.items():
            if name in form:
                params[name] = int(form[name]) if member.type_name == "integer" else form[name]
        report = ParamValidator().validate(params, op.input_shape)
        with STATE.lock:
            STATE.requests.append(entry)
        if report.has_errors():
            return self._xml(400, f"<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>"
                                  f"<Message>{report.generate_report()}</Message></Error></ErrorResponse>")
        expiration = (datetime.datetime.utcnow() + datetime.timedelta(seconds=int(form.get("DurationSeconds", 3600))))
        self._xml(200, f"""<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><{action}Result>
<Credentials><AccessKeyId>ASIATESTBEDASSUMED01</AccessKeyId><SecretAccessKey>assumed-secret-key</SecretAccessKey>
<SessionToken>assumed-session-token</SessionToken><Expiration>{expiration.strftime('%Y-%m-%dT%H:%M:%SZ')}</Expiration>
</Credentials><AssumedRoleUser><Arn>{form.get('RoleArn')}/{form.get('RoleSessionName')}</Arn>
<AssumedRoleId>AROATESTBED:{form.get('RoleSessionName')}</AssumedRoleId></AssumedRoleUser>
</{action}Result></{action}Response>""")

    # --- CloudWatch GetMetricData (for fleets: fault_proxy.py --metrics-to-testbed) -------------------
    # moto answers a 500-query GetMetricData in the query protocol in about 0.8 s of CPU, one at a time (its
    # server holds Python's interpreter lock), so the 160 calls of a 10,000-mapping fleet would cost minutes of the
    # bed's time. Without stored data moto answers every query with an empty, complete series; so does this, after
    # the checks GetMetricData makes (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html).
    def _cloudwatch_get_metric_data(self, body):
        valid, reason = self._verify_signature("monitoring", body)
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items()}
        entry = {"service": "monitoring", "operation": "GetMetricData", "path": "/", "signatureValid": valid}
        with STATE.lock:
            STATE.requests.append(entry)
        if not valid:
            return self._query_error(403, "SignatureDoesNotMatch", reason)
        queries = {}
        for key, value in form.items():
            found = re.match(r"MetricDataQueries\.member\.(\d+)\.(.+)$", key)
            if found:
                queries.setdefault(int(found.group(1)), {})[found.group(2)] = value
        problems = [f"missing {name}" for name in ("StartTime", "EndTime") if name not in form]
        if not 1 <= len(queries) <= 500:
            problems.append(f"{len(queries)} queries: between 1 and 500 are allowed")
        ids = [query.get("Id", "") for _, query in sorted(queries.items())]
        if len(set(ids)) != len(ids) or not all(re.match(r"^[a-z][A-Za-z0-9_]*$", i) for i in ids):
            problems.append("every query needs a unique Id starting with a lowercase letter")
        for query in queries.values():
            for name in ("MetricStat.Metric.Namespace", "MetricStat.Metric.MetricName", "MetricStat.Period",
                         "MetricStat.Stat"):
                if not query.get(name):
                    problems.append(f"query {query.get('Id')}: missing {name}")
        if problems:
            return self._query_error(400, "ValidationError", "; ".join(problems))
        members = "".join(
            f"<member><Id>{query['Id']}</Id><Label>{query['MetricStat.Metric.MetricName']} "
            f"{query['MetricStat.Stat']}</Label><Timestamps/><Values/><StatusCode>Complete</StatusCode></member>"
            for _, query in sorted(queries.items()))
        self._xml(200, '<GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">'
                       f"<GetMetricDataResult><MetricDataResults>{members}</MetricDataResults><Messages/>"
                       f"</GetMetricDataResult><ResponseMetadata><RequestId>{uuidlib.uuid4()}</RequestId>"
                       "</ResponseMetadata></GetMetricDataResponse>")

    def _query_error(self, status, code, message):
        self._xml(status, f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
                          f"<Message>{message}</Message></Error></ErrorResponse>")

    def _xml(self, status, text):
        reply(self, status, text, {"Content-Type": "text/xml"})

    # --- Lambda ---------------------------------------------------------------------------------
    def _lambda_GetEventSourceMapping(self, params):
        with STATE.lock:
            mapping = STATE.mappings.get(params["UUID"])
            if mapping is None or not self._in_region(mapping):
                return 404, ("ResourceNotFoundException", "The resource you requested does not exist.")
            answer = {k: v for k, v in mapping.items() if not k.startswith("_")}
            pending = mapping.get("_pending") or []
            if pending:
                step = pending.pop(0)
                if step.get("_delete"):
                    del STATE.mappings[params["UUID"]]
                else:
                    mapping.update(step)
        return 200, answer

    @staticmethod
    def _settle(mapping, final):
        """Lambda's asynchronous transitions: the final state after pollsToSettle polls."""
        steps = [{} for _ in range(max(STATE.polls_to_settle - 1, 0))] + [final]
        mapping["_pending"] = steps

    def _in_region(self, mapping):
        """A mapping lives in the Region (and account) of its function's ARN; requests signed for another do not see it."""
        parts = mapping.get("FunctionArn", "").split(":")
        # A key seeded with its account (start_for_accounts.py) sees only that account's mappings.
        account = getattr(self, "signed_account", None)
        if account and len(parts) > 4 and parts[4] != account:
            return False
        return len(parts) < 4 or not parts[3] or parts[3] == getattr(self, "signed_region", parts[3])

    def _lambda_ListEventSourceMappings(self, params):
        with STATE.lock:
            items = sorted(STATE.mappings.values(), key=lambda m: m["UUID"])
        items = [m for m in items if self._in_region(m)]
        if "FunctionName" in params:
            name = params["FunctionName"]
            items = [m for m in items if m.get("FunctionArn", "").endswith(":function:" + name)
                     or m.get("FunctionArn") == name]
        if "EventSourceArn" in params:
            items = [m for m in items if m.get("EventSourceArn") == params["EventSourceArn"]]
        start = int(params.get("Marker") or 0)
        size = min(int(params.get("MaxItems") or 100), 100)
        page = items[start:start + size]
        result = {"EventSourceMappings": page}
        if start + size < len(items):
            result["NextMarker"] = str(start + size)
        return 200, result

    def _lambda_GetFunctionConfiguration(self, params):
        name = params["FunctionName"]
        if name.startswith("arn:"):
            name = name.split(":function:")[1].split(":")[0]
        with STATE.lock:
            function = STATE.functions.get(name)
        if function is None:
            return 404, ("ResourceNotFoundException", f"Function not found: {params['FunctionName']}")
        return 200, function

    KAFKA_FIELDS = ("Topics", "StartingPosition", "StartingPositionTimestamp", "BatchSize",
                    "MaximumBatchingWindowInSeconds", "MaximumRecordAgeInSeconds", "MaximumRetryAttempts",
                    "BisectBatchOnFunctionError", "FunctionResponseTypes", "DestinationConfig", "FilterCriteria",
                    "KMSKeyArn", "SourceAccessConfigurations", "SelfManagedEventSource",
                    "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig",
                    "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig", "EventSourceArn")

    def _lambda_CreateEventSourceMapping(self, params):
        name = params["FunctionName"]
        short = name.split(":function:")[1] if ":function:" in name else name
        with STATE.lock:
            function = STATE.functions.get(short.split(":")[0])
            if function is None:
                return 404, ("ResourceNotFoundException", f"Function not found: {name}")
            uuid = str(uuidlib.uuid4())
            mapping = {"UUID": uuid, "FunctionArn": function["FunctionArn"] + (":" + short.split(":")[1]
                                                                               if ":" in short else ""),
                       "State": "Creating", "StateTransitionReason": "USER_INITIATED",
                       "LastProcessingResult": "No records processed", "BatchSize": 100,
                       "MaximumBatchingWindowInSeconds": 0,
                       "EventSourceMappingArn": f"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{uuid}"}
            for key in self.KAFKA_FIELDS:
                if key in params:
                    mapping[key] = params[key]
            if "StartingPositionTimestamp" in mapping:
                mapping["StartingPositionTimestamp"] = float(mapping["StartingPositionTimestamp"])
            if "EventSourceArn" in params and "AmazonManagedKafkaEventSourceConfig" not in params:
                mapping["AmazonManagedKafkaEventSourceConfig"] = {"ConsumerGroupId": uuid}
            if "SelfManagedEventSource" in params and "SelfManagedKafkaEventSourceConfig" not in params:
                mapping["SelfManagedKafkaEventSourceConfig"] = {"ConsumerGroupId": uuid}
            mapping["LastModified"] = datetime.datetime.now(datetime.timezone.utc).timestamp()
            enabled = params.get("Enabled", True)
            self._settle(mapping, {"State": "Enabled" if enabled else "Disabled"})
            STATE.mappings[uuid] = mapping
            drop = short in STATE.drop_create_for
            if drop:
                STATE.drop_create_for.remove(short)
            answer = {k: v for k, v in mapping.items() if not k.startswith("_")}
        if drop:
            return "drop", None
        return 202, answer

    def _lambda_UpdateEventSourceMapping(self, params):
        with STATE.lock:
            mapping = STATE.mappings.get(params["UUID"])
            if mapping is None:
                return 404, ("ResourceNotFoundException", "The resource you requested does not exist.")
            for key in self.KAFKA_FIELDS:
                if key in params:
                    if isinstance(params[key], dict) and isinstance(mapping.get(key), dict):
                        mapping[key] = {**mapping[key], **params[key]}
                    else:
                        mapping[key] = params[key]
            if "Enabled" in params:
                enabled = params["Enabled"]
                mapping["State"] = "Enabling" if enabled else "Disabling"
            else:
                enabled = mapping["State"] == "Enabled"
                mapping["State"] = "Updating"
            mapping["StateTransitionReason"] = "USER_INITIATED"
            self._settle(mapping, {"State": "Enabled" if enabled else "Disabled"})
            answer = {k: v for k, v in mapping.items() if not k.startswith("_")}
        return 202, answer

    def _lambda_DeleteEventSourceMapping(self, params):
        with STATE.lock:
            mapping = STATE.mappings.get(params["UUID"])
            if mapping is None:
                return 404, ("ResourceNotFoundException", "The resource you requested does not exist.")
            mapping["State"] = "Deleting"
            mapping["StateTransitionReason"] = "USER_INITIATED"
            self._settle(mapping, {"_delete": True})
            answer = {k: v for k, v in mapping.items() if not k.startswith("_")}
        return 202, answer

    # --- kafka ----------------------------------------------------------------------------------
    def _lookup(self, table, arn, what):
        with STATE.lock:
            value = getattr(STATE, table).get(arn)
        if value is None:
            return 404, ("NotFoundException", f"{what} {arn} does not exist")
        return 200, value

    def _kafka_DescribeClusterV2(self, params):
        status, value = self._lookup("clusters", params["ClusterArn"], "cluster")
        return (status, {"ClusterInfo": value}) if status == 200 else (status, value)

    def _kafka_DescribeCluster(self, params):
        return self._kafka_DescribeClusterV2(params)

    def _kafka_GetBootstrapBrokers(self, params):
        return self._lookup("bootstrap", params["ClusterArn"], "cluster")

    def _kafka_ListScramSecrets(self, params):
        status, value = self._lookup("scram", params["ClusterArn"], "cluster")
        if status != 200:
            return status, value
        start = int(params.get("NextToken") or 0)
        page = value[start:start + 2]  # small pages, so that pagination is exercised
        result = {"SecretArnList": page}
        if start + 2 < len(value):
            result["NextToken"] = str(start + 2)
        return 200, result

    def _kafka_DescribeVpcConnection(self, params):
        return self._lookup("vpc_connections", params["Arn"], "VPC connection")

    def _kafka_DescribeTopic(self, params):
        # MSK answers the topic APIs for provisioned clusters only; seed "topicErrors" {clusterArn: [status, code,
        # message]} for a cluster whose topics cannot be described (a denial, an older Kafka version).
        cluster = params["ClusterArn"]
        with STATE.lock:
            error = STATE.topic_errors.get(cluster)
            known = cluster in STATE.clusters
            topic = STATE.topics.get(cluster, {}).get(params["TopicName"])
        if error:
            return error[0], (error[1], error[2])
        if not known:
            return 404, ("NotFoundException", f"cluster {cluster} does not exist")
        if topic is None:
            return 404, ("NotFoundException", f"topic {params['TopicName']} does not exist")
        return 200, topic


def main():
    # A parent may leave SIGTERM ignored (SIG_IGN survives exec): restore the default so that terminate() works.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = BedHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
