"""Phone numbers, IMEIs and IMSIs of the demo: numbers only from ARCEP's ranges kept for fiction.

Mobiles come from 06 39 98 xx xx and landlines from 01 99 00 xx xx: 10,000 numbers each, drawn
in a seeded order. Past 10,000 the order starts again (only absurd scales get there).
"""

from __future__ import annotations

import random

MOBILE_PREFIX = "+3363998"
LANDLINE_PREFIX = "+3319900"
SPACE = 10_000
# Type allocation codes invented for the demo (first eight digits of an IMEI).
TACS = ("35399107", "35688210", "86472305", "35917411", "35260812")


class NumberPool:
    """Hands out distinct fiction-range numbers in a seeded order."""

    def __init__(self, rng: random.Random) -> None:
        self._mobiles = rng.sample(range(SPACE), SPACE)
        self._landlines = rng.sample(range(SPACE), SPACE)
        self._mobile_next = 0
        self._landline_next = 0

    def mobile(self) -> str:
        """Next mobile number, E.164 (``+33639981221``)."""
        suffix = self._mobiles[self._mobile_next % SPACE]
        self._mobile_next += 1
        return f"{MOBILE_PREFIX}{suffix:04d}"

    def landline(self) -> str:
        """Next landline number, E.164 (``+33199001234``)."""
        suffix = self._landlines[self._landline_next % SPACE]
        self._landline_next += 1
        return f"{LANDLINE_PREFIX}{suffix:04d}"


def national(e164: str, sep: str = " ") -> str:
    """``+33639981221`` -> ``06 39 98 12 21`` (``sep`` between pairs)."""
    digits = "0" + e164[3:]
    return sep.join(digits[i : i + 2] for i in range(0, 10, 2))


def compact(e164: str) -> str:
    """``+33639981221`` -> ``0639981221``."""
    return "0" + e164[3:]


def spoken(e164: str, rng: random.Random) -> str:
    """The number as people write it in posts and chats, in one of their usual ways."""
    style = rng.randrange(6)
    if style == 0:
        return compact(e164)
    if style == 1:
        return national(e164, ".")
    if style == 2:
        return "+33 " + national(e164)[1:]
    return national(e164)


def luhn_digit(digits: str) -> str:
    """The Luhn check digit that completes ``digits`` (IMEIs end with one)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def imei(rng: random.Random) -> str:
    """A 15-digit IMEI with an invented type code and a valid check digit."""
    body = rng.choice(TACS) + f"{rng.randrange(1_000_000):06d}"
    return body + luhn_digit(body)


def imsi(rng: random.Random) -> str:
    """A 15-digit IMSI on the French network code 208-01."""
    return f"20801{rng.randrange(10**10):010d}"
