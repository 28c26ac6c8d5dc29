"""One look at a message before the detectors: its folded form and which cheap gates it passes.

``prescan(text)`` returns the folded text (``normalize.fold``) and an int of flags, one per gate
below. The compiled module ``_prescan`` (C, built at install) answers in one pass over the text;
without it, the regexes here answer, one scan each. Each flag is a necessary condition of its
regex: where the compiled pass answers loosely it may set a flag the regex would not (never the
reverse), and the detector behind it checks its own regex. ``SPACED``, ``REPEAT`` and ``LEET`` are exact, since they
choose the folded variants.
"""

from __future__ import annotations

import re
from array import array
from types import ModuleType

from filiere.extract import normalize

DIGIT = 1 << 0
PHONE = 1 << 1
LINK = 1 << 2
IBAN = 1 << 3
LONG = 1 << 4
HOURS = 1 << 5
ARR = 1 << 6
POSTCODE = 1 << 7
LIST = 1 << 8
DEPT = 1 << 9
STREET = 1 << 10
LEET = 1 << 11
SPACED = 1 << 12
REPEAT = 1 << 13
AT = 1 << 14
DOT = 1 << 15
ALL = (1 << 16) - 1
VERSION = 3  # of the compiled pass this module expects (PRESCAN_VERSION in _prescan.c)

# The gates the compiled pass answers exactly, as regexes: the reference it is tested against,
# and the fallback. The others (``PHONE``, ``HOURS``, ``ARR``, ``DEPT``, ``STREET``) are cheap
# necessary conditions in front of a regex gate their detector keeps; the fallback sets them.
EXACT: dict[int, re.Pattern[str]] = {
    DIGIT: re.compile(r"\d"),
    LINK: re.compile(r"\.(?<=[a-zA-Z0-9]\.)[a-zA-Z]{2}"),
    IBAN: re.compile(r"\d\d(?<=[A-Za-z]{2}\d\d)"),
    LONG: re.compile(r"[A-Za-z0-9]{25}"),
    POSTCODE: re.compile(r"\d{5}"),
    LIST: re.compile(r"\d\d\s?[/,\-–]\s?\d\d"),
    AT: re.compile("@"),
    DOT: re.compile(r"\."),
}
LOOSE = PHONE | HOURS | ARR | DEPT | STREET
_FOLDED: dict[int, re.Pattern[str]] = {
    SPACED: re.compile(r" [a-z] [a-z] |^. ", re.DOTALL),
    REPEAT: re.compile(r"([a-z])\1\1"),
}

_native: ModuleType | None
try:
    from filiere.extract import _prescan as _native
except ImportError:  # a source tree that was never built: the regexes answer
    _native = None
if _native is not None and _native.VERSION != VERSION:  # a stale build: never trust it
    _native = None


def _table() -> bytes:
    """The folding of every lower-cased code point up to the last one the table folds."""
    folds = normalize.FOLD_TABLE
    size = max(folds) + 1
    table = array("I", range(size))
    for code, folded in folds.items():
        table[code] = ord(folded)
    return table.tobytes()


if _native is not None:
    _native.configure(_table())


def compiled() -> bool:
    """Whether the compiled pass is in use (a built install) or the regexes (a bare source tree)."""
    return _native is not None


def prescan_py(text: str) -> tuple[str, int]:
    """``prescan`` by the regexes, one scan per gate."""
    plain = normalize.plain(text)
    folded = normalize.unleet(plain)
    flags = LOOSE | (LEET if folded != plain else 0)
    for flag, pattern in EXACT.items():
        if pattern.search(text) is not None:
            flags |= flag
    for flag, pattern in _FOLDED.items():
        if pattern.search(folded) is not None:
            flags |= flag
    return folded, flags


def prescan(text: str) -> tuple[str, int]:
    """The folded form of ``text`` and the flags of the gates it may pass.

    >>> folded, flags = prescan("C0KE 70 le G, 06 39 98 12 34")
    >>> folded, bool(flags & PHONE), bool(flags & AT)
    ('coke 70 le g  06 39 98 12 34', True, False)
    """
    if _native is not None:
        folded, flags = _native.prescan(text)
        if folded is not None:
            return folded, flags
    return prescan_py(text)
