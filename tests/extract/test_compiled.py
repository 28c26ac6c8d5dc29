"""The detectors compiled by mypyc: built from the source beside them, and detecting exactly as it does."""

from __future__ import annotations

import ast
import doctest
import hashlib
import importlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from filiere.extract import compiled, detect

DEVSET = Path(__file__).parent / "devset.jsonl"
COMPILED = sorted(compiled.built()[0])
needs_compiled = pytest.mark.skipif(compiled.MODE != "compiled", reason=f"detectors loaded as {compiled.MODE}")
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]

# Detections of every labelled message, one at a time and in conversations of ten, as JSON: the
# same script runs here (compiled) and in a process told to read the sources.
DIGEST = """
import hashlib, json, sys
from filiere.extract import detect, detect_conversation
import filiere.extract.pipeline as pipeline
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
texts += ["", "\\x00\\x01\\ufffd" * 50, "70 le G " * 20000, "🍀❄️💊 06 39 98 12 21 @plug_92 t.me/x"]
digest = hashlib.sha256()
for text in texts:
    digest.update(json.dumps(detect(text, cache=False).to_dict(), sort_keys=True).encode())
for start in range(0, len(texts), 10):
    for found in detect_conversation(texts[start : start + 10]):
        digest.update(json.dumps(found.to_dict(), sort_keys=True).encode())
print(pipeline.__file__, digest.hexdigest())
"""


def _digest(pure: bool) -> tuple[str, str]:
    environ = {**os.environ, "FILIERE_PURE_PYTHON": "1" if pure else "0"}
    done = subprocess.run(
        [sys.executable, "-c", DIGEST, str(DEVSET)], env=environ, capture_output=True, text=True, check=True
    )
    where, digest = done.stdout.split()
    return where, digest


def test_the_detectors_run_compiled_unless_asked_not_to() -> None:
    # make install compiles them: a build that silently left them out would only be slower.
    if os.environ.get("FILIERE_PURE_PYTHON") == "1":
        assert compiled.MODE == "source"
    else:
        assert compiled.MODE == "compiled", "run `make install`: the detectors are not compiled"
        assert "filiere.extract.pipeline" in COMPILED and "filiere.extract.classify" in COMPILED
        assert importlib.import_module("filiere.extract.pipeline").__file__.endswith(SUFFIX)


@needs_compiled
def test_compiled_and_source_detect_alike() -> None:
    compiled_at, compiled_digest = _digest(pure=False)
    source_at, source_digest = _digest(pure=True)
    assert compiled_at.endswith(SUFFIX) and source_at.endswith("pipeline.py")
    assert compiled_digest == source_digest


@needs_compiled
@pytest.mark.parametrize("name", COMPILED)
def test_docstring_examples_of_compiled_modules(name: str) -> None:
    # pytest reads examples from the source file and refuses a module imported compiled (see conftest.py).
    module = importlib.import_module(name)
    source = compiled.HERE / f"{name.rpartition('.')[2]}.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    expected = attempted = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        text = ast.get_docstring(node, clean=False)
        if not text or ">>>" not in text:
            continue
        expected += text.count(">>>")
        test = parser.get_doctest(text, dict(vars(module)), f"{name}:{getattr(node, 'name', '')}", str(source), 0)
        result = runner.run(test, out=lambda _: None)
        assert result.failed == 0, f"a docstring example of {test.name} fails compiled"
        attempted += result.attempted
    assert attempted == expected


def test_compiled_detections_pickle_and_copy() -> None:
    # Detections come back from worker processes pickled; compiled frozen classes need their own reduce.
    import copy
    import pickle

    found = detect(
        "Beuh 🍀 70 le G, Signal 06 39 98 12 21, livraison Paris 11e 12h-00h, IBAN FR7630006000011234567890189"
    )
    assert found.prices and found.handoffs and found.hours and found.zones
    assert pickle.loads(pickle.dumps(found)) == found
    assert copy.deepcopy(found) == found
    assert [copy.copy(price) for price in found.prices] == list(found.prices)


def _folder(tmp_path: Path, source: bytes = b"X = 1\n", library: str = "json") -> Path:
    # "json" stands for the shared library: a module that is there.
    (tmp_path / "x.py").write_bytes(source)
    (tmp_path / f"x{SUFFIX}").write_bytes(b"")
    (tmp_path / f"_prescan{SUFFIX}").write_bytes(b"")
    record = {"library": library, "modules": {"filiere.extract.x": hashlib.sha256(source).hexdigest()}}
    (tmp_path / compiled.BUILT.name).write_text(json.dumps(record), encoding="utf-8")
    return tmp_path


def test_a_module_built_from_its_source_is_loaded_compiled(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert compiled.choose(folder) == ("compiled", frozenset(), [])
    assert compiled.choose(folder, pure=True) == ("source", frozenset({"filiere.extract.x"}), [])


def test_an_edited_source_is_read_instead_of_its_old_build(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "x.py").write_bytes(b"X = 2\n")
    assert compiled.choose(folder) == ("stale", frozenset({"filiere.extract.x"}), ["filiere.extract.x"])
    assert compiled.choose(folder, pure=True)[0] == "source"  # asked for: no warning to rebuild
    (folder / compiled.BUILT.name).unlink()  # compiled, but by a build that did not finish
    assert compiled.choose(folder)[0] == "stale"
    (folder / compiled.BUILT.name).write_text("{not json", encoding="utf-8")
    assert compiled.choose(folder)[0] == "stale"


def test_modules_without_their_shared_library_are_read_from_source(tmp_path: Path) -> None:
    folder = _folder(tmp_path, library="filiere_no_such__mypyc")
    assert compiled.choose(folder) == ("stale", frozenset({"filiere.extract.x"}), ["filiere.extract.x"])


def test_nothing_compiled_but_the_first_pass_reads_sources(tmp_path: Path) -> None:
    (tmp_path / f"_prescan{SUFFIX}").write_bytes(b"")
    (tmp_path / "x.py").write_bytes(b"X = 1\n")
    assert compiled.choose(tmp_path) == ("source", frozenset(), [])


@needs_compiled
def test_the_build_recorded_what_it_compiled_after_compiling_it() -> None:
    # setup.py writes the record once the build has succeeded: never older than what it describes.
    record = compiled.HERE / compiled.BUILT.name
    built = [path for path in compiled.HERE.iterdir() if path.name.endswith(SUFFIX) and not path.name.startswith("_")]
    assert built and all(path.stat().st_mtime <= record.stat().st_mtime for path in built)
