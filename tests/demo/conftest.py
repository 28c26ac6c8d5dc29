"""A small generated case shared by the demo tests (generating it takes about a second)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from filiere.demo import generate


@pytest.fixture(scope="session")
def small_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo") / "case", seed=7).path


@pytest.fixture(scope="session")
def truth(small_case: Path) -> dict[str, Any]:
    with (small_case / "truth.json").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded
