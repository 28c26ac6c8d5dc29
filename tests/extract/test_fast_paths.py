"""The cheap looks and digit-led patterns of the detectors read what the full patterns read."""

from __future__ import annotations

import pytest

from filiere.extract import detect
from filiere.extract.figures import read_numbers
from filiere.extract.hours import find_hours
from filiere.extract.zones import find_zones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€10 le g", [(0, 3, 10.0, "EUR", None), (4, 8, 1.0, None, "g")]),
        ("£ 10 the gram", [(0, 4, 10.0, "GBP", None), (5, 13, 1.0, None, "g")]),
        ("prix: $ 5", [(6, 9, 5.0, "USD", None)]),
        ("a€10", [(1, 4, 10.0, "EUR", None)]),
        # The sign after the first number belongs to it, not to the next one.
        ("10€ 20 le G", [(0, 3, 10.0, "EUR", None), (4, 6, 20.0, None, None), (7, 11, 1.0, None, "g")]),
        ("€  10", [(3, 5, 10.0, None, None)]),  # two spaces: the sign is not the number's
        ("ref12 3,5g", [(6, 10, 3.5, None, "g")]),  # a number glued to a word is no amount
    ],
)
def test_currency_sign_before_a_number(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [tuple(number) for number in read_numbers(text)] == expected


def test_postcode_is_a_run_of_exactly_five_digits() -> None:
    zones = find_zones("livraison 93200 et 750011 et 1234512345, code 75011.5 et 13001 13016, 69003.", [], [])
    assert [(zone.kind, zone.value, zone.start) for zone in zones] == [
        ("postcode", "93200", 10),
        ("postcode", "13001", 57),
        ("postcode", "13016", 63),
        ("postcode", "69003", 70),
    ]


def test_hours_without_a_time_or_a_day_word() -> None:
    assert find_hours("on livre partout, demande") == []
    assert [(h.start, h.end) for h in find_hours("ouvert de 14h à 2h")] == [("14:00", "02:00")]
    assert [h.days for h in find_hours("livraison du lundi au samedi")] == [("mon", "tue", "wed", "thu", "fri", "sat")]
    assert [(h.start, h.end) for h in find_hours("dispo non-stop")] == [("00:00", "24:00")]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("livraison du ſamedi au lundi", ("mon", "sat", "sun")),  # long s
        ("livraison frıday to sunday", ("fri", "sat", "sun")),  # dotless i
        ("livraison FRİDAY to SUNDAY sauf ſunday", ("fri", "sat")),  # dotted capital I
    ],
)
def test_day_words_in_look_alike_letters_do_not_crash(text: str, days: tuple[str, ...]) -> None:
    # Case-free matching reads these letters as s and i; the day must still be found by name.
    assert [h.days for h in detect(text, cache=False).hours] == [days]


def test_a_full_stop_alone_wakes_no_detector() -> None:
    # Ordinary chat ends its sentences: without a lexicon word, a digit, an "@", a link or a long
    # token there is nothing to read, and the fast path answers.
    assert (
        detect("Quia neque accusantium qui debitis error.", cache=False).to_dict()
        == detect("Quia neque accusantium qui debitis error", cache=False).to_dict()
    )
    assert detect("voir https://example.org pour la suite.", cache=False).links == ("https://example.org",)
