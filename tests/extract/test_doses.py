"""Doses: a number joined to the product it measures, or a unit only drugs are counted in."""

from __future__ import annotations

import pytest

from filiere.extract import default_lexicon
from filiere.extract.doses import find_doses
from filiere.extract.figures import read_numbers
from filiere.extract.normalize import fold_variants
from filiere.extract.signals import collect


def _doses(text: str) -> list[tuple[str, str | None]]:
    signals = collect(default_lexicon().scan(fold_variants(text), text), [])
    products = signals.strong + signals.weak
    return [(text[d.start : d.end], d.product) for d in find_doses(text, read_numbers(text), products)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2g 🍀", [("2g 🍀", "cannabis_herb")]),
        ("2x🍀", [("2x🍀", "cannabis_herb")]),
        ("un 20 de beuh", [("20 de beuh", "cannabis_herb")]),
        ("20e de shit", [("20e de shit", "cannabis_resin")]),
        ("1g de la blanche", [("1g de la blanche", "cocaine")]),
        ("3 pochons de verte", [("3 pochons de verte", "cannabis_herb")]),
        ("2 taz", [("2 taz", "mdma")]),
        ("prends 30 pochons", [("30 pochons", None)]),
        ("Les 3g c'est 30", [("3g", None)]),
        ("he'll pass u the 2 g's thru the window", [("2 g", None)]),  # "the 2 g", no network
    ],
)
def test_doses(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _doses(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2 jaunes d'oeufs",
        "500 g de farine",
        "2 g of saffron",
        "pas de 4g ici",
        "the 5G mast",
        "2 bags of shopping",
        "70 le G",
    ],
)
def test_not_doses(text: str) -> None:
    assert _doses(text) == []
