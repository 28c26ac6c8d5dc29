"""Reading network files: the published covert networks, the options, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from filiere.analyse.netfile import ReadOptions, project_rows, read_network
from filiere.errors import EvidenceError, FormatError

NETWORKS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "networks"
MATRICES = sorted(
    path
    for pattern in ("ucinet_covert/*.csv", "corenets/*/*.csv", "caviar/phases/*.csv")
    for path in NETWORKS.glob(pattern)
)
ATTRIBUTE_TABLES = [path for path in MATRICES if path.stem.endswith("_ATTR") or path.stem == "DRUGATTR"]
NETWORK_MATRICES = [path for path in MATRICES if path not in ATTRIBUTE_TABLES]

# Node count, directed arcs (non-zero off-diagonal cells), undirected ties, as stated in the
# PROVENANCE.md files next to the data (and, for CAVIAR and the Spanish cases, in the publications).
STATED = {
    "morselli_caviar.csv": (110, 295, 205),
    "morselli_cielnet.csv": (25, 45, 35),
    "CIELNET.csv": (25, 45, 35),
    "natajaran_cocaine.csv": (28, 40, 40),
    "natajaran_heroin.csv": (38, 168, 87),
    "morselli_siren.csv": (44, 206, 103),
    "SIREN.csv": (44, 206, 103),
    "morselli_togo.csv": (33, 94, 47),
    "berlusconietal_oversize.csv": (89, 292, 146),
    "luciaetal_montagna.csv": (40, 72, 51),
    "macdonald_tfc.csv": (112, 722, 361),
    "COCAINE_ACERO.csv": (25, 70, 37),
    "COCAINE_JAKE.csv": (38, 68, 50),
    "COCAINE_JUANES.csv": (51, 171, 93),
    "COCAINE_MAMBO.csv": (31, 110, 58),
    "DRUGNET.csv": (293, 337, 284),
    "phase1.csv": (15, 26, 18),
    "phase2.csv": (24, 35, 28),
    "phase3.csv": (33, 68, 56),
    "phase4.csv": (33, 65, 48),
    "phase5.csv": (32, 50, 39),
    "phase6.csv": (27, 68, 47),
    "phase7.csv": (36, 63, 49),
    "phase8.csv": (42, 75, 58),
    "phase9.csv": (34, 60, 44),
    "phase10.csv": (42, 68, 50),
    "phase11.csv": (41, 72, 50),
}
STATED_NODES = {"ITALIAN_GANGS.csv": 67, "LONDON_GANG.csv": 54, "MONTREALGANG.csv": 35}
STATED_UNDIRECTED = {"ITALIAN_GANGS.csv": 114, "LONDON_GANG.csv": 315, "MONTREALGANG.csv": 78}


def test_the_glob_finds_the_published_files() -> None:
    if not NETWORKS.is_dir():
        pytest.skip(f"shared data not found at {NETWORKS}")
    names = {path.name for path in NETWORK_MATRICES}
    assert set(STATED) | set(STATED_NODES) <= names
    assert len(ATTRIBUTE_TABLES) == 3


@pytest.mark.parametrize("path", NETWORK_MATRICES, ids=lambda p: p.name)
def test_every_published_matrix_parses_to_a_graph(path: Path) -> None:
    two_mode = path.stem.endswith("_2M")
    undirected = read_network(path, ReadOptions(two_mode=two_mode))
    assert undirected.kind == "matrix"
    assert undirected.graph.number_of_nodes() > 0 and undirected.graph.number_of_edges() > 0
    if path.name in STATED:
        nodes, arcs, ties = STATED[path.name]
        directed = read_network(path, ReadOptions(directed=True))
        assert directed.graph.number_of_nodes() == nodes == undirected.graph.number_of_nodes()
        assert directed.graph.number_of_edges() == arcs
        assert undirected.graph.number_of_edges() == ties
    if path.name in STATED_NODES:
        assert undirected.graph.number_of_nodes() == STATED_NODES[path.name]
        assert undirected.graph.number_of_edges() == STATED_UNDIRECTED[path.name]


@pytest.mark.parametrize("path", ATTRIBUTE_TABLES, ids=lambda p: p.name)
def test_attribute_tables_are_refused_as_networks(path: Path) -> None:
    with pytest.raises(FormatError) as caught:
        read_network(path)
    assert path.name in str(caught.value) and "line 2" in str(caught.value)
    assert "--two-mode" in str(caught.value)


def test_ndrangheta_summits_two_mode() -> None:
    path = NETWORKS / "ucinet_covert" / "NDRANGHETAMAFIA_2M.csv"
    with pytest.raises(FormatError):
        read_network(path)
    network = read_network(path, ReadOptions(two_mode=True))
    modes = [mode for _, mode in network.graph.nodes(data="mode")]
    assert (modes.count("row"), modes.count("column")) == (156, 47)
    assert network.graph.number_of_edges() == 455
    persons = project_rows(network)
    assert persons.number_of_nodes() == 156
    # Two persons at the same summit are tied; the weight counts the summits they shared.
    summit = next(node for node, mode in network.graph.nodes(data="mode") if mode == "column")
    guests = sorted(network.graph[summit])
    assert persons[guests[0]][guests[1]]["weight"] >= 1


def test_caviar_labels_are_kept_as_written_and_the_principal_is_there() -> None:
    network = read_network(NETWORKS / "ucinet_covert" / "morselli_caviar.csv", ReadOptions(directed=True))
    assert list(network.graph)[:4] == ["1", "2", "83", "3"]
    assert network.weighted
    assert sum(w for _, _, w in network.graph.edges(data="weight")) == 3546


def test_montagna_edge_lists() -> None:
    meetings = read_network(NETWORKS / "montagna" / "Montagna_meetings_edgelist.csv")
    calls = read_network(NETWORKS / "montagna" / "Montagna_phonecalls_edgelist.csv")
    assert (meetings.graph.number_of_nodes(), meetings.graph.number_of_edges()) == (101, 256)
    assert (calls.graph.number_of_nodes(), calls.graph.number_of_edges()) == (100, 124)
    arcs = read_network(NETWORKS / "montagna" / "Montagna_phonecalls_edgelist.csv", ReadOptions(directed=True))
    assert arcs.graph.number_of_edges() == 150
    # 18 -> 19 five calls, 19 -> 18 six calls: a tie of 11 calls, or the last row's 6.
    assert calls.graph["18"]["19"]["weight"] == 11
    last = read_network(NETWORKS / "montagna" / "Montagna_phonecalls_edgelist.csv", ReadOptions(duplicates="last"))
    assert last.graph["18"]["19"]["weight"] == 6
    assert any("26" in note for note in calls.notes)


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "net.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_edge_list_with_header_weights_and_comments(tmp_path: Path) -> None:
    path = write(
        tmp_path, "# export\nsource,target,weight\nAlpha,Bravo,3\nBravo,Alpha,2\nAlpha,Alpha,9\n\nCharlie,Bravo,1\n"
    )
    network = read_network(path)
    assert list(network.graph) == ["Alpha", "Bravo", "Charlie"]
    assert network.graph["Alpha"]["Bravo"]["weight"] == 5
    assert network.graph.number_of_edges() == 2
    assert any("line 2" in note or "ligne 2" in note for note in network.notes)
    assert any("1 " in note and ("loop" in note or "boucle" in note) for note in network.notes)


def test_header_is_guessed_or_forced(tmp_path: Path) -> None:
    path = write(tmp_path, "Alpha,Bravo\nBravo,Charlie\n")
    assert read_network(path).graph.number_of_nodes() == 3
    assert read_network(path, ReadOptions(header=True)).graph.number_of_nodes() == 2
    caller = write(tmp_path, "appelant;appelé\n0639981201;0639981202\n", name="calls.csv")
    assert list(read_network(caller).graph) == ["0639981201", "0639981202"]


def test_semicolon_file_with_decimal_commas_and_whitespace_file(tmp_path: Path) -> None:
    network = read_network(write(tmp_path, "Alpha;Bravo;1,5\nBravo;Charlie;2\n"))
    assert network.graph["Alpha"]["Bravo"]["weight"] == 1.5
    spaced = read_network(write(tmp_path, "Alpha  Bravo 2\nBravo\tCharlie 1\n", name="spaced.txt"))
    assert list(spaced.graph) == ["Alpha", "Bravo", "Charlie"]
    assert spaced.graph["Alpha"]["Bravo"]["weight"] == 2


def test_directed_edge_list_keeps_arcs(tmp_path: Path) -> None:
    path = write(tmp_path, "Alpha,Bravo,4\nBravo,Alpha,1\nAlpha,Bravo,2\n")
    arcs = read_network(path, ReadOptions(directed=True))
    assert arcs.directed
    assert arcs.graph["Alpha"]["Bravo"]["weight"] == 6
    assert arcs.graph["Bravo"]["Alpha"]["weight"] == 1
    assert read_network(path, ReadOptions(directed=True, duplicates="max")).graph["Alpha"]["Bravo"]["weight"] == 4


def test_asymmetric_matrix_read_as_undirected_sums_both_cells(tmp_path: Path) -> None:
    path = write(tmp_path, ",A,B,C\nA,0,3,0\nB,1,0,0\nC,0,2,0\n")
    network = read_network(path)
    assert network.kind == "matrix"
    assert network.graph["A"]["B"]["weight"] == 4
    assert network.graph["B"]["C"]["weight"] == 2
    symmetric = read_network(write(tmp_path, ",A,B\nA,0,2\nB,2,0\n", name="sym.csv"))
    assert symmetric.graph["A"]["B"]["weight"] == 2


def test_matrix_rows_may_come_in_another_order(tmp_path: Path) -> None:
    network = read_network(write(tmp_path, '"",A,B,C\nC,0,1,0\nA,0,0,1\nB,1,0,0\n'), ReadOptions(directed=True))
    assert sorted(network.graph.edges()) == [("A", "C"), ("B", "A"), ("C", "B")]


def test_utf16_and_cp1252_files_are_read(tmp_path: Path) -> None:
    text = "source,target\nZoé,Hervé\nHervé,Anaïs\n"
    utf16 = read_network(write(tmp_path, "\ufeff" + text, "utf-16-le", "u16.csv"))
    latin = read_network(write(tmp_path, text, "cp1252", "latin.csv"))
    assert list(utf16.graph) == list(latin.graph) == ["Zoé", "Hervé", "Anaïs"]


BROKEN = {
    "empty": (b"", None),
    "blank": (b"\n\n  \n", None),
    "ragged matrix": (b",A,B,C\nA,0,1,0\nB,1,0\nC,0,0,0\n", "line 3"),
    "non-numeric weight": (b"Alpha,Bravo,2\nBravo,Charlie,beaucoup\n", "line 2"),
    "negative weight": (b"Alpha,Bravo,-2\n", "line 1"),
    "labels differ": (b",A,B\nA,0,1\nX,1,0\n", "line 3"),
    "missing row": (b",A,B,C\nA,0,1,0\nB,1,0,0\n", "line 1"),
    "repeated column": (b",A,A\nA,0,1\nB,1,0\n", "line 1"),
    "one column": (b"Alpha,Bravo\nCharlie\n", "line 2"),
    "binary junk": (bytes(range(256)) * 8, "line 1"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "line 1"),
    "bad utf-8 late": (b"Alpha,Bravo\n" * 6000 + b"Caf\xe9,Bravo\n", "line 6001"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_files_name_the_file_and_line(tmp_path: Path, case: str) -> None:
    content, locator = BROKEN[case]
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(FormatError) as caught:
        read_network(path)
    message = str(caught.value)
    assert str(path) in message
    if locator:
        assert locator in message


def test_wrong_encoding_given_explicitly(tmp_path: Path) -> None:
    path = write(tmp_path, "Zoé,Hervé\n", "cp1252")
    with pytest.raises(FormatError, match="line 1"):
        read_network(path, ReadOptions(encoding="utf-8"))


def test_missing_file() -> None:
    with pytest.raises(EvidenceError, match=r"nowhere\.csv"):
        read_network("/nonexistent/nowhere.csv")


def test_two_mode_label_on_both_sides(tmp_path: Path) -> None:
    path = write(tmp_path, ",E1,E2,A\nA,1,0,1\nB,0,1,1\n")
    with pytest.raises(FormatError, match="line 2"):
        read_network(path, ReadOptions(two_mode=True))
