"""Louvain communities: known answers on published networks, and determinism."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

from filiere.analyse.communities import louvain
from filiere.analyse.netfile import read_network

NETWORKS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "networks"


def test_karate_club_modularity_is_near_the_known_optimum() -> None:
    # The best partition of Zachary's karate club has modularity 0.4198 (Brandes et al. 2008).
    found = louvain(nx.karate_club_graph(), seed=1)
    assert 0.40 <= found.modularity <= 0.4198 + 1e-4
    assert sum(len(group.members) for group in found.groups) == 34
    # Each community lies almost entirely within one of the two factions the club split into.
    faction = nx.get_node_attributes(nx.karate_club_graph(), "club")
    for group in found.groups:
        sides = [faction[member] for member in group.members]
        assert max(sides.count("Mr. Hi"), sides.count("Officer")) >= len(sides) - 1


def test_two_circles_and_a_bridge() -> None:
    graph = nx.Graph()
    graph.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4"]).edges())
    graph.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4", "b5"]).edges())
    graph.add_edge("a1", "b1")
    graph.add_node("loner")
    found = louvain(graph)
    assert [group.members for group in found.groups] == [
        ("b1", "b2", "b3", "b4", "b5"),
        ("a1", "a2", "a3", "a4"),
        ("loner",),
    ]
    assert found.membership()["a3"] == 2
    assert found.to_json()["communities"][0] == {"number": 1, "size": 5, "members": ["b1", "b2", "b3", "b4", "b5"]}


def test_same_seed_same_groups_whatever_the_file_order() -> None:
    network = read_network(NETWORKS / "ucinet_covert" / "morselli_caviar.csv").graph
    edges = list(network.edges(data=True))
    random.Random(5).shuffle(edges)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(random.Random(6).sample(list(network), network.number_of_nodes()))
    shuffled.add_edges_from(edges)
    first, second = louvain(network, seed=3), louvain(shuffled, seed=3)
    assert first.groups == second.groups
    assert first.modularity == pytest.approx(second.modularity)
    assert first.modularity > 0.3


def test_weights_count_as_strength() -> None:
    # A square where one pair of opposite sides carries many calls: weights decide the split.
    graph = nx.Graph()
    graph.add_weighted_edges_from([("A", "B", 50), ("C", "D", 50), ("B", "C", 1), ("D", "A", 1)])
    found = louvain(graph, weighted=True)
    assert {group.members for group in found.groups} == {("A", "B"), ("C", "D")}
    assert found.weighted and found.to_json()["weighted"] is True


def test_directed_network() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    found = louvain(graph)
    assert found.directed
    assert {group.members for group in found.groups} == {("a", "b", "c"), ("x", "y", "z")}
