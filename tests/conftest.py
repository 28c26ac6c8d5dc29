"""Shared fixtures: where the real external data lives, and fresh case folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from filiere.case import Case

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``: real exports and networks published by others (never copied here)."""
    assert SHARED_DATA.is_dir(), f"the shared data folder is missing: {SHARED_DATA}"
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _english_and_named_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read messages in English and act as a known investigator, whatever the machine's locale."""
    monkeypatch.setenv("FILIERE_LANG", "en")
    monkeypatch.setenv("FILIERE_USER", "test-investigator")


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    """A new, empty case in a temporary folder."""
    with Case.create(tmp_path / "case", title="Affaire Fictive", reference="PV 2026/0001") as created:
        yield created
