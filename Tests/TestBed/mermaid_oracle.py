#!/usr/bin/env python3
"""Renders every ```mermaid block of the Markdown document on standard input with Mermaid itself (mermaid.js
11.16.0 as the PyPI package mermaidx ships it, run in QuickJS: no browser, no network) and prints one JSON
line per block: {"ok": true, "nodes": [{"id", "classes", "text"}], "clusters": [ids], "edges": [{"label",
"thick"}]} as the rendered SVG has them, or {"ok": false, "error": "..."} when Mermaid's parser rejects it.

msk-esm's tests read this to check that its diagrams are valid Mermaid, which nodes and edges GitHub would
draw, and that escaped labels come out as the data they stand for (the SVG's text, entities decoded).
"""
import json
import re
import sys
import xml.etree.ElementTree as ElementTree

import mermaidx

document = sys.stdin.read()
blocks = re.findall(r"^(`{3,})mermaid\n(.*?)\n\1$", document, re.S | re.M)


def text_of(element):
    return " ".join(" ".join(part.split()) for part in element.itertext() if part.strip())


for _, source in blocks:
    try:
        svg = mermaidx.render(source).svg()
    except Exception as error:  # Mermaid's parse and render errors
        print(json.dumps({"ok": False, "error": " ".join(str(error).split())[:300]}))
        continue
    root = ElementTree.fromstring(svg)
    nodes, clusters, edges, labels = [], [], [], []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        classes = (element.get("class") or "").split()
        if tag == "g" and "node" in classes:
            # Mermaid names a node's group flowchart-<id>-<n>.
            match = re.match(r"^(?:.*-)?flowchart-(.+)-\d+$", element.get("id") or "")
            labels_here = [text_of(span) for span in element.iter() if "nodeLabel" in (span.get("class") or "")]
            nodes.append(
                {
                    "id": match.group(1) if match else element.get("id"),
                    "classes": [name for name in classes if name not in ("node", "default")],
                    "text": " ".join(labels_here),
                }
            )
        elif tag == "g" and "cluster" in classes:
            clusters.append(element.get("id") or element.get("data-id") or "")
        elif tag == "path" and "flowchart-link" in classes:
            edges.append({"thick": "edge-thickness-thick" in classes})
        elif tag == "span" and "edgeLabel" in classes:
            labels.append(text_of(element))
    for edge, label in zip(edges, labels):
        edge["label"] = label
    print(json.dumps({"ok": True, "nodes": nodes, "clusters": clusters, "edges": edges}))
