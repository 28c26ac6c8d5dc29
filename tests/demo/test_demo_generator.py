"""Determinism, exact sizes, scales and the output folder rules of the demo generator."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from filiere.demo import LARGE, SMALL, generate, parse_scale
from filiere.errors import UsageError


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_case(tmp_path: Path) -> None:
    one = _digests(generate(tmp_path / "a", seed=3, scale="300").path)
    two = _digests(generate(tmp_path / "b", seed=3, scale="300").path)
    other = _digests(generate(tmp_path / "c", seed=4, scale="300").path)
    assert one == two and len(one) > 15
    assert one["truth.json"] != other["truth.json"]
    shared_names = {name for name in one if name in other and not name.endswith(".jpg")}
    assert all(one[name] != other[name] for name in shared_names)


@pytest.mark.parametrize("size", [300, 1_234])
def test_integer_scale_gives_the_asked_counts(tmp_path: Path, size: int) -> None:
    root = generate(tmp_path / "case", seed=1, scale=str(size)).path
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    telegram = sum(e["messages"] for e in truth["files"] if e["format"] == "telegram_json")
    chat = root / "telephone_livreur" / "whatsapp" / "Discussion WhatsApp avec Dispatch.txt"
    assert telegram == size
    assert len(chat.read_text(encoding="utf-8").splitlines()) == size
    channels = [json.loads((root / c["file"]).read_text(encoding="utf-8")) for c in truth["channels"]]
    assert sum(len(c["messages"]) for c in channels) == size


def test_scales() -> None:
    assert parse_scale("small") is SMALL and parse_scale("LARGE") is LARGE
    assert (LARGE.telegram_messages, LARGE.whatsapp_lines) == (1_000_000, 1_000_000)
    sized = parse_scale("1e5")
    assert (sized.telegram_messages, sized.whatsapp_lines) == (100_000, 100_000)
    assert SMALL.days < sized.days <= LARGE.days and sized.customers > SMALL.customers
    for bad in ("huge", "12", "1.5e3x", "-300", "2.5"):
        with pytest.raises(UsageError):
            parse_scale(bad)


def test_output_folder_rules(tmp_path: Path) -> None:
    target = tmp_path / "case"
    generate(target, scale="200")
    with pytest.raises(UsageError, match=r"pas vide|not empty"):
        generate(target, scale="200")
    generate(target, seed=2, scale="200", force=True)
    assert json.loads((target / "truth.json").read_text(encoding="utf-8"))["generator"]["seed"] == 2
    other = tmp_path / "not-a-demo"
    other.mkdir()
    (other / "notes.txt").write_text("ne pas effacer", encoding="utf-8")
    with pytest.raises(UsageError):
        generate(other, scale="200", force=True)
    assert (other / "notes.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "not-a-demo"]  # no half-written folders left
