"""The words that say a quantity's unit ("pochon", "8th", "zip") and an amount's currency
("balles", "quid", "bucks"), read by ``prices``."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Unit words, longest first within each group; the code is the canonical unit.
UNITS: dict[str, tuple[str, ...]] = {
    "kg": ("kilogrammes", "kilos", "kilo", "kils", "kil", "kgs", "kg"),
    "g": ("grammes", "gramme", "grams", "gram", "grs", "gr", "g"),
    "mg": ("mg",),
    "ml": ("ml",),
    "l": ("litres", "litre"),
    "oz": ("ounces", "ounce", "onces", "oz", "zips", "zip"),
    "eighth": ("eighths", "eighth", "8ths", "8th"),
    "pill": (
        "cachets",
        "cachet",
        "comprimés",
        "pilules",
        "pilule",
        "comprimes",
        "comprimé",
        "gélules",
        "gélule",
        "gelules",
        "gelule",
        "pills",
        "pill",
        "taz",
        "ecstas",
    ),
    "tab": ("buvards", "buvard", "tabs", "tab", "cartons", "carton"),
    "pochon": ("pochons", "pochon", "pochtars", "pochtar", "bags", "bag", "baggies", "baggie", "sachets", "sachet"),
    "plaquette": ("plaquettes", "plaquette", "plaqs", "plaq"),
    "savonnette": ("savonnettes", "savonnette"),
    "barrette": ("barrettes", "barrette"),
    "boulette": ("boulettes", "boulette"),
    "bonbonne": ("bonbonnes", "bonbonne", "bouteilles", "bouteille", "tanks", "tank"),
    "ballon": ("ballons", "ballon", "balloons", "balloon"),
    "joint": ("joints", "joint", "prerolls", "preroll", "pre-rolls", "pre-roll"),
    "vape": (
        "disposables",
        "disposable",
        "pods",
        "pod",
        "carts",
        "cart",
        "puffs",
        "puff",
        "pens",
        "pen",
        "vapes",
        "vape",
    ),
    "vial": ("fioles", "fiole", "flacons", "flacon", "vials", "vial"),
    "piece": ("pièces", "pièce", "pieces", "piece", "pcs", "each", "unité", "pop"),
    "point": ("points", "point"),
    "bar": ("bars", "bar", "barres", "barre"),
    "rock": ("cailloux", "caillou", "rocks", "rock", "pebbles", "pebble"),
}
UNIT_OF = {word: code for code, words in UNITS.items() for word in words}
# Quantities said in words, as UK and US lines price them: "an 8th", "a Q" (a quarter ounce),
# "half oz", "a QP" (a quarter pound: four ounces).
QUANTITY_WORDS: dict[str, tuple[float, str]] = {
    "q": (0.25, "oz"), "quarter": (0.25, "oz"),
    "quarter oz": (0.25, "oz"), "half oz": (0.5, "oz"), "half an oz": (0.5, "oz"), "half o": (0.5, "oz"),
    "half ounce": (0.5, "oz"), "qp": (4.0, "oz"), "quarter pound": (4.0, "oz"), "half a gram": (0.5, "g"),
    "half a g": (0.5, "g"), "half g": (0.5, "g"), "demi g": (0.5, "g"), "quarters": (0.25, "oz"), "o": (1.0, "oz"),
    "demi-kilo": (0.5, "kg"), "demi kilo": (0.5, "kg"), "demi-kil": (0.5, "kg"), "8ball": (1.0, "eighth"),
    "8-ball": (1.0, "eighth"), "eight ball": (1.0, "eighth"), "eightball": (1.0, "eighth"),
    "half zip": (0.5, "oz"), "half a zip": (0.5, "oz"), "quart once": (0.25, "oz"), "quart d'once": (0.25, "oz"),
    "demi once": (0.5, "oz"), "demi-once": (0.5, "oz"), "once": (1.0, "oz"), "half key": (0.5, "kg"),
    "half a key": (0.5, "kg"),
}  # fmt: skip

# Currency words and signs, and the code each says.
CURRENCIES: dict[str, str] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "e": "EUR", "balles": "EUR", "boules": "EUR",
    "£": "GBP", "gbp": "GBP", "quid": "GBP", "$": "USD", "usd": "USD", "dollars": "USD",
    "dollar": "USD", "bucks": "USD", "chf": "CHF", "francs": "CHF",
}  # fmt: skip
OTHER_DOLLARS = frozenset({"CAD", "AUD", "NZD"})
_UNITED_STATES_DOLLAR = re.compile(r"\bUS\s?\$|\bUSD\b|\bUS dollars?\b", re.IGNORECASE)

# Millions and billions of a currency: "£1.2m", "$1.3 million", "2 millions d'euros", "€3bn".
MILLIONS = {
    "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "milliard": 1e9, "milliards": 1e9,
}  # fmt: skip
_DOLLAR_PREFIX = re.compile(r"(?<![^\W\d_])(?P<c>AU|A|CA|CAN|C|NZ|US)$", re.IGNORECASE)
_DOLLARS = {"AU": "AUD", "A": "AUD", "CA": "CAD", "CAN": "CAD", "C": "CAD", "NZ": "NZD", "US": "USD"}


def dollars_unnamed(text: str, currencies: Iterable[str]) -> bool:
    """Whether the amounts of ``text`` (their ``currencies``) are all in dollars written as a bare
    sign, no country named ("$35", not "US$35", "35 USD"): the country of its places may tell."""
    return all(currency == "USD" for currency in currencies) and _UNITED_STATES_DOLLAR.search(text) is None


def dollar_of(text: str, at: int) -> str:
    """The dollar of the sign at ``at``: Australian, Canadian or New Zealand's when its country is
    written against it ("A$1,500", "CA$20", "NZ$50"), else the United States'."""
    prefix = _DOLLAR_PREFIX.search(text, max(0, at - 4), at)
    return _DOLLARS[prefix["c"].upper()] if prefix is not None else "USD"
