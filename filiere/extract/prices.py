"""Prices and quantities: "70 le G", "60 les 10g", "£10/g", "3 G = 180", "le pochon 10€".

The text is cut into number tokens (an amount with or without currency, a quantity with its unit)
and unit tokens ("le G", "/g"); two neighbours joined by a connector ("le", "=", "pour", "/", "à")
make a price. Runs only on texts with a digit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

# Unit words, longest first within each group; the code is the canonical unit.
_UNITS: dict[str, tuple[str, ...]] = {
    "kg": ("kilogrammes", "kilos", "kilo", "kils", "kil", "kgs", "kg"),
    "g": ("grammes", "gramme", "grams", "gram", "grs", "gr", "g"),
    "mg": ("mg",),
    "ml": ("ml",),
    "l": ("litres", "litre"),
    "oz": ("ounces", "ounce", "oz"),
    "eighth": ("eighths", "eighth"),
    "pill": ("cachets", "cachet", "comprimés", "comprimes", "comprimé", "pills", "pill", "taz", "ecstas"),
    "tab": ("buvards", "buvard", "tabs", "tab", "cartons", "carton"),
    "pochon": ("pochons", "pochon", "pochtars", "pochtar", "bags", "bag", "baggies"),
    "plaquette": ("plaquettes", "plaquette", "plaqs", "plaq"),
    "savonnette": ("savonnettes", "savonnette"),
    "barrette": ("barrettes", "barrette"),
    "boulette": ("boulettes", "boulette"),
    "bonbonne": ("bonbonnes", "bonbonne", "bouteilles", "bouteille", "tanks", "tank"),
    "ballon": ("ballons", "ballon", "balloons", "balloon"),
    "joint": ("joints", "joint", "prerolls", "pre-rolls"),
    "vape": ("pods", "pod", "carts", "cart", "puffs", "puff"),
}
_UNIT_OF = {word: code for code, words in _UNITS.items() for word in words}
_UNIT_RE = "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))

_CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "e": "EUR", "balles": "EUR", "boules": "EUR",
    "£": "GBP", "gbp": "GBP", "quid": "GBP", "$": "USD", "usd": "USD", "dollars": "USD",
    "dollar": "USD", "bucks": "USD",
}  # fmt: skip
_CUR_RE = r"€|euros?|eur|balles|boules|£|gbp|quid|\$|usd|dollars?|bucks|e(?![a-z])"

# A number first (the regex engine skips fast to digits), then what follows it is read in place.
_NUMBER = re.compile(r"\d{1,6}(?:[.,]\d{1,2})?(?!\d)")
_AFTER = re.compile(
    rf"(?!\s?\d\d\s?\d\d)(?:\s?(?P<k>k)(?![a-z]))?(?:\s?(?:(?P<cur>{_CUR_RE})|(?P<unit>{_UNIT_RE}))(?![a-z]))?",
    re.IGNORECASE,
)
# A unit after an article ("le G", "a gram", "/g"): only read when the lexicon saw such a phrase.
_UNIT_ONLY = re.compile(
    rf"(?:\b(?:le|la|les|l'|the|a|an|per|un|une|par)\s|/\s?)(?P<unit1>{_UNIT_RE})(?![a-z])", re.IGNORECASE
)
_CONNECTOR = re.compile(
    r"\s*(?:(?:le|la|les|l'|the|a|an|per|pour|for|par|à|at|@|=|:|-|–|->|=>|→|/|,|=>)\s*)?\s*",
    re.IGNORECASE,
)
_MAX_GAP = 12


@dataclass(frozen=True, slots=True)
class Price:
    """An amount asked for a quantity of a product; ``quantity``/``unit`` None when not stated."""

    amount: float
    currency: str
    quantity: float | None
    unit: str | None
    product: str | None
    start: int
    end: int


class _Token(NamedTuple):
    start: int
    end: int
    number: float
    currency: str | None
    unit: str | None


def _number(raw: str, thousands: bool) -> float:
    value = float(raw.replace(",", "."))
    return value * 1000 if thousands else value


def _tokens(text: str, exclude: list[tuple[int, int]], units: Sequence[tuple[int, int, str]]) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _NUMBER.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_.,:+"):
            continue
        after = _AFTER.match(text, match.end())
        if after is None:
            continue
        end = after.end()
        if exclude and any(low < end and start < high for low, high in exclude):
            continue
        pre = text[start - 1] if start and text[start - 1] in "€£$" else ""
        if not pre and start > 1 and text[start - 1] == " " and text[start - 2] in "€£$":
            pre = text[start - 2]
        cur, unit = after.group("cur"), after.group("unit")
        currency = _CURRENCIES.get((cur or pre).lower())
        number = _number(match.group(), after.group("k") is not None)
        if pre:
            start -= len(text[start - 2 : start]) if text[start - 1] == " " else 1
        unit_code = _UNIT_OF[unit.lower()] if unit and not currency else None
        tokens.append(_Token(start, end, number, currency, unit_code))
    if units:
        for start, end, word in units:
            unit = _UNIT_OF.get(word.rsplit(" ", 1)[-1].lstrip("/"))
            if unit is not None:
                tokens.append(_Token(start, end, 1.0, None, unit))
        tokens.sort(key=lambda token: token.start)
    return tokens


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    if len(gap) > _MAX_GAP or "\n" in gap:
        return False
    match = _CONNECTOR.fullmatch(gap)
    return match is not None


def find_prices(
    text: str, exclude: list[tuple[int, int]] | None = None, units: Sequence[tuple[int, int, str]] | None = None
) -> tuple[list[Price], list[tuple[int, int, float, str]]]:
    """Prices in ``text`` and quantities with a unit, priced or not ("10g", "2 pochons").

    Spans in ``exclude`` (phone numbers, hours) are not read as amounts. ``units`` are the spans of
    "le G", "a gram" phrases (``start, end, folded words``), found by the lexicon; without them,
    they are looked for here. Products are left empty: the caller knows where products are named.

    >>> [(p.amount, p.quantity, p.unit) for p in find_prices("60 les 10g, 70 le G")[0]]
    [(60.0, 10.0, 'g'), (70.0, 1.0, 'g')]
    """
    if units is None:
        units = [(m.start(), m.end(), m.group().lower()) for m in _UNIT_ONLY.finditer(text)]
    tokens = _tokens(text, exclude or [], units)
    prices: list[Price] = []
    used: set[int] = set()
    for index in range(len(tokens) - 1):
        left, right = tokens[index], tokens[index + 1]
        if index in used or (left.unit is None) == (right.unit is None) or not _joined(text, left, right):
            continue
        money, amount_of = (left, right) if left.unit is None else (right, left)
        if money.number == 0:
            continue
        if money.currency is None and money.number < 5:  # "3 G 2" is no price
            continue
        used.update((index, index + 1))
        prices.append(
            Price(
                money.number,
                money.currency or "EUR",
                amount_of.number,
                amount_of.unit,
                None,
                left.start,
                right.end,
            )
        )
    for index, token in enumerate(tokens):
        if index not in used and token.unit is None and token.currency is not None:
            prices.append(Price(token.number, token.currency, None, None, None, token.start, token.end))
    prices.sort(key=lambda price: price.start)
    quantities = [(t.start, t.end, t.number, t.unit) for t in tokens if t.unit is not None]
    return prices, quantities
