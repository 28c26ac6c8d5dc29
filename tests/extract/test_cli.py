"""``filiere detect``: one JSON object per message, a per-line error for what cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from filiere.cli.detect import MAX_LINE, detect_command


def _run(args: list[str], data: bytes | None = None) -> tuple[int, list[dict[str, object]], list[dict[str, object]]]:
    result = CliRunner().invoke(detect_command, args, input=data)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    err = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return result.exit_code, out, err


def test_plain_lines(tmp_path: Path) -> None:
    path = tmp_path / "messages.txt"
    path.write_text("Beuh 🍀 10€ le G, livraison 7j/7\nPizza margherita 9€, livraison offerte\n", encoding="utf-8")
    code, out, err = _run([str(path)])
    assert code == 0 and err == []
    assert [(o["line"], o["drug_trade"]) for o in out] == [(1, True), (2, False)]
    assert out[0]["products"] == ["cannabis_herb"]


def test_jsonl_copies_fields_from_stdin() -> None:
    data = b'{"id": "m1", "chat": "x", "text": "CC dispo 70 le g"}\n{"id": "m2", "text": "salut"}\n'
    code, out, err = _run(["--jsonl", "-"], data)
    assert code == 0 and err == []
    assert [(o["id"], o["drug_trade"]) for o in out] == [("m1", True), ("m2", False)]
    assert out[0]["chat"] == "x" and "text" not in out[0]


def test_bad_lines_are_reported_and_the_run_goes_on() -> None:
    data = b"\n".join(
        [
            b'{"id": 1, "text": "T\'as de la beuh ?"}',
            b"",
            b"not json",
            b"[1, 2]",
            b'{"id": 5}',
            b'{"id": 6, "text": "caf\xc3"}',
            b'{"id": 7, "text": "\\ud800 la C 70 le g"}',
        ]
    )
    code, out, err = _run(["--jsonl", "-"], data)
    assert code == 0
    assert [o["id"] for o in out] == [1, 7]
    assert [e["line"] for e in err] == [2, 3, 4, 5, 6]
    assert all(isinstance(e["error"], str) and e["error"] for e in err)


def test_invalid_utf8_and_binary_junk_in_plain_mode() -> None:
    data = b"ok\n\xff\xfe\x00junk\n\x00\x01\x02 binaire\nla C 70 le g\n"
    code, out, err = _run(["-"], data)
    assert code == 0
    assert [o["line"] for o in out] == [1, 3, 4]
    assert [e["line"] for e in err] == [2]
    assert out[-1]["drug_trade"] is True


def test_megabyte_lines(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    long_line = b"Beuh 10 le G " + b"x" * 1_100_000
    too_long = b"y" * (MAX_LINE + 10)
    path.write_bytes(long_line + b"\n" + too_long + b"\nla C 70 le g\n")
    code, out, err = _run([str(path)])
    assert code == 0
    assert [(o["line"], o["truncated"]) for o in out] == [(1, True), (3, False)]
    assert [e["line"] for e in err] == [2]


def test_output_escapes_hostile_text() -> None:
    data = b'{"id": "a\\u2028b", "text": "la C 70 le g \\u2028 \\"}"}\n'
    code, out, _ = _run(["--jsonl", "-"], data)
    assert code == 0 and out[0]["id"] == "a\u2028b"
