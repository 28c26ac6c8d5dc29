"""Large files are parsed in a child process: same rows as in this process, errors named the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from filiere.case import Case
from filiere.ingest import streams
from filiere.ingest.pipeline import Settings, ingest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "telegram"


def stored(case: Case) -> list[tuple[object, ...]]:
    rows = case.conn.execute(
        "SELECT locator, kind, conversation, sender, ts, text, entities, extra FROM messages ORDER BY id"
    )
    return [tuple(r) for r in rows]


def read_into(tmp: Path, source: Path, positions: list[int] | None = None) -> tuple[Case, str]:
    case = Case.create(tmp, title="t")
    added = case.store_file(source)
    report = ingest(case, added.row.sha256, Settings(), progress=None if positions is None else positions.append)
    assert report.status == "ingested", report.error
    return case, report.format or ""


def test_the_child_process_gives_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = next(FIXTURES.glob("*.json"))
    here, fmt = read_into(tmp_path / "here", source)
    monkeypatch.setattr(streams, "CHILD_FROM", 0)
    positions: list[int] = []
    child, fmt_child = read_into(tmp_path / "child", source, positions)
    assert fmt == fmt_child == "telegram_json"
    assert stored(child) == stored(here) and stored(here)
    hits = child.conn.execute("SELECT COUNT(*) FROM messages_fts").fetchone()[0]
    assert hits == len(stored(here))
    assert positions and positions[-1] == source.stat().st_size  # progress comes back from the child


def test_an_error_in_the_child_is_named_and_leaves_the_case_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = next(FIXTURES.glob("*.json"))
    broken = tmp_path / "broken.json"
    broken.write_bytes(source.read_bytes()[: len(source.read_bytes()) // 2])
    monkeypatch.setattr(streams, "CHILD_FROM", 0)
    case = Case.create(tmp_path / "c", title="t")
    sha = case.store_file(broken).row.sha256
    report = ingest(case, sha, Settings())
    assert report.status == "failed"
    assert report.error is not None and report.error.startswith("broken.json")
    assert case.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 0
    assert case.custody_log()[-1].action == "evidence.failed"
