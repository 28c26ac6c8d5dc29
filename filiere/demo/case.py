"""The demo as an investigator sees it: the fictional evidence added to a case, read, analysed.

Each folder of the generated evidence is one seizure or requisition, added with its reference,
so that identities are scoped the way they would be in a real procedure.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filiere.analyse.run import analyze
from filiere.case import Case
from filiere.demo.generator import generate
from filiere.errors import CaseError, FiliereError
from filiere.i18n import tr
from filiere.ingest.pipeline import FileReport, Settings, add_paths, ingest
from filiere.verify import Report, verify

TITLE = "Centrale « Herbier Royal » (affaire fictive)"
REFERENCE = "DÉMO-2024-0001"
SEIZURES = (
    ("telegram", "Veille en source ouverte : exports des canaux Telegram", Settings()),
    ("telephone_livreur", "Scellé n°1 : téléphone du livreur", Settings()),
    ("telephone_client", "Scellé n°2 : téléphone d'un client", Settings()),
    ("fadettes", "Réquisitions aux opérateurs (fadettes)", Settings(options={"preset": "fr_operator"})),
)


@dataclass(slots=True)
class DemoCase:
    evidence_dir: Path
    case_dir: Path
    files: list[FileReport] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    verification: Report | None = None


def build(out: Path, *, seed: int = 1, scale: str = "small", actor: str = "démo",
          on_file: Callable[[FileReport], None] | None = None) -> DemoCase:  # fmt: skip
    """Generate the evidence under ``out/evidence``, and the analysed case under ``out/case``."""
    out = Path(out)
    result = DemoCase(out / "evidence", out / "case")
    _replace_earlier_demo(result.case_dir)
    generate(result.evidence_dir, seed=seed, scale=scale, force=True)
    with Case.create(result.case_dir, title=TITLE, reference=REFERENCE, actor=actor) as case:
        for folder, reference, settings in SEIZURES:
            for path, found_at in add_paths([result.evidence_dir / folder]):
                added = case.store_file(path, source_ref=reference, actor=actor, found_at=found_at)
                report = ingest(case, added.row.sha256, settings, actor=actor)
                report.name = found_at
                result.files.append(report)
                if on_file:
                    on_file(report)
        result.summary = analyze(case, actor=actor)
        result.verification = verify(case)
    return result


def _replace_earlier_demo(case_dir: Path) -> None:
    """An earlier demo case (its reference says so) is removed; any other case is refused, untouched."""
    if not case_dir.exists():
        return
    try:
        with Case.open(case_dir) as earlier:
            is_demo = earlier.meta().get("reference") == REFERENCE
    except FiliereError:
        is_demo = False
    if not is_demo:
        raise CaseError(
            tr(
                f"{case_dir} existe et n'est pas une affaire de démonstration",
                f"{case_dir} exists and is not a demo case",
            ),
            hint=tr("choisissez un autre dossier pour la démonstration", "choose another folder for the demo"),
        )  # fmt: skip
    shutil.rmtree(case_dir)
