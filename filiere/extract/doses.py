"""Doses: a quantity of a product as buyers and couriers write it ("2g 🍀", "un 20 de beuh", "2x❄️",
"3 pochons de verte", "5g de jaune"), or a quantity in a unit only drugs are sold in ("3 pochons").

A dose alone proves nothing (recipes weigh flour in grams); it is one half of the combinations the
classifier looks for: a dose with an address, a delivery word or a request is an order or a round.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from filiere.extract.figures import COUNTED_ALONE, Number, named_alone, taken_mask
from filiere.extract.lexicon import Hit

# Unit words in which nothing but drugs is counted: a quantity in one of them is a dose by itself.
# Others ("2 cartons", "3 comprimés", "2 bags", "une plaquette") are doses only with a product.
DOSE_WORDS = frozenset(
    {"pochon", "pochons", "pochtar", "pochtars", "baggies", "taz", "ecstas", "buvard", "buvards", "cailloux"}
)
# Units of the trade's quantities: "10g", "2 plaquettes", "3 pochons", "5€ le cachet" add to a sale;
# written with these words they may be anything ("2 cartons d'eau", "3 comprimés", "2 bags").
TRADE_UNITS = frozenset({"g", "kg", "pochon", "plaquette", "savonnette", "barrette", "boulette", "pill", "tab"})
ANY_GOODS = frozenset(
    {"carton", "cartons", "comprimé", "comprimés", "comprime", "comprimes", "bag", "bags", "sachet", "sachets"}
)
# Units a dose is weighed in: a weight alone ("3g") is a dose unless it says what it weighs.
WEIGHT_UNITS = frozenset({"g", "kg", "oz", "eighth"})

# Between a number and the product it measures: "2g 🍀", "2x🍀", "un 20 de beuh", "1g de la blanche".
_GAP = re.compile(
    r"\s?(?:[x×*]\s?)?(?:(?:de|d'|d’|du|des|of)\s?(?:(?:la|le|les|the|ta|sa|ses|ton|son)\s|l'|l’)?)?",
    re.IGNORECASE,
)
_MAX_GAP = 12
# A weight followed by what it weighs ("500 g de farine", "2 g of saffron") is not a dose, nor
# the mobile network ("pas de 4g", "en 5G").
_OF_SOMETHING = re.compile(r"\s?(?:de|d'|d’|du|des|of)\s?[^\W\d_]", re.IGNORECASE)
_NETWORK = re.compile(r"\b(?:la|en|de|du|ma|ta|sa|pas de|the|no|my|in|on)\s$", re.IGNORECASE)
_NETWORK_NAME = re.compile(r"[345]g", re.IGNORECASE)  # "4g", "5G"; "the 2 g's" is a weight


_NUMBER_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}\s?$")


def measures_other(text: str, hit: Hit) -> bool:
    """An ambiguous word used as a unit of something else: "2 cartons d'eau", "3 jaunes d'oeufs"."""
    return (
        not hit.entry.emoji
        and _OF_SOMETHING.match(text, hit.end) is not None
        and _NUMBER_BEFORE.search(text, max(0, hit.start - 6), hit.start) is not None
    )


def _unit_word(text: str, number: Number) -> str:
    return text[number.start : number.end].rsplit(None, 1)[-1].lower().lstrip("0123456789.,")


def trade_quantity(text: str, number: Number) -> bool:
    """Whether ``number`` is a quantity in a unit of the trade ("10g", "2 pochons", "1 plaquette",
    "plaquette" alone), not an ordinary word alone ("pill alert")."""
    word = _unit_word(text, number)
    return (
        number.unit in TRADE_UNITS
        and word not in ANY_GOODS
        and not (word in COUNTED_ALONE and named_alone(text, number))
    )


class Dose(NamedTuple):
    """A quantity of a product (``product`` None when only the unit tells it is a drug)."""

    start: int
    end: int
    product: str | None


def find_doses(text: str, numbers: Sequence[Number], products: Sequence[Hit]) -> list[Dose]:
    """Doses in ``text`` from its numbers (``prices.read_numbers``, in order) and product hits.

    A number written right before a product is a dose when a unit, "x", an amount ("un 20 de")
    or "de/of" joins them; a bare number ("2 taz") only before a product named without doubt or
    by its emoji. Quantities in ``DOSE_WORDS`` are doses whatever follows them; a weight ("3g")
    is one unless it says what it weighs ("500 g de farine").
    """
    doses: list[Dose] = []
    if products and numbers:
        ends = [number.end for number in numbers]
        for hit in products:
            at = bisect.bisect_right(ends, hit.start) - 1
            if at < 0 or hit.start - ends[at] > _MAX_GAP:
                continue
            number = numbers[at]
            gap = text[number.end : hit.start]
            if _GAP.fullmatch(gap) is None:
                continue
            bare = number.unit is None and number.currency is None and not gap.strip()
            if bare and hit.entry.weak and not hit.entry.emoji:
                continue  # "2 jaunes" may be eggs; "2 taz" and "2 🍀" are not
            doses.append(Dose(number.start, hit.end, hit.entry.code))
    inside = taken_mask(len(text) + 1, [(dose.start, dose.end) for dose in doses])  # numbers already read
    first_at: dict[int, tuple[int, str]] = {}  # where product hits start: the first of the list there
    for index, hit in enumerate(products):
        first_at.setdefault(hit.start, (index, hit.entry.code))
    for number in numbers:
        unit = number.unit
        if unit is None or inside[number.start]:
            continue
        start, end = number.start, number.end
        if not text[start].isdigit():
            continue  # "le G" in "70 le G" names the unit of a price, it is no quantity
        if _unit_word(text, number) in DOSE_WORDS:
            # "2 taz": the unit word is the product's name too.
            here = [first_at[at] for at in range(start, end) if at in first_at]
            doses.append(Dose(start, end, min(here)[1] if here else None))
            inside[start:end] = b"\x01" * (end - start)
        elif (
            unit in WEIGHT_UNITS
            and _OF_SOMETHING.match(text, end) is None
            and (
                _NETWORK_NAME.fullmatch(text, start, end) is None
                or _NETWORK.search(text, max(0, start - 8), start) is None
            )
        ):
            doses.append(Dose(start, end, None))
            inside[start:end] = b"\x01" * (end - start)
    return doses
