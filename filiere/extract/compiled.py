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


def built(folder: Path = HERE) -> tuple[dict[str, str], str | None]:
    """The compiled modules, each with the SHA-256 of the source it was built from, and the shared
    library they need (none: a pure install, or a build that did not finish)."""
    try:
        record = json.loads((folder / BUILT.name).read_text(encoding="utf-8"))
        modules, library = record["modules"], record["library"]
    except (OSError, ValueError, TypeError, KeyError):
        return {}, None
    if not isinstance(modules, dict) or not isinstance(library, str):
        return {}, None
    return {str(name): str(digest) for name, digest in modules.items()}, library


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
    compiled); or ``stale`` (source: the modules listed last changed since they were compiled,
    were compiled by a build that did not record them, or miss their shared library). The
    second item names the modules to read from source."""
    present = compiled_here(folder)
    if not present:
        return "source", frozenset(), []
    digests, library = built(folder)
    every = frozenset(present | digests.keys())
    if pure:
        return "source", every, []
    changed = sorted(set(stale(digests, folder)) | (present - digests.keys()))
    if not changed and (library is None or importlib.util.find_spec(library) is None):
        changed = sorted(every)  # compiled, but their shared library is missing
    return ("stale", every, changed) if changed else ("compiled", frozenset(), [])


def _load() -> str:
    mode, from_source, changed = choose(pure=os.environ.get("FILIERE_PURE_PYTHON") == "1")
    if from_source and not any(isinstance(finder, _FromSource) for finder in sys.meta_path):
        sys.meta_path.insert(0, _FromSource(from_source))
    if changed:
        warnings.warn(
            f"filiere: {', '.join(changed)} changed since compiled (or its build is incomplete); detection reads"
            " the Python source instead (same results, slower). Run `make install` to compile it again.",
            RuntimeWarning,
            stacklevel=4,  # the import of filiere.extract
        )
    return mode


MODE = _load()  # before any detector is imported (filiere/extract/__init__.py)


def by_fields(value: Any) -> tuple[type[Any], tuple[Any, ...]]:
    """``__reduce__`` of a frozen dataclass that is pickled (detections come back from worker
    processes): compiled, its default pickling sets the fields one by one, which frozen refuses."""
    return type(value), tuple(getattr(value, field.name) for field in dataclasses.fields(value))
