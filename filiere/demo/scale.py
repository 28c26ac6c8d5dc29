"""How big a demo case is: named presets and integer sizes, turned into counts for every file."""

from __future__ import annotations

import math
from dataclasses import dataclass

from filiere.errors import UsageError
from filiere.i18n import tr

SMALL_MESSAGES = 1_200
SMALL_WHATSAPP_LINES = 2_000
SMALL_DAYS = 91
MAX_DAYS = 1_095  # three years: a longer story adds nothing a benchmark needs
MIN_SIZE = 40  # below this the story's turning points (ban, new number) no longer fit
MAX_SIZE = 50_000_000


@dataclass(frozen=True, slots=True)
class Scale:
    """Counts that drive the generator.

    ``telegram_messages`` is the total of the ``messages`` arrays of the channel exports (service
    messages included); ``whatsapp_lines`` the exact line count of the courier's WhatsApp export.
    Every other file grows with ``days``.
    """

    name: str
    telegram_messages: int
    whatsapp_lines: int
    days: int
    couriers: int
    customers: int


def sized(name: str, messages: int, lines: int) -> Scale:
    """A scale whose story stretches with the message count: more months, customers and couriers."""
    ratio = max(messages, lines) / SMALL_MESSAGES
    days = max(21, min(MAX_DAYS, round(SMALL_DAYS * math.sqrt(ratio))))
    customers = max(8, min(3_000, round(40 * math.sqrt(ratio))))
    couriers = max(3, min(12, round(3 * ratio**0.2)))
    return Scale(name, messages, lines, days, couriers, customers)


SMALL = Scale("small", SMALL_MESSAGES, SMALL_WHATSAPP_LINES, SMALL_DAYS, 3, 40)
LARGE = sized("large", 1_000_000, 1_000_000)
PRESETS = {"small": SMALL, "large": LARGE}


def parse_scale(text: str) -> Scale:
    """``small``, ``large`` or an integer (``20000``, ``1_000_000``, ``1e6``) of messages."""
    key = text.strip().lower()
    if key in PRESETS:
        return PRESETS[key]
    try:
        number = float(key.replace("_", ""))
    except ValueError:
        number = math.nan
    if not number.is_integer() or not MIN_SIZE <= number <= MAX_SIZE:
        raise UsageError(
            tr(f"échelle inconnue : {text!r}", f"unknown scale: {text!r}"),
            hint=tr(
                f"donnez small, large ou un nombre de messages entre {MIN_SIZE} et {MAX_SIZE}",
                f"give small, large or a message count between {MIN_SIZE} and {MAX_SIZE}",
            ),
        )
    size = int(number)
    return sized(str(size), size, size)
