"""GEXF and GraphML writing: hostile labels stay well-formed, visible and faithful."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import networkx as nx
import pytest

from filiere.analyse.graph_export import prepare, safe_text, write_gexf, write_graphml

HOSTILE = [
    '<script>alert("x")</script>',
    'Tom & Jerry\'s "shop"',
    ']]><!DOCTYPE x [<!ENTITY e "boom">]>&e;',
    "ligne 1\nligne 2\tfin",
    "esc\x1b[31mrouge\x00nul\x07",
    "demi\ud800surrogate",
    "facture\u202egnp.exe",
    "Zoé 🚀 +33 6 39 98 12 34",
]
WRITERS: dict[str, tuple[Callable[[Any, Any], None], Callable[[Any], Any]]] = {
    "gexf": (write_gexf, nx.read_gexf),
    "graphml": (write_graphml, nx.read_graphml),
}


def hostile_graph(directed: bool = False) -> Any:
    graph: Any = nx.DiGraph() if directed else nx.Graph()
    for i, label in enumerate(HOSTILE):
        graph.add_node(label, note=label, score=i if i % 2 else float(i), missing=None, tags=["a", "b"])
    graph.add_edge(HOSTILE[0], HOSTILE[1], weight=3, kind="call")
    graph.add_edge(HOSTILE[4], HOSTILE[5], weight=2.5, kind=None)
    return graph


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("directed", [False, True])
def test_round_trip_through_a_strict_parser(fmt: str, directed: bool) -> None:
    write, read = WRITERS[fmt]
    buffer = io.BytesIO()
    write(hostile_graph(directed), buffer)
    data = buffer.getvalue()
    SafeET.fromstring(data)  # well-formed, and no entity or DTD smuggled in
    assert b"<!ENTITY" not in data and b"<!DOCTYPE" not in data
    back = read(io.BytesIO(data))
    assert back.is_directed() is directed
    labels = {data["label"] for _, data in back.nodes(data=True)}
    assert labels == {safe_text(label) for label in HOSTILE}
    assert HOSTILE[0] in labels and HOSTILE[2] in labels and HOSTILE[3] in labels  # markup kept as text
    assert back.number_of_edges() == 2


def test_unsafe_characters_become_visible_escapes() -> None:
    assert safe_text("esc\x1b[31m\x00") == "esc\\x1b[31m\\x00"
    assert safe_text("facture\u202egnp.exe") == "facture\\u202egnp.exe"
    assert safe_text("demi\ud800") == "demi\\ud800"
    assert safe_text("a\r\nb\rc") == "a\nb\nc"
    assert safe_text("Zoé 🚀") == "Zoé 🚀"


def test_prepare_makes_attributes_writable() -> None:
    prepared = prepare(hostile_graph())
    assert list(prepared)[:2] == ["n0", "n1"]
    data = prepared.nodes["n0"]
    assert "missing" not in data
    assert data["tags"] == "['a', 'b']"
    # score is an int on some nodes and a float on others: written as float everywhere.
    assert {type(d["score"]) for _, d in prepared.nodes(data=True)} == {float}
    assert prepared.edges["n0", "n1"]["weight"] == 3
    assert "kind" not in prepared.edges["n4", "n5"]


def test_mixed_types_fall_back_to_text(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("a", seen=True)
    graph.add_node("b", seen="yesterday")
    path = tmp_path / "case.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path)
    assert {data["seen"] for _, data in back.nodes(data=True)} == {"True", "yesterday"}


def test_writes_to_a_path(tmp_path: Path) -> None:
    path = tmp_path / "case.gexf"
    write_gexf(nx.path_graph(["x", "y", "z"]), path)
    assert [d["label"] for _, d in nx.read_gexf(path).nodes(data=True)] == ["x", "y", "z"]
