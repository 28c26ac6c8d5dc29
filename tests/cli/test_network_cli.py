"""``filiere network``: rank, disrupt and communities on real files, and clean errors on broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from filiere.analyse.disruption import disrupt
from filiere.analyse.netfile import read_network
from filiere.cli.network import network

NETWORKS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "networks"
CAVIAR = str(NETWORKS / "ucinet_covert" / "morselli_caviar.csv")
MEETINGS = str(NETWORKS / "montagna" / "Montagna_meetings_edgelist.csv")


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("FILIERE_LANG", "en")
    return CliRunner()


@pytest.mark.parametrize("measure", ["degree", "betweenness"])
def test_rank_json_caviar(runner: CliRunner, measure: str) -> None:
    result = runner.invoke(network, ["rank", CAVIAR, "--by", measure, "--top", "5", "--json", "--directed"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 5 and rows[0]["node"] == "1"
    assert rows[0]["score"] > rows[1]["score"]
    assert rows[0]["measure"] == measure and rows[0]["directed"] is True and rows[0]["normalized"] is True
    assert rows[0]["ties"] == "score, then label"


def test_rank_text_says_what_the_scores_are(runner: CliRunner) -> None:
    result = runner.invoke(network, ["rank", CAVIAR, "--by", "pagerank", "--weights", "strength", "--top", "3"])
    assert result.exit_code == 0, result.output
    header = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert "110 nodes" in header[0] and "undirected" in header[0]
    assert any("pagerank" in line and "weights strength" in line and "ties" in line for line in header)
    rows = [line.split() for line in result.stdout.splitlines() if not line.startswith("#")]
    assert [row[0] for row in rows] == ["1", "2", "3"] and rows[0][2] == "1"


def test_rank_sampled_betweenness_is_reported(runner: CliRunner) -> None:
    args = ["rank", CAVIAR, "--by", "betweenness", "--sample", "50", "--seed", "2", "--json", "--top", "1"]
    rows = json.loads(runner.invoke(network, args).stdout)
    assert rows[0]["sample"] == 50 and rows[0]["node"] == "1"


def test_disrupt_json_matches_the_library(runner: CliRunner) -> None:
    args = ["disrupt", MEETINGS, "--strategy", "betweenness", "--mode", "sequential", "--steps", "6", "--json"]
    result = runner.invoke(network, args)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    expected = disrupt(read_network(MEETINGS).graph, steps=6)
    assert record["lcc_fraction"] == list(expected.lcc_fraction)
    assert len(record["lcc_fraction"]) == 7 and record["lcc_fraction"][0] == 1.0
    assert [row["node"] for row in record["removed"]] == [r.node for r in expected.removals]


def test_disrupt_block_text(runner: CliRunner) -> None:
    args = ["disrupt", MEETINGS, "--strategy", "degree", "--mode", "block", "--steps", "3", "--recompute-every", "2"]
    result = runner.invoke(network, args)
    assert result.exit_code == 0, result.output
    assert "every 2 removals" in result.stdout
    table = [line.split() for line in result.stdout.splitlines() if line[:4].strip().isdigit()]
    assert [row[0] for row in table] == ["0", "1", "2", "3"]
    assert table[0][1] == "92"


def test_disrupt_reproduces_the_published_start(runner: CliRunner) -> None:
    args = ["disrupt", MEETINGS, "--steps", "4", "--json", "--duplicates", "last", "--ties", "last-in-file"]
    fractions = json.loads(runner.invoke(network, args).stdout)["lcc_fraction"]
    assert [round(value, 3) for value in fractions] == [1.0, 0.957, 0.739, 0.717, 0.5]


def test_communities_json(runner: CliRunner) -> None:
    result = runner.invoke(network, ["communities", CAVIAR, "--seed", "1", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert sum(group["size"] for group in found["communities"]) == 110
    assert found["method"] == "louvain" and found["seed"] == 1 and found["modularity"] > 0.3


def test_two_mode_projection(runner: CliRunner) -> None:
    path = str(NETWORKS / "ucinet_covert" / "NDRANGHETAMAFIA_2M.csv")
    result = runner.invoke(network, ["rank", path, "--two-mode", "--top", "1"])
    assert result.exit_code == 0, result.output
    assert "156 nodes" in result.stdout and "two-mode" in result.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty file"),
        (b",A,B\nA,0,1\nB,1\n", "line 3"),
        (b"Alpha,Bravo,1\nBravo,Charlie,x\n", "line 2"),
        (b"\x00\x01\x02\x03binary\xff\xfe" * 40, "not a text file"),
    ],
)
def test_broken_files_give_a_message_not_a_traceback(
    runner: CliRunner, tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    result = runner.invoke(network, ["rank", str(path)])
    assert result.exit_code == 4
    assert needle in result.stderr and str(path) in result.stderr
    assert isinstance(result.exception, SystemExit)  # our exit, not an exception escaping
    assert "Traceback" not in result.output


def test_usage_errors(runner: CliRunner) -> None:
    result = runner.invoke(network, ["rank", MEETINGS, "--by", "in-degree"])
    assert result.exit_code == 64 and "--directed" in result.stderr
    result = runner.invoke(network, ["disrupt", MEETINGS, "--steps", "2", "--recompute-every", "2"])
    assert result.exit_code == 64
    missing = runner.invoke(network, ["rank", "/nonexistent/calls.csv"])
    assert missing.exit_code == 3 and "calls.csv" in missing.stderr


def test_french_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILIERE_LANG", "fr")
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    result = CliRunner().invoke(network, ["rank", str(path)])
    assert result.exit_code == 4 and "fichier vide" in result.stderr


def test_text_output_escapes_disguised_labels(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("Zoé,facture\u202egnp.exe\nZoé,Hervé\n", encoding="utf-8")
    result = runner.invoke(network, ["rank", str(path)])
    assert result.exit_code == 0, result.output
    assert "facture\\u202egnp.exe" in result.stdout and "\u202e" not in result.stdout
    rows = json.loads(runner.invoke(network, ["rank", str(path), "--json"]).stdout)
    assert {row["node"] for row in rows} == {"Zoé", "facture\u202egnp.exe", "Hervé"}  # JSON keeps the label
