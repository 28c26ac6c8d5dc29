"""Build of filiere's compiled parts (the rest of the project is described in pyproject.toml).

Two of them, both for detection, which reads every message of a case:
- ``filiere/extract/_prescan.c``, the first pass over each message, in plain C;
- the detectors themselves, the modules in ``COMPILED``, compiled to C by mypyc from their typed
  Python source, which stays the one definition of what they do (1.7 times faster on messages
  about drugs, the slow case).

``FILIERE_PURE_PYTHON=1`` at install time leaves the second out. At import, the package checks
that each compiled module was built from the source beside it (``filiere/extract/compiled.py``)
and reads the source instead when it was not, so an edited detector never runs as its old build.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).resolve().parent
EXTRACT = Path("filiere") / "extract"
# Compiled together: the calls between them are then direct C calls.
COMPILED = (
    "addresses", "categories", "checksums", "classify", "detection", "doses", "handoffs", "hours",
    "identifiers", "learned", "learned_categories", "lexicon", "normalize", "pipeline", "prescan", "prices", "signals",
    "wallets", "zones",
)  # fmt: skip
BUILT = HERE / EXTRACT / "_compiled.json"  # the SHA-256 of the source each module was compiled from

extensions = [
    Extension("filiere.extract._prescan", [str(EXTRACT / "_prescan.c")], extra_compile_args=["-O2", "-Wall", "-Werror"])
]
if os.environ.get("FILIERE_PURE_PYTHON") == "1":
    BUILT.unlink(missing_ok=True)
else:
    from mypyc.build import mypycify

    sources = [EXTRACT / f"{name}.py" for name in COMPILED]
    extensions += mypycify([str(path) for path in sources], opt_level="3", group_name="filiere_extract")
    digests = {
        f"filiere.extract.{path.stem}": hashlib.sha256((HERE / path).read_bytes()).hexdigest() for path in sources
    }
    BUILT.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")

setup(ext_modules=extensions)
