"""A case folder: its database, its evidence locker and its custody log.

On disk::

    CASE/case.sqlite        records, custody log, evidence register (WAL)
    CASE/custody.jsonl      the custody log again, one JSON line per entry, appended in step
    CASE/evidence/<sha256>  read-only copies of the original files, named by their SHA-256
    CASE/exports/           what filiere writes for the investigator

The folder can be copied to another machine and opened there: it holds no absolute path.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filiere.errors import CaseError, EvidenceError, NotACaseError
from filiere.i18n import tr
from filiere.store import custody, schema
from filiere.store import evidence as evidence_store
from filiere.store import meta as meta_store
from filiere.store.db import connect, transaction

DB_NAME = "case.sqlite"
JOURNAL_NAME = "custody.jsonl"
EVIDENCE_DIR = "evidence"
CHUNK = 1024 * 1024

Progress = Callable[[int], None]


def current_actor() -> str:
    """Who is acting: FILIERE_USER, else the login name."""
    name = os.environ.get("FILIERE_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True, slots=True)
class Added:
    """The outcome of putting one file in the locker."""

    row: evidence_store.EvidenceRow
    new: bool


class Case:
    """An open case. Use ``Case.create`` or ``Case.open``; close it (or use ``with``)."""

    def __init__(self, root: Path, conn: sqlite3.Connection) -> None:
        self.root = root
        self.conn = conn
        self._pending: list[custody.Entry] = []

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def create(cls, root: Path, *, title: str, reference: str | None = None, actor: str | None = None) -> Case:
        root = Path(root)
        if (root / DB_NAME).exists():
            raise CaseError(
                tr(f"{root} : une affaire existe déjà ici", f"{root}: a case already exists here"),
                hint=tr("choisissez un autre dossier", "choose another folder"),
            )
        if root.exists() and not root.is_dir():
            raise CaseError(tr(f"{root} n'est pas un dossier", f"{root} is not a folder"))
        if root.is_dir() and any(root.iterdir()):
            raise CaseError(
                tr(f"{root} n'est pas vide", f"{root} is not empty"),
                hint=tr("créez le dossier de l'affaire dans un dossier vide", "create the case in an empty folder"),
            )
        (root / EVIDENCE_DIR).mkdir(parents=True, exist_ok=True)
        (root / "exports").mkdir(exist_ok=True)
        conn = connect(root / DB_NAME)
        schema.migrate(conn)
        case = cls(root, conn)
        with case.transaction() as tx:
            now = _now()
            meta_store.write(tx, {"title": title, "reference": reference or "", "created_at": now})
            case.log(
                actor or current_actor(),
                "case.create",
                {"title": title, "reference": reference, "schema": schema.LATEST},
            )
        return case

    @classmethod
    def open(cls, root: Path) -> Case:
        root = Path(root)
        if not (root / DB_NAME).is_file():
            raise NotACaseError(
                tr(f"{root} n'est pas un dossier d'affaire filiere (pas de {DB_NAME})",
                   f"{root} is not a filiere case folder (no {DB_NAME})"),
                hint=tr("créez-le avec « filiere case init DOSSIER --title ... »",
                        "create one with 'filiere case init DIR --title ...'"),
            )  # fmt: skip
        conn = connect(root / DB_NAME)
        try:
            meta_store.read(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise NotACaseError(
                tr(f"{root / DB_NAME} n'est pas une base d'affaire filiere ({exc})",
                   f"{root / DB_NAME} is not a filiere case database ({exc})"),
            ) from exc  # fmt: skip
        schema.migrate(conn)
        return cls(root, conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- metadata ------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return meta_store.read(self.conn)

    # -- custody -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, bulk: bool = False) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing change of the case; custody entries logged in it reach the journal
        file only if it commits. ``bulk``: references are checked once, at the end (``db.transaction``)."""
        self._pending = []
        with transaction(self.conn, bulk=bulk, before_commit=lambda: self._write_journal(self._pending)) as tx:
            yield tx
        self._pending = []

    def log(self, actor: str, action: str, detail: Mapping[str, Any]) -> custody.Entry:
        """Append a custody entry; only inside ``transaction``."""
        if not self.conn.in_transaction:
            raise RuntimeError("custody entries are written inside Case.transaction()")
        entry = custody.append(self.conn, actor, action, detail)
        self._pending.append(entry)
        return entry

    def record(self, action: str, detail: Mapping[str, Any], actor: str | None = None) -> custody.Entry:
        """Log an action on its own (an export, a view, an analysis run)."""
        with self.transaction():
            return self.log(actor or current_actor(), action, detail)

    def _write_journal(self, entries: list[custody.Entry]) -> None:
        if not entries:
            return
        lines = "".join(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for e in entries)
        with open(self.root / JOURNAL_NAME, "a", encoding="utf-8") as journal:
            journal.write(lines)
            journal.flush()
            os.fsync(journal.fileno())

    def custody_log(self) -> list[custody.Entry]:
        return list(custody.entries(self.conn))

    # -- the locker ----------------------------------------------------------------------------

    def evidence_path(self, sha256: str) -> Path:
        return self.root / EVIDENCE_DIR / sha256

    def evidence(self) -> list[evidence_store.EvidenceRow]:
        return evidence_store.all_rows(self.conn)

    def store_file(
        self,
        path: Path,
        *,
        source_ref: str | None = None,
        actor: str | None = None,
        progress: Progress | None = None,
        found_at: str | None = None,
    ) -> Added:
        """Copy ``path`` into the locker under its SHA-256, read-only, and register it.

        The original is only read. Adding the same bytes again registers nothing new but the path
        it was found at (``found_at``, relative to what the investigator added; the file name by
        default), so that identical files in two exports can be told apart and linked.
        """
        path = Path(path)
        found_at = found_at or path.name
        actor = actor or current_actor()
        if not path.exists():
            raise EvidenceError(
                tr(f"{path} : fichier introuvable", f"{path}: no such file"),
                hint=tr("vérifiez le chemin", "check the path"),
            )
        if not path.is_file():
            raise EvidenceError(tr(f"{path} n'est pas un fichier", f"{path} is not a regular file"))
        handle, name = tempfile.mkstemp(prefix=".incoming-", dir=self.root / EVIDENCE_DIR)
        os.close(handle)
        tmp = Path(name)
        digest = hashlib.sha256()
        size = 0
        try:
            with open(path, "rb") as src, open(tmp, "wb") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    size += len(chunk)
                    if progress:
                        progress(len(chunk))
                dst.flush()
                os.fsync(dst.fileno())
        except PermissionError as exc:
            tmp.unlink(missing_ok=True)
            raise EvidenceError(
                tr(f"{path} : lecture refusée ({exc.strerror})", f"{path}: cannot be read ({exc.strerror})"),
                hint=tr("vérifiez les droits sur le fichier", "check the file's permissions"),
            ) from exc
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise EvidenceError(tr(f"{path} : erreur de lecture ({exc})", f"{path}: read error ({exc})")) from exc
        sha = digest.hexdigest()
        existing = evidence_store.get(self.conn, sha)
        if existing is not None:
            tmp.unlink()
            with self.transaction() as tx:
                evidence_store.add_path(tx, sha, found_at, source_ref)
                self.log(actor, "evidence.readd", {"sha256": sha, "name": path.name, "path": found_at,
                                                   "source_ref": source_ref})  # fmt: skip
            return Added(existing, new=False)
        final = self.evidence_path(sha)
        row = evidence_store.EvidenceRow(sha, path.name, size, _now(), actor, source_ref)
        with self.transaction() as tx:
            evidence_store.insert(tx, row)
            evidence_store.add_path(tx, sha, found_at, source_ref)
            detail = {"sha256": sha, "name": path.name, "size": size, "path": found_at, "source_ref": source_ref}
            self.log(actor, "evidence.add", detail)
            os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(tmp, final)
        return Added(row, new=True)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
