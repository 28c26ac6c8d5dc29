"""Write a networkx graph as GEXF or GraphML for Gephi, yEd or i2, whatever the labels contain.

Labels come from seized evidence: control bytes, lone surrogates and bidirectional overrides are
written as visible escapes (``\\x1b``, ``\\u202e``) so the file stays well-formed and nothing on
screen is silently reordered; XML markup characters are escaped by the XML writer.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

__all__ = ["prepare", "safe_text", "write_gexf", "write_graphml"]

# Characters XML 1.0 forbids, and the bidirectional controls that can disguise a label on screen.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_SCALARS = (bool, int, float, str)


def safe_text(value: str) -> str:
    """``value`` with unsafe characters as visible escapes and line ends as ``\\n``.

    >>> safe_text("Zoé\\x1b[31m")
    'Zoé\\\\x1b[31m'
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def prepare(graph: Any) -> Any:
    """A copy ready for XML writers: ids ``n0, n1, ...``, the original node as ``label``.

    Attribute values that are not numbers, booleans or text become text; ``None`` is dropped;
    an attribute whose type varies from node to node is written as text everywhere, so that
    readers which trust the declared type do not fail.
    """
    out: Any = nx.DiGraph() if graph.is_directed() else nx.Graph()
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    node_attrs = _uniform([{**data, "label": data.get("label", node)} for node, data in graph.nodes(data=True)])
    for node, attrs in zip(graph, node_attrs, strict=True):
        out.add_node(ids[node], **attrs)
    edges = list(graph.edges(data=True))
    edge_attrs = _uniform([data for _, _, data in edges])
    for (u, v, _), attrs in zip(edges, edge_attrs, strict=True):
        out.add_edge(ids[u], ids[v], **attrs)
    return out


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned = [{safe_text(str(key)): _scalar(value) for key, value in row.items() if value is not None} for row in rows]
    kinds: dict[str, set[type]] = {}
    for row in cleaned:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(type(value))
    mixed = {key for key, types in kinds.items() if len(types) > 1 and not types <= {int, float}}
    widened = {key for key, types in kinds.items() if types == {int, float}}
    for row in cleaned:
        for key in mixed & row.keys():
            row[key] = safe_text(str(row[key]))
        for key in widened & row.keys():
            row[key] = float(row[key])
    return cleaned


def _scalar(value: Any) -> bool | int | float | str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, _SCALARS) and not isinstance(value, str):
        return value
    return safe_text(str(value))


def write_gexf(graph: Any, target: str | Path | BinaryIO) -> None:
    """Write GEXF 1.2 (UTF-8), Gephi's own format."""
    nx.write_gexf(prepare(graph), target, encoding="utf-8", prettyprint=True, version="1.2draft")


def write_graphml(graph: Any, target: str | Path | BinaryIO) -> None:
    """Write GraphML (UTF-8), read by Gephi, yEd, Cytoscape and i2 converters."""
    nx.write_graphml(prepare(graph), target, encoding="utf-8", prettyprint=True)
