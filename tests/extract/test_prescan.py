"""The compiled first pass answers as the regexes it stands for: the same folding, every exact flag
equal to its regex, every loose flag set wherever its detector's regex would match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filiere.extract import addresses, detect, normalize, pipeline, prescan, zones
from filiere.extract.pipeline import clear_cache

DEVSET = Path(__file__).parent / "devset.jsonl"
# Where the loose flags stand in front of a detector's own regex gate.
LOOSE_GATES: dict[int, re.Pattern[str]] = {
    prescan.PHONE: pipeline._PHONE_GATE,
    prescan.HOURS: pipeline._HOURS_GATE,
    prescan.ARR: zones._ARR_GATE,
    prescan.DEPT: zones._DEPT_GATE,
    prescan.STREET: addresses._TYPE_CASEFREE,
}
# Characters that exercise every branch: digits of other scripts, separators, look-alike capitals
# (Greek sigma, Turkish İ and ı, long s, Kelvin sign), leetspeak, emoji, astral math letters.
ALPHABET = "aeiouhpbtrsxC0k3 .-_@$/,:9876543210\t\n\u00a0–HEÈèrbis€£ΣσİıſK٣𝐂🍀❄️\ufe0f\ud800"
texts = st.text(alphabet=ALPHABET, max_size=80) | st.text(max_size=40)


def _devset() -> list[str]:
    return [json.loads(line)["text"] for line in DEVSET.open(encoding="utf-8") if line.strip()]


def test_the_installed_package_runs_the_compiled_pass() -> None:
    # `pip install -e .` builds it (make install); a bare source tree falls back to the regexes.
    assert prescan.compiled()


def _check(text: str) -> None:
    folded, flags = prescan.prescan(text)
    reference, reference_flags = prescan.prescan_py(text)
    assert folded == reference == normalize.fold(text)
    exact = (~prescan.LOOSE) & prescan.ALL
    assert flags & exact == reference_flags & exact, text
    for flag, pattern in LOOSE_GATES.items():
        if pattern.search(text) is not None:
            assert flags & flag, (text, flag)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_flags_and_folding_agree_with_the_regexes(text: str) -> None:
    _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "3 place de la Mairie",
        "12bis, rue des Lilas 93200 Saint-Denis",
        "3  rue X",
        "Paris 18e, 92/93/94, le 2A, de 14h à 2h, 10am-10pm",
        "FR76 3000 6000 0112 3456 7890 189",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "c0ke m@d b3uh w33d a1b2c",
        "b e u h",
        " x y z",
        "ΣΟΦΟΣ",
        "İSTANBUL",
        "٣٤٥٦٧ ٠٦ ٣٩",
        "x" * 600 + " 06 39 98 12 34",  # longer than the compiled pass's stack buffer
    ],
)
def test_known_cases(text: str) -> None:
    _check(text)


def test_every_code_point_folds_as_python_does() -> None:
    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and c not in (0x130, 0x3A3))
    assert prescan.prescan(chars)[0] == normalize.fold(chars)


def test_detections_are_the_same_without_the_compiled_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _devset()
    compiled = [detect(text, cache=False) for text in texts]
    monkeypatch.setattr(prescan, "_native", None)
    clear_cache()
    assert not prescan.compiled()
    assert [detect(text, cache=False) for text in texts] == compiled


def test_configure_refuses_what_is_not_a_table() -> None:
    native = prescan._native
    assert native is not None
    with pytest.raises(TypeError):
        native.configure(b"abc")  # not a whole number of 32-bit values
    with pytest.raises(ValueError):
        native.configure(b"\xff\xff\xff\xff")  # not a code point
    with pytest.raises(TypeError):
        native.prescan(b"bytes")  # type: ignore[arg-type]
    assert native.prescan("C0KE")[0] == "coke"  # the table in use was kept
