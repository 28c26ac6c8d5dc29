"""What the fictional centrale sells and at what price, day by day: the price history truth records.

Product codes follow the detection taxonomy (``cannabis_herb``, ``cannabis_resin``, ``cocaine``,
``mdma``, ``ketamine``); names and emoji are the slang the evidence uses.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Product:
    """One product line of the menu."""

    code: str
    emoji: str
    slang: tuple[str, ...]  # how chats name it, with its article: "la beuh", "le shit"
    labels: tuple[str, ...]  # how menus name it
    unit: str
    bundle: int  # grams of the bundle offer shown on menus

    def word(self, index: int) -> str:
        """A slang name without its article (``beuh``)."""
        return self.slang[index % len(self.slang)].split(" ", 1)[1]


HERB = ("la beuh", "la weed", "la verte")
RESIN = ("le shit", "le jaune", "la frappe")
PRODUCTS = (
    Product("cannabis_herb", "🍀", HERB, ("Beuh Amnesia", "Beuh Cali US", "Lemon Haze"), "g", 6),
    Product("cannabis_resin", "🍫", RESIN, ("Jaune mousseux", "Frappe", "Filtré 120u"), "g", 15),
    Product("cocaine", "❄️", ("la coco", "la CC", "la blanche"), ("Coco 90%", "Coco écaille"), "g", 5),
    Product("mdma", "💎", ("la MD", "les cristaux"), ("MD cristaux",), "g", 5),
    Product("ketamine", "🐴", ("la kéta", "la K"), ("Kéta aiguilles",), "g", 5),
)
BY_CODE = {p.code: p for p in PRODUCTS}


@dataclass(frozen=True, slots=True)
class PriceStep:
    """From ``day`` on (days since the story starts), ``price`` euros per ``unit``."""

    day: int
    price: int


class PriceBook:
    """Prices per product over the story, with the day each product enters the menu."""

    def __init__(self, days: int) -> None:
        def at(fraction: float) -> int:
            return round(days * fraction)

        # The herb goes up mid-story, cocaine drops under competition then recovers, MDMA and
        # ketamine are added along the way: the changes an analyst should find in the menus.
        self.steps: dict[str, list[PriceStep]] = {
            "cannabis_herb": [PriceStep(0, 10), PriceStep(at(0.6), 12)],
            "cannabis_resin": [PriceStep(0, 7), PriceStep(at(0.7), 8)],
            "cocaine": [PriceStep(0, 70), PriceStep(at(0.35), 60), PriceStep(at(0.8), 65)],
            "mdma": [PriceStep(at(0.2), 40)],
            "ketamine": [PriceStep(at(0.55), 35)],
        }
        self._days = {code: [s.day for s in steps] for code, steps in self.steps.items()}

    def available(self, day: int) -> list[str]:
        """Products on the menu on ``day``, in menu order."""
        return [p.code for p in PRODUCTS if self.steps[p.code][0].day <= day]

    def price(self, code: str, day: int) -> int:
        """The price per unit of ``code`` on ``day`` (its first price before it is sold)."""
        steps = self.steps[code]
        index = bisect.bisect_right(self._days[code], day) - 1
        return steps[max(index, 0)].price

    def changes_on(self, day: int) -> list[tuple[str, int, int]]:
        """(product, old price, new price) for each price that changes on ``day``."""
        found = []
        for code, steps in self.steps.items():
            for before, after in itertools.pairwise(steps):
                if after.day == day:
                    found.append((code, before.price, after.price))
        return found

    def launches_on(self, day: int) -> list[str]:
        """Products that enter the menu on ``day`` (after the first day)."""
        return [code for code, steps in self.steps.items() if steps[0].day == day and day > 0]
