"""Fold a message for matching: lower case, no accents, leetspeak undone, same length as the original.

Every folding step maps one character to one character, so a span in the folded text is the same
span in the original and evidence needs no offset map. Spelling games that change the length
("b e u h", "beuuuuh") are handled by extra *variants* of the folded text, each still as long as the
original; a match inside a rewritten region is widened to the whole region for its evidence.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

# ASCII: lower case kept, punctuation that splits words becomes a space; '@', '$', digits, '#',
# '%', '+', '/', ':' are kept because leetspeak, hours and prices need them.
_SPACE = "\t\n\r\x0b\x0c-_'.,;!?\"()[]{}\\*=<>|~^`"
_ASCII = {i: (" " if chr(i) in _SPACE else chr(i).lower()) for i in range(128)}

# Leetspeak only between letters, so prices ("70 le g") and codes ("3mmc") keep their digits.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_RUN = re.compile(r"[a-z][013457@$]+(?=[a-z])")
# Spelling games: 3+ single letters split by separators ("c.o.k.e", "b e u h") and 3+ repeats.
_SPACED = re.compile(r"(?<![a-z0-9])(?:[a-z][ .\-_*/]){2,}[a-z](?![a-z0-9])")
# Cheap first looks (``prescan`` answers them in C): " b e " inside a text, its start is looked at apart.
_SPACED_GATE = re.compile(r" [a-z] [a-z] ")
_REPEAT_GATE = re.compile(r"([a-z])\1\1")
_REPEAT = re.compile(r"(?<![a-z])[a-z]*([a-z])\1{2,}[a-z]*")
_RUN = re.compile(r"([a-z])\1{2,}")


# Look-alike letters from other scripts, used to dodge keyword filters ("соке" in Cyrillic).
_CONFUSABLE = dict(zip("авезіјкмнорстухьαβεικνορτυχ", "abeeijkmhopctyxbabeiknoptux", strict=True))


def _fold_char(char: str) -> str:
    """One character folded: letter without accent, fancy letters plain, separators as space."""
    if char in "\u2019\u2018\u02bc\u00b4\u2013\u2014\u00a0\u202f\u2009\u200b\u2026\u00ab\u00bb\ufe0f\u200d":
        return " "
    if char.lower() in _CONFUSABLE:
        return _CONFUSABLE[char.lower()]
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if len(base) == 1 and base.isascii() and (base.isalnum() or base == " "):
        return base
    if len(base) == 1 and base.isascii():
        return _ASCII[ord(base)]
    return {"œ": "o", "æ": "a", "ß": "s", "ø": "o", "ł": "l", "đ": "d"}.get(char.lower(), char.lower()[:1])


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    ranges = [(0x80, 0x250), (0x370, 0x450), (0x2000, 0x2070), (0xFE00, 0xFE10), (0xFF01, 0xFF5F), (0x1D400, 0x1D800)]
    for low, high in ranges:
        for code in range(low, high):
            char = chr(code)
            folded = _fold_char(char)
            if folded != char and len(folded) == 1:
                table[char] = folded
    return table


# One table for ``str.translate``: ASCII punctuation to spaces, and every foldable non-ASCII
# character to its plain letter; characters it does not name (emoji, CJK) are kept as they are.
_FOLD = {**{ord(char): folded for char, folded in _build_table().items()}, **_ASCII}
FOLD_TABLE = _FOLD  # read by the compiled pass (``prescan``), which folds by the same table


def fold(text: str) -> str:
    """The folded form of ``text``, exactly as long as it.

    >>> fold("Cocaïne, 3-MMC & c0ke!")
    'cocaine  3 mmc & coke '
    """
    return unleet(plain(text))


def plain(text: str) -> str:
    """Lower case, accents off, punctuation to spaces: one C-level pass in the common case."""
    low = text.lower()
    if len(low) != len(text):  # a few letters ('İ') lower to two characters
        low = "".join(c.lower()[:1] for c in text)
    return low.translate(_FOLD)


def unleet(low: str) -> str:
    """Leetspeak undone between letters ("c0ke" -> "coke"); digits elsewhere kept."""
    if _LEET_RUN.search(low) is not None:
        low = _LEET_RUN.sub(lambda m: m.group()[0] + m.group()[1:].translate(_LEET), low)
    return low


@dataclass(frozen=True, slots=True)
class Folded:
    """The folded variants of a text (the first is plain folding) and their rewritten regions."""

    variants: tuple[str, ...]
    regions: tuple[tuple[int, int], ...]

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """The evidence span for a match at ``start:end``: grown to cover any rewritten region.
        The regions are disjoint and in order (``_merged``): the first one that ends after the
        match is found by bisection, not by a scan of them all (a long text of many rewritten
        runs, each touched by a word, was quadratic)."""
        regions = self.regions
        at = bisect.bisect_right(regions, (start, _END_OF_TEXT))
        if at and regions[at - 1][1] > start:
            at -= 1
        while at < len(regions) and regions[at][0] < end:
            low, high = regions[at]
            if start < high:
                start, end = min(start, low), max(end, high)
            at += 1
        return start, end


_END_OF_TEXT = 1 << 62  # an end beyond any text's: sorts after every region starting at the same place


def _merged(regions: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``regions`` in order, those that overlap joined into one."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(regions):
        if merged and low < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _unspace(chunk: str, original: str) -> str:
    """Single letters packed into words: "c o k e" -> "coke". Where the original mixed separators
    ("c.o.k.e p.u.r.e"), its spaces split the words and the others join the letters."""
    separators = original[1::2]
    if " " not in separators or separators.count(" ") == len(separators):
        return chunk[::2]
    words = [chunk[0]]
    for letter, separator in zip(chunk[2::2], separators, strict=True):
        words.append(" " + letter if separator == " " else letter)
    return "".join(words)


def _squeeze(text: str, pattern: re.Pattern[str], keep: int, original: str = "") -> tuple[str, list[tuple[int, int]]]:
    """Rewrite the matches of ``pattern``, letters packed to the left and padded with spaces."""
    regions: list[tuple[int, int]] = []
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        chunk = match.group()
        if pattern is _SPACED:
            packed = _unspace(chunk, original[match.start() : match.end()])
        else:
            packed = _RUN.sub(lambda m: m.group(1) * keep, chunk)
        pieces.append(text[last : match.start()])
        pieces.append(packed.ljust(len(chunk)))
        regions.append((match.start(), match.end()))
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), regions


def fold_variants(
    text: str, folded: str | None = None, spaced: bool | None = None, repeated: bool | None = None
) -> Folded:
    """Plain folding, plus rewritten variants when the text plays spelling games.

    ``folded`` (``fold(text)``) and the answers of the cheap looks for spaced-out and tripled
    letters (``spaced``, ``repeated``) are given when ``prescan`` already has them; None works
    them out here."""
    if folded is None:
        folded = fold(text)
    if spaced is None:
        spaced = _SPACED_GATE.search(folded) is not None or folded[1:2] == " "
    if repeated is None:
        repeated = _REPEAT_GATE.search(folded) is not None
    spaced = spaced and _SPACED.search(folded) is not None
    if not spaced and not repeated:
        return Folded((folded,), ())
    variants = [folded]
    regions: list[tuple[int, int]] = []
    base = folded
    if spaced:
        base, found = _squeeze(folded, _SPACED, 1, text)
        variants.append(base)
        regions.extend(found)
    if repeated:
        for keep in (1, 2):
            variant, found = _squeeze(base, _REPEAT, keep)
            variants.append(variant)
            regions.extend(found)
    return Folded(tuple(variants), _merged(regions))
