"""`verify` catches every kind of tampering and names the broken item."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from filiere.case import Case
from filiere.verify import verify


@pytest.fixture
def filled(tmp_path: Path, case: Case) -> Case:
    for i in range(3):
        f = tmp_path / f"piece{i}.txt"
        f.write_text(f"contenu {i}\n" * 10)
        case.store_file(f, source_ref=f"scellé {i}")
    case.record("analysis.run", {"what": "test"})
    return case


def raw(case: Case) -> sqlite3.Connection:
    """A connection as someone with the file would use it: no triggers in the way."""
    conn = sqlite3.connect(case.root / "case.sqlite", isolation_level=None)
    conn.execute("DROP TRIGGER custody_no_update")
    conn.execute("DROP TRIGGER custody_no_delete")
    conn.execute("DROP TRIGGER evidence_no_delete")
    return conn


def test_an_untouched_case_verifies(filled: Case) -> None:
    report = verify(filled)
    assert report.ok, report.problems
    assert report.entries == 5
    assert report.evidence_files == 3
    assert report.head == filled.custody_log()[-1].hash


def test_one_changed_evidence_byte_is_caught_and_named(filled: Case) -> None:
    target = filled.evidence()[1]
    path = filled.evidence_path(target.sha256)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[3] ^= 0x01
    path.write_bytes(bytes(data))
    os.chmod(path, 0o444)
    report = verify(filled)
    assert not report.ok
    assert [(p.kind, p.item) for p in report.problems] == [("evidence", target.sha256)]
    assert target.name in report.problems[0].message and "altered" in report.problems[0].message


def test_a_deleted_log_row_is_caught_and_named(filled: Case) -> None:
    conn = raw(filled)
    conn.execute("DELETE FROM custody WHERE seq = 3")
    report = verify(filled)
    assert not report.ok
    first = report.problems[0]
    assert first.kind == "custody" and first.item == "custody #4"
    assert "entries 3 to 3 removed" in first.message


def test_the_last_log_row_deleted_is_caught_by_the_journal(filled: Case) -> None:
    raw(filled).execute("DELETE FROM custody WHERE seq = 5")
    report = verify(filled)
    assert [(p.kind, p.item) for p in report.problems] == [("journal", "custody #5")]


def test_log_cut_back_in_database_and_journal_is_caught_by_the_anchor(filled: Case) -> None:
    anchor = filled.custody_log()[-1].hash
    raw(filled).execute("DELETE FROM custody WHERE seq = 5")
    journal = filled.root / "custody.jsonl"
    journal.write_text("".join(journal.read_text().splitlines(keepends=True)[:-1]))
    assert verify(filled).ok  # nothing left inside the case shows it...
    report = verify(filled, anchor=anchor)  # ...but the hash written in the procedure does
    assert [(p.kind, p.item) for p in report.problems] == [("anchor", anchor)]


def test_reordered_rows_are_caught_and_named(filled: Case) -> None:
    """Entries 2 and 3 swap places (the sequence numbers stay in order, the contents move)."""
    conn = raw(filled)
    cols = "at, actor, action, detail, prev_hash, hash"
    two = conn.execute(f"SELECT {cols} FROM custody WHERE seq = 2").fetchone()
    three = conn.execute(f"SELECT {cols} FROM custody WHERE seq = 3").fetchone()
    conn.execute("DELETE FROM custody WHERE seq IN (2, 3)")
    conn.execute(f"INSERT INTO custody (seq, {cols}) VALUES (2, ?, ?, ?, ?, ?, ?)", three)
    conn.execute(f"INSERT INTO custody (seq, {cols}) VALUES (3, ?, ?, ?, ?, ?, ?)", two)
    report = verify(filled)
    assert report.problems[0].kind == "custody"
    assert report.problems[0].item == "custody #2"
    assert "does not follow" in report.problems[0].message


def test_reordered_journal_lines_are_caught(filled: Case) -> None:
    journal = filled.root / "custody.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    lines[1], lines[2] = lines[2], lines[1]
    journal.write_text("".join(lines))
    report = verify(filled)
    assert [(p.kind, p.item) for p in report.problems] == [("journal", "custody #3")]


def test_renumbered_rows_after_a_deletion_are_caught(filled: Case) -> None:
    """Someone deletes entry 2 and renumbers the rest to hide the gap: the chain still breaks."""
    conn = raw(filled)
    conn.execute("DELETE FROM custody WHERE seq = 2")
    conn.execute("UPDATE custody SET seq = seq - 1 WHERE seq > 2")
    report = verify(filled)
    assert report.problems[0].item == "custody #2"
    assert "does not follow" in report.problems[0].message


def test_an_edited_log_detail_is_caught(filled: Case) -> None:
    conn = raw(filled)
    detail = json.loads(conn.execute("SELECT detail FROM custody WHERE seq = 2").fetchone()[0])
    detail["source_ref"] = "autre scellé"
    conn.execute("UPDATE custody SET detail = ? WHERE seq = 2", (json.dumps(detail),))
    report = verify(filled)
    assert report.problems[0].item == "custody #2" and "altered" in report.problems[0].message


def test_missing_and_extra_locker_files_are_caught(filled: Case) -> None:
    gone = filled.evidence()[0]
    path = filled.evidence_path(gone.sha256)
    path.unlink()
    (filled.root / "evidence" / ("f" * 64)).write_text("planted")
    kinds = {(p.kind, p.item) for p in verify(filled).problems}
    assert ("evidence", gone.sha256) in kinds
    assert ("evidence", "f" * 64) in kinds


def test_a_register_row_removed_is_caught(filled: Case) -> None:
    gone = filled.evidence()[2]
    raw(filled).execute("DELETE FROM evidence WHERE sha256 = ?", (gone.sha256,))
    items = {(p.kind, p.item) for p in verify(filled).problems}
    assert ("register", gone.sha256) in items


def test_the_library_cannot_rewrite_the_log(filled: Case) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        filled.conn.execute("UPDATE custody SET actor = 'someone else' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        filled.conn.execute("DELETE FROM custody WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        filled.conn.execute("UPDATE evidence SET name = 'x'")
    with pytest.raises(RuntimeError):
        filled.log("someone", "sneaky", {})  # only inside a transaction, through Case.transaction()
    assert verify(filled).ok


def test_a_failed_action_writes_no_log_entry(filled: Case) -> None:
    before = len(filled.custody_log())
    with pytest.raises(ZeroDivisionError), filled.transaction():
        filled.log("test", "will.fail", {})
        _ = 1 / 0
    assert len(filled.custody_log()) == before
    assert verify(filled).ok
