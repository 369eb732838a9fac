#!/usr/bin/env python3
"""Drives `msk-esm mcp` with the official Python MCP client (the `mcp` package on PYTHONPATH: 1.x or 2.x).

Reads a plan from stdin: {"command", "args", "env", "steps": [{"op": "list_tools"} | {"op": "call", "name",
"arguments"} | {"op": "list_resources"} | {"op": "read_resource", "uri"}]}; prints one JSON document with the
client's version, the negotiated protocol version, whether it probed server/discover first (2.x), and each step's
result. The server's stderr goes to this process's stderr.
"""
import asyncio
import importlib.metadata
import json
import sys

import mcp
from mcp import StdioServerParameters

VERSION = importlib.metadata.version("mcp")
MAJOR = int(VERSION.split(".")[0])


def dump(model):
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def tool_result(result):
    # Field names by their wire (camelCase) aliases: 1.x names the attributes so, 2.x in snake_case.
    document = dump(result)
    return {
        "isError": bool(document.get("isError")),
        "structuredContent": document.get("structuredContent"),
        "text": [item["text"] for item in document.get("content", []) if item.get("type") == "text"],
    }


async def run_steps(session, steps):
    results = []
    for step in steps:
        op = step["op"]
        if op == "list_tools":
            results.append([dump(tool) for tool in (await session.list_tools()).tools])
        elif op == "call":
            results.append(tool_result(await session.call_tool(step["name"], step.get("arguments") or {})))
        elif op == "list_resources":
            results.append([dump(resource) for resource in (await session.list_resources()).resources])
        elif op == "read_resource":
            contents = (await session.read_resource(step["uri"])).contents
            results.append([dump(content) for content in contents])
        else:
            raise SystemExit(f"unknown op {op}")
    return results


async def main():
    plan = json.load(sys.stdin)
    parameters = StdioServerParameters(command=plan["command"], args=plan["args"], env=plan["env"])
    report = {"client": VERSION}
    if MAJOR >= 2:
        # 2.x probes server/discover first and falls back to initialize on a server that does not know it.
        from mcp.client import session as client_session
        probes = []
        original = client_session.ClientSession.send_discover

        async def spy(self, version):
            probes.append(version)
            return await original(self, version)

        client_session.ClientSession.send_discover = spy
        async with mcp.Client(parameters) as client:
            report["protocolVersion"] = client.protocol_version
            report["serverName"] = client.server_info.name if client.server_info else None
            report["results"] = await run_steps(client, plan["steps"])
        report["discoverProbes"] = probes
    else:
        from mcp.client.stdio import stdio_client
        async with stdio_client(parameters) as (read, write):
            async with mcp.ClientSession(read, write) as session:
                initialized = await session.initialize()
                report["protocolVersion"] = initialized.protocolVersion
                report["serverName"] = initialized.serverInfo.name
                report["results"] = await run_steps(session, plan["steps"])
    json.dump(report, sys.stdout)


asyncio.run(main())
