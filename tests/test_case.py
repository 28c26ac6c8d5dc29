"""The case folder and its locker: originals never modified, stored once, every action logged."""

from __future__ import annotations

import builtins
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from filiere.case import Case
from filiere.errors import CaseError, EvidenceError, NotACaseError


def test_create_writes_the_layout_and_logs_creation(tmp_path: Path) -> None:
    with Case.create(tmp_path / "c", title="Affaire", reference="PV 1") as case:
        assert case.meta()["title"] == "Affaire"
        log = case.custody_log()
    assert [e.action for e in log] == ["case.create"]
    assert log[0].actor == "test-investigator"
    assert {p.name for p in (tmp_path / "c").iterdir()} >= {"case.sqlite", "custody.jsonl", "evidence", "exports"}


def test_create_refuses_an_existing_case_or_a_non_empty_folder(tmp_path: Path, case: Case) -> None:
    with pytest.raises(CaseError, match="already exists"):
        Case.create(case.root, title="again")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(CaseError, match="not empty"):
        Case.create(tmp_path / "busy", title="t")


def test_open_a_folder_that_is_not_a_case(tmp_path: Path) -> None:
    with pytest.raises(NotACaseError, match="not a filiere case"):
        Case.open(tmp_path)
    (tmp_path / "case.sqlite").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CaseError):
        Case.open(tmp_path)


def test_store_file_copies_read_only_under_sha256_and_leaves_the_original(tmp_path: Path, case: Case) -> None:
    original = tmp_path / "export.txt"
    original.write_bytes(b"12/03/2024 21:14 - Dispatch: hello\n")
    before = (original.read_bytes(), original.stat().st_mtime_ns, stat.S_IMODE(original.stat().st_mode))
    added = case.store_file(original, source_ref="scellé n°3")
    stored = case.evidence_path(added.row.sha256)
    assert added.new
    assert stored.read_bytes() == original.read_bytes()
    assert stat.S_IMODE(stored.stat().st_mode) & 0o222 == 0
    assert (original.read_bytes(), original.stat().st_mtime_ns, stat.S_IMODE(original.stat().st_mode)) == before
    assert added.row.sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
    entry = case.custody_log()[-1]
    assert entry.action == "evidence.add"
    assert entry.detail == {"sha256": added.row.sha256, "name": "export.txt", "size": stored.stat().st_size,
                            "path": "export.txt", "source_ref": "scellé n°3"}  # fmt: skip


def test_the_same_bytes_twice_are_stored_once(tmp_path: Path, case: Case) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("same")
    b.write_text("same")
    first, second = case.store_file(a), case.store_file(b)
    assert first.new and not second.new
    assert len(case.evidence()) == 1
    assert len(list((case.root / "evidence").iterdir())) == 1
    assert case.custody_log()[-1].action == "evidence.readd"


def test_missing_and_unreadable_files_are_named(tmp_path: Path, case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EvidenceError, match="no such file"):
        case.store_file(tmp_path / "nope.txt")
    with pytest.raises(EvidenceError, match="not a regular file"):
        case.store_file(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    real_open = builtins.open

    def refusing(file: object, *args: object, **kwargs: object) -> object:
        if Path(str(file)) == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    with monkeypatch.context() as patched:
        if os.geteuid() == 0:  # root reads anything: refuse the read as the system would for anyone else
            patched.setattr(builtins, "open", refusing)
        with pytest.raises(EvidenceError, match="cannot be read"):
            case.store_file(locked)
    assert case.evidence() == []
    assert not list((case.root / "evidence").glob(".incoming*"))


def test_a_case_folder_moves_to_another_machine(tmp_path: Path, case: Case) -> None:
    f = tmp_path / "f.txt"
    f.write_text("x")
    case.store_file(f)
    case.close()
    moved = tmp_path / "elsewhere"
    os.rename(case.root, moved)
    with Case.open(moved) as reopened:
        assert len(reopened.evidence()) == 1
        assert reopened.evidence_path(reopened.evidence()[0].sha256).is_file()


def test_a_bulk_change_checks_references_once_and_keeps_nothing_if_one_is_broken(case: Case) -> None:
    def detections() -> int:
        return int(case.conn.execute("SELECT COUNT(*) FROM detections").fetchone()[0])

    entries = len(case.custody_log())
    broken = pytest.raises(CaseError, match=r"references to nothing \(detections row 1 -> messages")
    with broken, case.transaction(bulk=True) as tx:
        tx.execute("INSERT INTO detection_results (id, result) VALUES (1, '{}')")
        tx.execute("INSERT INTO detections (message_id, drug_trade, score, result_id) VALUES (1, 1, 0.9, 1)")
        case.log("tester", "test.bulk", {})
    assert detections() == 0
    assert len(case.custody_log()) == entries  # the failed change left no custody entry either
    assert case.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # checked row by row again
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), case.transaction() as tx:
        tx.execute("INSERT INTO detections (message_id, drug_trade, score, result_id) VALUES (1, 1, 0.9, 1)")


def test_a_commit_that_fails_leaves_nothing_open_nor_half_kept(case: Case) -> None:
    # A reference checked at COMMIT (deferred) that points nowhere: SQLite refuses the COMMIT and
    # would keep the transaction open.
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), case.transaction() as tx:
        tx.execute("PRAGMA defer_foreign_keys=ON")
        tx.execute("INSERT INTO detection_results (id, result) VALUES (1, '{}')")
        tx.execute("INSERT INTO detections (message_id, drug_trade, score, result_id) VALUES (1, 1, 0.9, 1)")
    assert not case.conn.in_transaction
    assert case.conn.execute("SELECT COUNT(*) FROM detection_results").fetchone()[0] == 0
