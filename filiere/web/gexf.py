"""The network as GEXF 1.2 for Gephi, hostile labels included: XML-escaped, control characters dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

# XML 1.0 forbids these code points even escaped; a label carrying one would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(value: Any) -> Any:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def write(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> str:
    """Nodes ``{id, label, kind, role, community, score}`` and edges ``{source, target, kind, count}``."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        attributes = {
            key: _clean(node.get(key))
            for key in ("label", "kind", "role", "community", "score", "messages", "calls")
            if node.get(key) is not None
        }
        graph.add_node(str(node["id"]), **attributes)
    for edge in edges:
        graph.add_edge(
            str(edge["source"]), str(edge["target"]), key=str(edge["kind"]),
            kind=_clean(str(edge["kind"])), weight=float(edge.get("count") or 1),
            duration_s=int(edge.get("duration_s") or 0),
        )  # fmt: skip
    return "\n".join(nx.generate_gexf(graph, encoding="utf-8", version="1.2draft")) + "\n"
