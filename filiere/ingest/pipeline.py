"""Reading evidence into a case: choose a reader, stream records, one transaction per file.

A file that fails leaves the case as it was (the transaction rolls back); the failure itself is
recorded, with its reason, in the ingestion register and the custody log. A file already read is
not read again.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from filiere.case import Case, current_actor
from filiere.errors import FormatError
from filiere.i18n import tr
from filiere.ingest import registry, streams
from filiere.ingest.base import HEAD_SIZE, ReadContext, Reader
from filiere.store import evidence as evidence_store
from filiere.store.records import RecordWriter, has_records
from filiere.types.moment import DEFAULT_TZ, zone
from filiere.types.phone import DEFAULT_REGION

SKIPS_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Settings:
    """How to read: forced format, time zone for exports without one, phone region, reader options."""

    format: str | None = None
    tz: str = DEFAULT_TZ
    region: str = DEFAULT_REGION
    options: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "tz": self.tz, "region": self.region, **self.options}


@dataclass(slots=True)
class FileReport:
    """What happened to one file: shown to the investigator after ``add``."""

    name: str
    sha256: str
    status: str  # ingested | already | failed | unrecognised
    new: bool = True
    format: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    skips: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The report as the CLI's ``--json`` and the workbench's upload answer give it."""
        return {
            "file": self.name,
            "sha256": self.sha256,
            "new": self.new,
            "status": self.status,
            "format": self.format,
            "counts": self.counts,
            "skipped": self.skipped,
            "skips": [{"locator": locator, "reason": reason} for locator, reason in self.skips],
            "seconds": round(self.seconds, 3),
            "error": self.error,
        }


def pick_reader(fh: BinaryIO, name: str, settings: Settings) -> type[Reader]:
    if settings.format:
        return registry.by_name(settings.format)
    head = fh.read(HEAD_SIZE)
    fh.seek(0)
    return registry.choose(head, name)


class PositionWatcher:
    """Reports how far a reader has got in a file, from another thread, without touching the reader."""

    def __init__(self, fh: BinaryIO, report: Callable[[int], None] | None) -> None:
        self.fd = fh.fileno()
        self.report = report
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PositionWatcher:
        if self.report is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        assert self.report is not None
        while not self._stop.wait(0.2):
            try:
                self.report(os.lseek(self.fd, 0, os.SEEK_CUR))
            except OSError:
                return


def ingest(
    case: Case,
    sha256: str,
    settings: Settings,
    *,
    actor: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> FileReport:
    """Read one locker file into the case (or do nothing if it was read already)."""
    actor = actor or current_actor()
    row = evidence_store.get(case.conn, sha256)
    if row is None:
        raise FormatError(tr(f"pièce inconnue : {sha256}", f"unknown evidence: {sha256}"))
    report = FileReport(row.name, sha256, "already", format=row.format)
    if row.status == "ingested" or has_records(case.conn, sha256):
        report.counts = evidence_store.record_counts(case.conn, sha256)
        return report
    zone(settings.tz)  # an unknown zone is a usage error before anything is read
    started = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    with open(case.evidence_path(sha256), "rb") as fh:
        try:
            reader = pick_reader(fh, row.name, settings)
        except FormatError as exc:
            _fail(case, report, actor, started, "unrecognised", None, exc, settings, clock)
            return report
        report.format = reader.name
        ctx = ReadContext(sha256, row.name, settings.tz, settings.region, dict(settings.options))
        large = row.size >= streams.CHILD_FROM
        try:
            with case.transaction() as tx, PositionWatcher(fh, None if large else progress):
                rows = (
                    streams.rows_in_child(str(case.evidence_path(sha256)), reader, ctx, progress)
                    if large
                    else streams.rows_here(fh, reader, ctx)
                )
                writer = RecordWriter(tx, sha256)
                try:
                    for kind, stored in rows:
                        writer.add_row(kind, stored)
                        if kind == "skipped" and len(report.skips) < SKIPS_SHOWN:
                            report.skips.append((stored[1], stored[2]))
                    counts = writer.finish()
                except BaseException:
                    writer.close()  # the writer thread must stop before the transaction rolls back
                    raise
                report.skipped = counts.pop("skipped", 0)
                report.counts = counts
                report.seconds = time.perf_counter() - clock
                evidence_store.record_ingestion(
                    tx, sha256=sha256, format=reader.name, status="ingested", started_at=started,
                    seconds=report.seconds, counts=counts, skipped=report.skipped, error=None,
                    options=settings.as_dict(),
                )  # fmt: skip
                case.log(actor, "evidence.ingest", {
                    "sha256": sha256, "format": reader.name, "counts": counts,
                    "skipped": report.skipped, "options": settings.as_dict(),
                })  # fmt: skip
        except FormatError as exc:
            _fail(case, report, actor, started, "failed", reader.name, exc, settings, clock)
            return report
    report.status = "ingested"
    return report


def _fail(
    case: Case,
    report: FileReport,
    actor: str,
    started: str,
    status: str,
    fmt: str | None,
    exc: FormatError,
    settings: Settings,
    clock: float,
) -> None:
    report.status, report.format, report.error = status, fmt, str(exc)
    report.counts, report.skipped, report.skips = {}, 0, []
    report.seconds = time.perf_counter() - clock
    with case.transaction() as tx:
        evidence_store.record_ingestion(
            tx, sha256=report.sha256, format=fmt, status=status, started_at=started,
            seconds=report.seconds, counts={}, skipped=0, error=str(exc), options=settings.as_dict(),
        )  # fmt: skip
        case.log(actor, f"evidence.{status}", {"sha256": report.sha256, "format": fmt, "error": str(exc)})


def add_paths(paths: list[Path]) -> list[tuple[Path, str]]:
    """Expand folders into their files (sorted, links and hidden files left out), each with the path
    it is found at relative to what was given: ``export/photos/p1.jpg`` for a folder ``export``."""
    files: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if not n.startswith("."):
                        full = Path(root) / n
                        files.append((full, (Path(path.name) / full.relative_to(path)).as_posix()))
        else:
            files.append((path, path.name))
    return files
