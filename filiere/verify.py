"""Proof that nothing in a case was altered or removed: evidence bytes and the custody chain.

Checks, in order: the custody chain in the database (every hash recomputed, sequence unbroken,
each entry pointing at the one before), the journal file against the database (same entries),
the register against the chain (every evidence file logged, every logged file registered), and
every evidence file's bytes against its SHA-256. An anchor (a hash written down in the procedure
earlier) proves that the log was not cut back behind it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from filiere.case import EVIDENCE_DIR, JOURNAL_NAME, Case, sha256_of
from filiere.i18n import tr
from filiere.store import custody


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken item: what kind, which item, and a sentence an investigator can repeat."""

    kind: str  # custody | journal | register | evidence | anchor
    item: str
    message: str


@dataclass(slots=True)
class Report:
    entries: int = 0
    evidence_files: int = 0
    head: str = custody.GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, kind: str, item: str, fr: str, en: str) -> None:
        self.problems.append(Problem(kind, item, tr(fr, en)))


def verify(case: Case, anchor: str | None = None) -> Report:
    report = Report()
    chain = _check_chain(case, report)
    _check_journal(case, chain, report)
    _check_register(case, chain, report)
    _check_files(case, report)
    if anchor and anchor not in {row[6] for row in chain}:
        report.add(
            "anchor",
            anchor,
            f"le haché de référence {anchor} ne figure plus dans le journal de traçabilité",
            f"the anchor hash {anchor} is no longer in the custody log",
        )
    return report


Row = tuple[int, str, str, str, str, str, str]


def _check_chain(case: Case, report: Report) -> list[Row]:
    rows = list(custody.raw_rows(case.conn))
    report.entries = len(rows)
    prev = custody.GENESIS
    for position, (seq, at, actor, action, detail, prev_hash, digest) in enumerate(rows, start=1):
        item = f"custody #{seq}"
        if seq != position:
            what = (
                tr(
                    f"entrée(s) {position} à {seq - 1} supprimée(s)",
                    f"entries {position} to {seq - 1} removed",
                )
                if seq > position
                else tr(f"entrée {seq} déplacée ou dupliquée", f"entry {seq} moved or duplicated")
            )
            report.add(
                "custody",
                item,
                f"journal de traçabilité : à la position {position} se trouve l'entrée {seq} ({what})",
                f"custody log: position {position} holds entry {seq} ({what})",
            )
            return rows
        if prev_hash != prev:
            report.add(
                "custody",
                item,
                f"journal de traçabilité : l'entrée {seq} ({action}) ne suit pas l'entrée précédente"
                " (entrée précédente modifiée, supprimée ou déplacée)",
                f"custody log: entry {seq} ({action}) does not follow the entry before it"
                " (that entry was altered, removed or moved)",
            )
            return rows
        if custody.entry_hash(seq, at, actor, action, detail, prev_hash) != digest:
            report.add(
                "custody",
                item,
                f"journal de traçabilité : l'entrée {seq} ({action}, {at}) a été modifiée",
                f"custody log: entry {seq} ({action}, {at}) was altered",
            )
            return rows
        prev = digest
    report.head = prev
    return rows


def _check_journal(case: Case, chain: list[Row], report: Report) -> None:
    path = case.root / JOURNAL_NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        report.add(
            "journal",
            JOURNAL_NAME,
            f"{JOURNAL_NAME} illisible ou absent ({exc})",
            f"{JOURNAL_NAME} missing or unreadable ({exc})",
        )
        return
    for number, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
            digest, seq = entry["hash"], entry["seq"]
        except (ValueError, KeyError, TypeError):
            report.add(
                "journal",
                f"{JOURNAL_NAME}:{number}",
                f"{JOURNAL_NAME}, ligne {number} : entrée illisible",
                f"{JOURNAL_NAME}, line {number}: unreadable entry",
            )
            return
        if number > len(chain):
            report.add(
                "journal",
                f"custody #{seq}",
                f"l'entrée {seq} du journal {JOURNAL_NAME} manque dans la base (supprimée ?)",
                f"entry {seq} of {JOURNAL_NAME} is missing from the database (removed?)",
            )
            return
        if chain[number - 1][6] != digest:
            report.add(
                "journal",
                f"custody #{seq}",
                f"{JOURNAL_NAME}, ligne {number} : l'entrée {seq} diffère de celle de la base",
                f"{JOURNAL_NAME}, line {number}: entry {seq} differs from the database's",
            )
            return
    if len(lines) < len(chain):
        seq = chain[len(lines)][0]
        report.add(
            "journal",
            f"custody #{seq}",
            f"l'entrée {seq} de la base manque dans {JOURNAL_NAME}",
            f"entry {seq} of the database is missing from {JOURNAL_NAME}",
        )


def _check_register(case: Case, chain: list[Row], report: Report) -> None:
    logged: dict[str, int] = {}
    for _seq, _at, _actor, action, detail, _prev, _hash in chain:
        if action == "evidence.add":
            logged[json.loads(detail)["sha256"]] = json.loads(detail)["size"]
    registered = {row.sha256: row.size for row in case.evidence()}
    for sha, size in registered.items():
        if logged.get(sha) != size:
            report.add(
                "register",
                sha,
                f"la pièce {sha} est au registre sans entrée de traçabilité correspondante",
                f"evidence {sha} is registered without a matching custody entry",
            )
    for sha in logged.keys() - registered.keys():
        report.add(
            "register",
            sha,
            f"la pièce {sha} est au journal de traçabilité mais a disparu du registre",
            f"evidence {sha} is in the custody log but gone from the register",
        )


def _check_files(case: Case, report: Report) -> None:
    registered = {row.sha256: row.name for row in case.evidence()}
    folder = case.root / EVIDENCE_DIR
    present = {p.name for p in folder.iterdir() if not p.name.startswith(".")} if folder.is_dir() else set()
    for sha, name in sorted(registered.items()):
        path = folder / sha
        if sha not in present:
            report.add(
                "evidence",
                sha,
                f"pièce {name} ({sha}) : fichier absent du coffre",
                f"evidence {name} ({sha}): file missing from the locker",
            )
            continue
        report.evidence_files += 1
        if sha256_of(path) != sha:
            report.add(
                "evidence",
                sha,
                f"pièce {name} ({sha}) : le contenu a été modifié (SHA-256 différent)",
                f"evidence {name} ({sha}): content altered (SHA-256 differs)",
            )
        elif os.access(path, os.W_OK) and os.geteuid() != 0:
            report.add(
                "evidence",
                sha,
                f"pièce {name} ({sha}) : le fichier n'est plus en lecture seule",
                f"evidence {name} ({sha}): the file is no longer read-only",
            )
    for extra in sorted(present - registered.keys()):
        report.add(
            "evidence",
            extra,
            f"fichier {extra} dans le coffre sans être au registre",
            f"file {extra} in the locker is not registered",
        )
