"""Build of filiere's compiled parts (the rest of the project is described in pyproject.toml).

Two of them, both for detection, which reads every message of a case:
- ``filiere/extract/_prescan.c``, the first pass over each message, in plain C;
- the detectors themselves, the modules in ``COMPILED``, compiled to C by mypyc from their typed
  Python source, which stays the one definition of what they do (1.7 times faster on messages
  about drugs, the slow case).

``FILIERE_PURE_PYTHON=1`` at install time leaves the second out (and removes an earlier build of
it). Once a build has succeeded it records the SHA-256 of each source it compiled; at import, the
package checks each compiled module against the source beside it (``filiere/extract/compiled.py``)
and reads the sources instead when one differs, so an edited detector never runs as its old build.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
EXTRACT = Path("filiere") / "extract"
# Compiled together: the calls between them are then direct C calls.
COMPILED = (
    "addresses", "belief", "categories", "checksums", "classify", "clock", "detection", "doses", "figures", "gazetteer",
    "handoffs", "hours", "identifiers", "landmarks", "learned", "learned_categories", "lexicon", "normalize",
    "pipeline", "prescan", "prices", "quarters", "ranks", "signals", "towns", "uk_postcodes", "units", "wallets",
    "weekdays", "zones",
)  # fmt: skip
GROUP = "filiere_extract"  # mypyc's shared library: filiere_extract__mypyc
BUILT = "_compiled.json"  # beside the compiled modules: the SHA-256 of the source each was built from
PURE = os.environ.get("FILIERE_PURE_PYTHON") == "1"


class BuildRecorded(build_ext):
    """``build_ext`` that says what it compiled only once it has: the record of the sources is
    removed first and written last, so an interrupted build leaves the sources to be read. A build
    in place also removes the compiled detectors it no longer builds (all of them when pure)."""

    def run(self) -> None:
        folder = Path(self.get_ext_fullpath("filiere.extract.pipeline")).parent
        (folder / BUILT).unlink(missing_ok=True)
        if self.inplace:
            kept = set() if PURE else set(COMPILED)
            for path in (HERE / EXTRACT).iterdir():
                name = path.name.partition(".")[0]
                if path.name.endswith(tuple(EXTENSION_SUFFIXES)) and not name.startswith("_") and name not in kept:
                    path.unlink()
            if PURE:
                for path in HERE.glob(f"{GROUP}__mypyc.*"):
                    path.unlink()
        super().run()
        if not PURE:
            modules = {
                f"filiere.extract.{name}": hashlib.sha256((HERE / EXTRACT / f"{name}.py").read_bytes()).hexdigest()
                for name in COMPILED
            }
            record = {"library": f"{GROUP}__mypyc", "modules": modules}
            (folder / BUILT).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


extensions = [
    Extension("filiere.extract._prescan", [str(EXTRACT / "_prescan.c")], extra_compile_args=["-O2", "-Wall", "-Werror"])
]
if not PURE:
    from mypyc.build import mypycify

    extensions += mypycify([str(EXTRACT / f"{name}.py") for name in COMPILED], opt_level="3", group_name=GROUP)

setup(ext_modules=extensions, cmdclass={"build_ext": BuildRecorded})
