"""Key-player measures: agreement with networkx, the published CAVIAR facts, ties and explanations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from filiere.analyse.centrality import (
    MEASURES,
    betweenness,
    collective_influence,
    constraint,
    effective_size,
    label_key,
    order_nodes,
    pagerank,
    rank,
)
from filiere.analyse.netfile import ReadOptions, read_network
from filiere.errors import UsageError

NETWORKS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "networks"


def _disconnected() -> Any:
    graph = nx.les_miserables_graph()
    graph.add_edges_from([("x1", "x2"), ("x2", "x3"), ("x3", "x4"), ("x2", "x5")])
    graph.add_node("alone")
    return graph


GRAPHS = {
    "karate": nx.karate_club_graph,
    "disconnected": _disconnected,
    "directed": lambda: nx.gnp_random_graph(120, 0.04, seed=3, directed=True),
    "sparse tree": lambda: nx.random_labeled_tree(60, seed=2),
}


@pytest.mark.parametrize("name", list(GRAPHS))
@pytest.mark.parametrize("sample", [None, 7])
def test_unweighted_betweenness_matches_networkx(name: str, sample: int | None) -> None:
    graph = GRAPHS[name]()
    ours = betweenness(graph, sample=sample, seed=11)
    reference = nx.betweenness_centrality(graph, k=sample, seed=11)
    assert ours.keys() == reference.keys()
    assert all(ours[node] == pytest.approx(reference[node], abs=1e-12) for node in graph)


def test_multigraph_parallel_ties_count_once() -> None:
    graph = nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "d"), ("a", "c"), ("c", "d")])  # two routes a-d
    reference = nx.betweenness_centrality(nx.Graph(graph))
    assert betweenness(graph) == pytest.approx(reference)


def test_betweenness_weights_as_strength_or_distance() -> None:
    # Two routes from A to C: through B over strong ties (10 calls each), through D over weak ones.
    graph = nx.Graph()
    graph.add_weighted_edges_from([("A", "B", 10), ("B", "C", 10), ("A", "D", 1), ("D", "C", 1)])
    plain = betweenness(graph)
    assert plain["B"] == plain["D"] > 0
    strength = betweenness(graph, "strength")
    assert strength["B"] > 0 and strength["D"] == 0
    distance = betweenness(graph, "distance")
    assert distance["D"] > 0 and distance["B"] == 0


def test_sample_must_be_meaningful() -> None:
    with pytest.raises(UsageError):
        betweenness(nx.path_graph(5), sample=1)
    with pytest.raises(UsageError):
        rank(nx.path_graph(5), "degree", sample=3)


def caviar(directed: bool) -> Any:
    path = NETWORKS / "ucinet_covert" / "morselli_caviar.csv"
    return read_network(path, ReadOptions(directed=directed)).graph


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("measure", ["degree", "betweenness"])
def test_caviar_principal_n1_ranks_first(directed: bool, measure: str) -> None:
    ranking = rank(caviar(directed), measure)
    assert ranking.items[0].node == "1"
    assert ranking.items[0].rank == 1 and ranking.items[1].rank == 2


def test_caviar_undirected_figures() -> None:
    graph = caviar(False)
    assert graph.degree("1") == 60
    ranking = rank(graph, "betweenness", top=5)
    assert [item.node for item in ranking.items] == ["1", "12", "87", "76", "3"]
    assert ranking.items[0].score == pytest.approx(0.6375, abs=5e-5)
    assert ranking.items[1].score == pytest.approx(0.2921, abs=5e-5)
    top_degree = [item.node for item in rank(graph, "degree", top=3).items]
    assert top_degree == ["1", "12", "3"]


def test_ties_by_label_or_by_file_order() -> None:
    graph = nx.Graph([("hub", "N10"), ("hub", "N2"), ("hub", "N1"), ("N1", "x")])
    by_label = rank(graph, "degree")
    assert [item.node for item in by_label.items] == ["hub", "N1", "N2", "N10", "x"]
    assert [item.rank for item in by_label.items] == [1, 2, 3, 3, 3]
    by_file = rank(graph, "degree", ties="last-in-file")
    assert [item.node for item in by_file.items] == ["hub", "N1", "x", "N2", "N10"]


def test_float_noise_does_not_break_ties() -> None:
    scores = {"b": 0.1 + 0.2, "a": 0.3, "c": 0.5}
    assert order_nodes(["a", "b", "c"], scores) == ["c", "a", "b"]


def test_label_order_is_natural() -> None:
    assert sorted(["N10", "n2", "N1", "10", "9", "b", "A"], key=label_key) == ["9", "10", "A", "b", "N1", "n2", "N10"]


def test_pagerank_is_a_distribution_and_follows_heavy_ties() -> None:
    graph = nx.Graph()
    graph.add_weighted_edges_from([("A", "B", 50), ("A", "C", 1), ("C", "D", 1), ("B", "E", 1)])
    plain, weighted = pagerank(graph), pagerank(graph, "strength")
    assert sum(plain.values()) == pytest.approx(1.0)
    assert weighted["B"] > plain["B"]


def test_brokerage_marks_the_bridge_between_circles() -> None:
    graph = nx.Graph()
    for circle in "abc":  # three closed circles of three, each touched by the broker
        graph.add_edges_from([(f"{circle}1", f"{circle}2"), (f"{circle}2", f"{circle}3"), (f"{circle}1", f"{circle}3")])
        graph.add_edge("broker", f"{circle}1")
    graph.add_node("isolated")
    assert rank(graph, "constraint").items[0].node == "broker"
    sizes = rank(graph, "effective-size")
    assert sizes.items[0].node == "broker"
    assert sizes.items[-1].node == "isolated" and sizes.items[-1].score is None
    assert constraint(graph)["broker"] == pytest.approx(3 * (1 / 3) ** 2)
    assert effective_size(graph)["broker"] == pytest.approx(3.0)
    assert effective_size(graph)["a1"] == pytest.approx(3 - 2 * 1 / 3)  # a2 and a3 know each other


def test_collective_influence_by_hand() -> None:
    # h is tied to x, y, z; each of them has two leaves of its own.
    graph = nx.Graph([("h", hub) for hub in "xyz"])
    graph.add_edges_from((hub, f"{hub}{i}") for hub in "xyz" for i in (1, 2))
    ci2 = collective_influence(graph)
    assert ci2["h"] == 0  # everything two steps away is a leaf
    assert ci2["x"] == (3 - 1) * ((3 - 1) + (3 - 1))
    assert ci2["x1"] == 0
    ci1 = collective_influence(graph, radius=1)
    assert ci1["h"] == (3 - 1) * 3 * (3 - 1)
    assert ci1["x"] == (3 - 1) * (3 - 1)


def test_direction_measures_need_a_directed_graph() -> None:
    with pytest.raises(UsageError, match=r"directed|orienté"):
        rank(nx.path_graph(3), "in-degree")
    arcs = nx.DiGraph([("a", "b"), ("c", "b"), ("b", "d")])
    assert rank(arcs, "in-degree").items[0].node == "b"
    assert rank(arcs, "out-degree", weighting="strength").items[0].score == 1.0


def test_unknown_measure_and_meaningless_weights() -> None:
    with pytest.raises(UsageError):
        rank(nx.path_graph(3), "charisma")
    with pytest.raises(UsageError, match="distance"):
        rank(nx.path_graph(3), "pagerank", weighting="distance")


def test_json_explains_every_score() -> None:
    ranking = rank(caviar(True), "pagerank", weighting="strength", top=2)
    rows = ranking.to_json()
    assert [row["node"] for row in rows] == [item.node for item in ranking.items]
    assert rows[0].keys() >= {"node", "score", "rank", "measure", "normalized", "directed", "weights", "ties"}
    assert rows[0]["measure"] == "pagerank" and rows[0]["directed"] is True and rows[0]["weights"] == "strength"
    assert rows[0]["ties"] == "score, then label"
    assert rank(caviar(False), "degree", weighting="strength").normalized is False
    assert all(measure.explain() for measure in MEASURES.values())
