"""Collection: pytest reads docstring examples from a module's source file, and refuses a module
that was imported compiled; the examples of the compiled detectors are run against the compiled
modules by tests/extract/test_compiled.py instead."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.suffix != ".py" or collection_path.parent.name != "extract":
        return None
    from filiere.extract import compiled

    if compiled.MODE == "compiled" and collection_path.parent == compiled.HERE:
        return f"filiere.extract.{collection_path.stem}" in compiled.built()[0] or None
    return None
