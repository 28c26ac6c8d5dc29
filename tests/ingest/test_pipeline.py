"""Reading evidence into a case: one transaction per file, failures named and harmless, no re-reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from filiere.case import Case
from filiere.ingest import registry
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.pipeline import Settings, add_paths, ingest
from filiere.model import Account, Conversation, Message, Record, Skipped, Source
from filiere.types.moment import from_epoch
from filiere.verify import verify


class LinesReader(Reader):
    """A minimal line format for exercising the pipeline: ``epoch|sender|text``; ``BOOM`` fails the file."""

    name = "test_lines"
    label = "lignes de test"

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        return 90 if head.startswith(b"#lines") else 0

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        yield Conversation("test:chat", "test", "direct", "chat", Source(ctx.sha256, "line 1"))
        seen: set[str] = set()
        for number, raw in enumerate(fh.read().decode().splitlines()[1:], start=2):
            where = Source(ctx.sha256, f"line {number}")
            if raw == "BOOM":
                raise ctx.error("the file breaks here", f"line {number}")
            if raw == "KEYERROR":
                raise KeyError("x")
            parts = raw.split("|")
            if len(parts) != 3:
                yield Skipped(f"line {number}", "not three fields")
                continue
            if parts[1] not in seen:
                seen.add(parts[1])
                yield Account(f"test:{parts[1]}", "test", where, name=parts[1])
            yield Message(str(number), "text", "test:chat", f"test:{parts[1]}", parts[1],
                          from_epoch(int(parts[0]), ctx.tz), parts[2], where)  # fmt: skip


@pytest.fixture(autouse=True)
def lines_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "readers", lambda: (LinesReader,))


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(["#lines", *lines]) + "\n", encoding="utf-8")
    return path


def test_a_file_is_read_with_counts_skips_and_full_text(tmp_path: Path, case: Case) -> None:
    f = write(tmp_path / "a.txt", "1700000000|Dispatch|Le café est prêt", "garbage", "1700000060|Client|merci")
    sha = case.store_file(f).row.sha256
    report = ingest(case, sha, Settings())
    assert report.status == "ingested" and report.format == "test_lines"
    assert report.counts == {"conversation": 1, "account": 2, "message": 2}
    assert report.skipped == 1 and report.skips == [("line 3", "not three fields")]
    hits = case.conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'cafe'").fetchall()
    assert len(hits) == 1  # accents are ignored by the index
    assert case.custody_log()[-1].action == "evidence.ingest"
    assert verify(case).ok


def test_a_file_that_fails_midway_leaves_the_case_as_it_was(tmp_path: Path, case: Case) -> None:
    good = write(tmp_path / "good.txt", "1700000000|A|un")
    case_sha = case.store_file(good).row.sha256
    ingest(case, case_sha, Settings())
    bad = write(tmp_path / "bad.txt", "1700000000|B|deux", "1700000001|B|trois", "BOOM")
    bad_sha = case.store_file(bad).row.sha256
    report = ingest(case, bad_sha, Settings())
    assert report.status == "failed"
    assert report.error is not None and "bad.txt, line 4: the file breaks here" in report.error
    assert case.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1
    assert case.conn.execute("SELECT COUNT(*) FROM accounts WHERE evidence = ?", (bad_sha,)).fetchone()[0] == 0
    assert case.custody_log()[-1].action == "evidence.failed"
    assert {r.sha256: r.status for r in case.evidence()}[bad_sha] == "failed"
    assert verify(case).ok


def test_a_reader_bug_becomes_a_named_format_error(tmp_path: Path, case: Case) -> None:
    sha = case.store_file(write(tmp_path / "k.txt", "KEYERROR")).row.sha256
    report = ingest(case, sha, Settings())
    assert report.status == "failed"
    assert report.error is not None and "k.txt" in report.error and "KeyError" in report.error


def test_re_adding_a_file_adds_nothing(tmp_path: Path, case: Case) -> None:
    f = write(tmp_path / "a.txt", "1700000000|A|un", "1700000001|B|deux")
    sha = case.store_file(f).row.sha256
    ingest(case, sha, Settings())
    again = case.store_file(f)
    report = ingest(case, again.row.sha256, Settings())
    assert not again.new and report.status == "already"
    assert report.counts["message"] == 2
    assert case.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 2
    assert case.conn.execute("SELECT COUNT(*) FROM messages_fts").fetchone()[0] == 2


def test_an_unrecognised_file_stays_in_the_locker(tmp_path: Path, case: Case) -> None:
    f = tmp_path / "photo.jpg"
    f.write_bytes(b"\xff\xd8\xff\xe0 not a chat")
    sha = case.store_file(f).row.sha256
    report = ingest(case, sha, Settings())
    assert report.status == "unrecognised"
    assert case.evidence_path(sha).is_file()


def test_add_paths_expands_folders_and_leaves_hidden_files_out(tmp_path: Path) -> None:
    (tmp_path / "export" / "photos").mkdir(parents=True)
    for name in ("export/result.json", "export/photos/p1.jpg", "export/.DS_Store"):
        (tmp_path / name).write_text("x")
    assert [(p.relative_to(tmp_path).as_posix(), at) for p, at in add_paths([tmp_path / "export"])] == [
        ("export/result.json", "export/result.json"),
        ("export/photos/p1.jpg", "export/photos/p1.jpg"),
    ]
