"""Evidence sent through the browser: kept in the locker, then read, file by file, with a report each.

The upload is first written next to the cases (same disk), under the name the investigator's file
had, because the locker registers that name; then it goes through the same ``store_file`` and
``ingest`` as ``filiere add``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from filiere.case import Case
from filiere.errors import FiliereError
from filiere.ingest.pipeline import FileReport, Settings, ingest

UPLOADS = ".uploads"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:]")


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    stream: BinaryIO


def safe_name(name: str | None) -> str:
    """The file's own name without any folder, control character or separator; never empty."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")[:200]
    return base or "piece"


def receive(
    case: Case,
    cases_dir: Path,
    lock: threading.Lock,
    uploads: list[Upload],
    *,
    settings: Settings,
    source_ref: str | None,
    actor: str,
    read: bool = True,
) -> list[dict[str, Any]]:
    """Store and read each upload; a file that fails is reported and the others go on."""
    reports: list[dict[str, Any]] = []
    scratch_root = cases_dir / UPLOADS
    scratch_root.mkdir(mode=0o700, exist_ok=True)
    # One upload at a time per case: the locker's temporary file and the reading transaction are per case.
    with lock, tempfile.TemporaryDirectory(dir=scratch_root) as scratch:
        for upload in uploads:
            name = safe_name(upload.name)
            path = Path(scratch) / name
            with open(path, "wb") as out:
                shutil.copyfileobj(upload.stream, out, 1024 * 1024)
            try:
                added = case.store_file(path, source_ref=source_ref, actor=actor)
                if read:
                    report = ingest(case, added.row.sha256, settings, actor=actor)
                else:
                    report = FileReport(name, added.row.sha256, "stored")
                report.name, report.new = name, added.new
                reports.append(report.to_dict())
            except FiliereError as exc:
                failed = FileReport(name, "", "failed", new=False, error=str(exc))
                reports.append({**failed.to_dict(), "sha256": None})
            finally:
                path.unlink(missing_ok=True)
    return reports
