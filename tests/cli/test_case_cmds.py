"""The case commands as an investigator types them: messages, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from filiere.cli import cli


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_every_command_has_help() -> None:
    for args in ([], ["case"], ["case", "init"], ["add"], ["verify"], ["log"], ["parse"]):
        code, out, _ = run(*args, "--help")
        assert code == 0 and "Usage" in out


def test_init_add_verify_log(tmp_path: Path) -> None:
    case = tmp_path / "affaire"
    code, out, _ = run("case", "init", case, "--title", "Centrale Cerise", "--reference", "PV 1")
    assert code == 0 and "case created" in out
    (tmp_path / "scelle").mkdir()
    (tmp_path / "scelle" / "a.bin").write_bytes(b"\x00\x01binary")
    (tmp_path / "scelle" / "b.bin").write_bytes(b"\x00\x02binary")
    code, out, _ = run("add", case, tmp_path / "scelle", "--source", "Scellé 3", "--json")
    assert code == 0
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in reports] == ["a.bin", "b.bin"]
    assert all(r["status"] == "unrecognised" and r["new"] for r in reports)
    code, out, _ = run("verify", case)
    assert code == 0 and "intact" in out
    code, out, _ = run("log", case)
    assert code == 0
    assert [line.split()[3] for line in out.splitlines()[:-1]] == [
        "case.create", "evidence.add", "evidence.unrecognised", "evidence.add", "evidence.unrecognised",
    ]  # fmt: skip
    assert "Scellé 3" in out


def test_verify_names_the_tampered_file_and_fails(tmp_path: Path) -> None:
    case = tmp_path / "affaire"
    run("case", "init", case, "--title", "t")
    (tmp_path / "x.txt").write_text("original")
    run("add", case, tmp_path / "x.txt", "--no-read")
    stored = next((case / "evidence").iterdir())
    os.chmod(stored, 0o644)
    stored.write_text("changed!")
    code, _, err = run("verify", case)
    assert code == 5
    assert f"TAMPERED: evidence x.txt ({stored.name}): content altered" in err


def test_errors_are_messages_with_a_hint(tmp_path: Path) -> None:
    code, _, err = run("add", tmp_path, tmp_path / "x")
    assert code == 2 and "is not a filiere case folder" in err and "filiere case init" in err
    run("case", "init", tmp_path / "c", "--title", "t")
    code, _, err = run("add", tmp_path / "c", tmp_path / "missing.txt")
    assert code == 4 and "missing.txt: no such file" in err
    (tmp_path / "f.txt").write_text("x")
    code, _, err = run("add", tmp_path / "c", tmp_path / "f.txt", "--tz", "Mars/Olympus")
    assert code == 64 and "unknown time zone 'Mars/Olympus'" in err and "Europe/Paris" in err


def test_french_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FILIERE_LANG")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, _, err = run("verify", tmp_path)
    assert code == 2 and "n'est pas un dossier d'affaire" in err


def test_parse_without_a_case_names_an_unknown_file(tmp_path: Path) -> None:
    f = tmp_path / "junk.bin"
    f.write_bytes(os.urandom(256))
    code, out, err = run("parse", f)
    assert code == 4 and out == "" and "junk.bin: no reader recognises this file" in err
