"""Which detectors run compiled (mypyc, built at install by ``setup.py``) and which from source.

A compiled module is used only if it was built from the source beside it, byte for byte: the build
writes the SHA-256 of each source to ``_compiled.json``. When one has changed since (a detector
edited, a branch checked out, no ``make install`` yet), or ``FILIERE_PURE_PYTHON=1`` is set, every
compiled module is read from its source instead: they call one another directly in C, so a stale
one would run old rules under new ones. The results are the same either way, only slower.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
BUILT = HERE / "_compiled.json"


class _FromSource(importlib.abc.MetaPathFinder):
    """Finds the listed modules as their ``.py`` source, ahead of the compiled files beside them."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, HERE / f"{fullname.rpartition('.')[2]}.py")


def built(folder: Path = HERE) -> dict[str, str]:
    """The compiled modules, each with the SHA-256 of the source it was built from (none: a pure install)."""
    try:
        digests = json.loads((folder / BUILT.name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(name): str(digest) for name, digest in digests.items()} if isinstance(digests, dict) else {}


def stale(digests: dict[str, str], folder: Path = HERE) -> list[str]:
    """The compiled modules whose source has changed since they were built."""
    changed = []
    for name, digest in digests.items():
        try:
            current = hashlib.sha256((folder / f"{name.rpartition('.')[2]}.py").read_bytes()).hexdigest()
        except OSError:
            current = ""
        if current != digest:
            changed.append(name)
    return changed


def compiled_here(folder: Path = HERE) -> set[str]:
    """The modules of ``folder`` present as a compiled file (the C first pass aside)."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return {
        f"{__package__}.{path.name.partition('.')[0]}"
        for path in folder.iterdir()
        if path.name.endswith(suffixes) and not path.name.startswith("_")
    }


def choose(folder: Path = HERE, pure: bool = False) -> tuple[str, frozenset[str], list[str]]:
    """How to load the detectors: ``compiled``; ``source`` (``pure`` asked for it, or nothing is
    compiled); or ``stale`` (source, since the modules listed last have changed since compiled).
    The second item names the modules to read from source."""
    present = compiled_here(folder)
    if not present:
        return "source", frozenset(), []
    digests = built(folder)
    changed = sorted(set(stale(digests, folder)) | (present - digests.keys()))
    if changed:
        return "stale", frozenset(present | digests.keys()), changed
    return ("source", frozenset(present), []) if pure else ("compiled", frozenset(), [])


def _load() -> str:
    mode, from_source, changed = choose(pure=os.environ.get("FILIERE_PURE_PYTHON") == "1")
    if from_source and not any(isinstance(finder, _FromSource) for finder in sys.meta_path):
        sys.meta_path.insert(0, _FromSource(from_source))
    if changed:
        warnings.warn(
            f"filiere: {', '.join(changed)} changed since compiled; detection reads the Python source"
            " instead (same results, slower). Run `make install` to compile it again.",
            RuntimeWarning,
            stacklevel=2,
        )
    return mode


MODE = _load()  # before any detector is imported (filiere/extract/__init__.py)


def by_fields(value: Any) -> tuple[type[Any], tuple[Any, ...]]:
    """``__reduce__`` of a frozen dataclass that is pickled (detections come back from worker
    processes): compiled, its default pickling sets the fields one by one, which frozen refuses."""
    return type(value), tuple(getattr(value, field.name) for field in dataclasses.fields(value))
