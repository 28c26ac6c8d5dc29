"""End to end: the fictional case added, read and analysed agrees with its truth."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from filiere.analyse.run import analyze
from filiere.case import Case
from filiere.cli import cli
from filiere.demo.case import DemoCase, build
from filiere.demo.evaluate import evaluate
from filiere.errors import CaseError
from filiere.resolve import judge
from filiere.store import actors as actor_store
from filiere.store.search import MARK_OPEN, Query, search


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoCase:
    return build(tmp_path_factory.mktemp("demo") / "d", seed=5)


@pytest.fixture
def case(demo: DemoCase) -> Iterator[Case]:
    with Case.open(demo.case_dir) as opened:
        yield opened


def truth(demo: DemoCase) -> dict[str, object]:
    return dict(json.loads((demo.evidence_dir / "truth.json").read_text(encoding="utf-8")))


def actor_with(case: Case, identifier: str) -> int:
    row = case.conn.execute("SELECT actor_id FROM actor_identifiers WHERE identifier = ?", (identifier,)).fetchone()
    assert row is not None, identifier
    return int(row[0])


def test_every_file_is_read_with_the_counts_the_truth_gives(demo: DemoCase) -> None:
    expected = {f["path"]: f for f in truth(demo)["files"]}  # type: ignore[attr-defined]
    read = {r.name: r for r in demo.files if r.status == "ingested" and r.format != "media"}
    assert all(r.status in ("ingested", "already") for r in demo.files)  # the same photo in two exports: once
    assert {r.name.rsplit(".", 1)[-1] for r in demo.files if r.format == "media"} == {"jpg"}
    assert {p for p in expected} == set(read)
    for path, f in expected.items():
        counts = read[path].counts
        if f["format"] in ("calls_xml", "cdr"):
            assert counts["call"] == f["calls"], path
        elif f["format"] == "vcard":
            assert counts["contact"] == f["contacts"], path
        else:
            assert counts["message"] == f["messages"], path
        assert read[path].skipped == 0
    assert demo.verification is not None and demo.verification.ok


def test_roles_and_merges_agree_with_the_truth(demo: DemoCase, case: Case) -> None:
    result = evaluate(case, demo.evidence_dir / "truth.json")
    for role in ("advertiser", "dispatcher", "courier", "front"):
        assert result.roles[role].precision == 1.0 and result.roles[role].recall == 1.0, role
    assert result.roles["customer"].precision == 1.0 and result.roles["customer"].recall >= 0.85
    assert result.merges.precision == 1.0 and result.merges.recall >= 0.6


def test_the_dispatchers_lines_are_one_actor_with_reasons(demo: DemoCase, case: Case) -> None:
    lines = truth(demo)["line_links"]
    old, new = lines["same_handset"][0]  # type: ignore[index]
    a, b = lines["move_together"][0]  # type: ignore[index]
    assert actor_with(case, f"phone:{old}") == actor_with(case, f"phone:{new}")
    assert actor_with(case, f"phone:{a}") == actor_with(case, f"phone:{b}")
    rules = {link["rule"] for link in actor_store.link_rows(case.conn, [f"phone:{old}", f"phone:{a}"])}
    assert {"shared_handset", "colocation"} <= rules


def test_the_reborn_channel_is_the_same_shop(demo: DemoCase, case: Case) -> None:
    channels = sorted(truth(demo)["channels"], key=lambda c: c["order"])  # type: ignore[arg-type, index]
    first, second = (f"telegram:channel:{c['telegram_id']}" for c in channels)
    assert actor_with(case, first) == actor_with(case, second)
    rows = case.conn.execute("SELECT channel, successor FROM lineage").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(first, second)]


def test_judgements_survive_re_analysis(demo: DemoCase, case: Case) -> None:
    colocation = next(link for link in actor_store.link_rows(case.conn) if link["rule"] == "colocation")
    a, b = colocation["a"], colocation["b"]
    judge.judge_link(case, "reject", colocation["id"], note="deux personnes distinctes")
    analyze(case)
    status = {(lk["a"], lk["b"], lk["rule"]): lk["status"] for lk in actor_store.link_rows(case.conn)}
    assert status[(a, b, "colocation")] == "rejected"
    assert case.custody_log()[-2].action == "judgement.reject"
    judge.judge(case, "confirm", a, b)
    analyze(case)
    assert actor_with(case, a) == actor_with(case, b)
    actor = actor_with(case, a)
    members = actor_store.identifiers_of(case.conn, actor)
    imeis = [m for m in members if m.startswith("imei:")]
    judge.split(case, actor, imeis[:1])
    analyze(case)
    assert actor_with(case, imeis[0]) != actor_with(case, a)


def test_the_case_network_exports_for_gephi_and_cytoscape(demo: DemoCase, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["network", str(demo.case_dir), "--export", "gexf", str(tmp_path / "n.gexf")])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(tmp_path / "n.gexf")
    labels = {data["label"] for _n, data in graph.nodes(data=True)}
    with Case.open(demo.case_dir) as case:
        dispatcher = next(a for a in actor_store.actor_rows(case.conn) if a["role"] == "dispatcher")
        assert case.custody_log()[-1].action == "network.export"
    assert dispatcher["label"] in labels
    assert {d["kind"] for _a, _b, d in graph.edges(data=True)} >= {"call", "message", "advertises"}
    calls_only = tmp_path / "calls.graphml"
    result = CliRunner().invoke(cli, ["network", str(demo.case_dir), "--export", "graphml", str(calls_only),
                                      "--kind", "call", "--from", "2024-02-01", "--to", "2024-02-29"])  # fmt: skip
    assert result.exit_code == 0, result.output
    month = nx.read_graphml(calls_only)
    assert 0 < month.number_of_edges() < graph.number_of_edges()
    assert {d["kind"] for _a, _b, d in month.edges(data=True)} == {"call"}


def test_search_ignores_accents_keeps_phrases_and_filters_by_label(case: Case) -> None:
    plain = search(case.conn, Query("recup"))
    accented = search(case.conn, Query("récup"))
    assert plain.total == accented.total > 0
    phrase = search(case.conn, Query('"de midi à minuit"'))
    assert phrase.total > 0 and all("midi" in h["text"].lower() for h in phrase.hits)
    assert all(MARK_OPEN in h["highlighted"] for h in phrase.hits)
    cocaine = search(case.conn, Query("", products=("cocaine",), limit=500))
    assert cocaine.total > 0
    labelled = {
        r[0] for r in case.conn.execute("SELECT message_id FROM message_labels WHERE label = 'product:cocaine'")
    }
    assert {h["id"] for h in cocaine.hits} <= labelled
    offers = search(case.conn, Query("", categories=("offer",), trade_only=True, limit=5))
    assert offers.total > 0 and all(h["drug_trade"] == 1 for h in offers.hits)
    for hostile in ('NEAR(" OR', "*", '"', "a OR b AND NOT c", "'; DROP TABLE messages; --", "\x00"):
        search(case.conn, Query(hostile))
    assert case.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] > 0


def test_a_demo_run_replaces_its_own_earlier_case_and_no_other(tmp_path: Path) -> None:
    first = build(tmp_path / "d", seed=2)
    again = build(tmp_path / "d", seed=2)
    assert again.verification is not None and again.verification.ok
    assert [f.sha256 for f in again.files] == [f.sha256 for f in first.files]
    Case.create(tmp_path / "real" / "case", title="Affaire réelle").close()
    with pytest.raises(CaseError, match="not a demo case"):
        build(tmp_path / "real", seed=2)
    with Case.open(tmp_path / "real" / "case") as kept:
        assert kept.meta()["title"] == "Affaire réelle"
