"""Delivery zones and meeting places: postcodes, arrondissements, departements, communes, cities, places.

Communes, cities and landmarks come from the lexicon (``places.tsv``); numbers are read by patterns
that need context ("le 93", "92/93/94", "Paris 18") so that prices and times are not taken for zones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from filiere.extract.compiled import by_fields
from filiere.extract.lexicon import Hit
from filiere.extract.prescan import ALL, ARR, DEPT, DIGIT, LIST, POSTCODE
from filiere.extract.prices import taken_mask

# Gates in front of the slower patterns below (a leading character class scans fast), each behind
# the flag ``prescan`` gives for it.
_ARR_GATE = re.compile(r"\d\s?(?:e\b|è|er\b|[eè]me|i[eè]me|arr)", re.IGNORECASE)
_POSTCODE_GATE = re.compile(r"\d{5}")
# A two-digit number (or 2A/2B, 97x) after a space; led by the digit so the engine skips to digits.
_DEPT_GATE = re.compile(r"\d(?<=\s\d)(?:\d\b|(?<=2)[abAB]\b|(?<=9)7\d\b)")
_ARR_MAX = {"paris": 20, "lyon": 9, "marseille": 16}
_ARRONDISSEMENT = re.compile(
    r"(?<![\w])(?:(?P<city>Paris|Lyon|Marseille)\s?(?P<n>\d{1,2})(?:\s?(?:e|è|ème|eme|er|ieme|ième))?"
    r"|(?P<n2>\d{1,2})\s?(?:e|è|ème|eme|er|ieme|ième)\s?(?:arr(?:ondissement|\.|t)?))(?![\w])",
    re.IGNORECASE,
)
_DEPT = r"(?:0[1-9]|[1-8]\d|9[0-5]|2[ab]|97[1-6])"
_NOT_A_ZONE = r"(?!\s?(?:€|e\b|eur|euros?|balles|g\b|gr|grammes?|h\b|h\d|min|ans|km|%|\d|kg|pochons?|x\b))"
# "le 93", "dans le 94", "dept 77": the words before a two-digit candidate, read backwards from it.
_DEPT_BEFORE = re.compile(
    r"(?:\b(?:dans|sur|tout|partout dans|secteur|zone|livraison|livre|on livre)\s(?:le\s)?|\ble\s|"
    r"\bdept\.?\s?|\bd[ée]partement\s|\bdep\s)$",
    re.IGNORECASE,
)
_DEPT_CANDIDATE = re.compile(rf"(?P<d>{_DEPT}){_NOT_A_ZONE}(?![\w])", re.IGNORECASE)
_DEPT_LIST = re.compile(rf"(?<![\w/.,])(?P<list>{_DEPT}(?:\s?[/,\-–]\s?{_DEPT}){{1,7}})(?![\w/.,])", re.I)
_DEPT_PAREN = re.compile(rf"\((?P<d>{_DEPT})\)")
_POSTCODE = re.compile(rf"(?<![\w+.,€$£/])(?P<pc>(?:0[1-9]|[1-8]\d|9[0-5]|97)\d{{3}}){_NOT_A_ZONE}(?![\w.,])")
_PLACE = re.compile(
    r"(?<![\w])(?P<place>(?:cit[ée]|r[ée]sidence|quartier|gare|m[ée]tro|station|porte|parking|centre commercial)"
    r"\s(?:de\sla\s|des\s|du\s|de\sl'|de\sl’|d'|d’|de\s)?[A-Z0-9][\w'’\-]*(?:\s[A-Z][\w'’\-]*){0,2})"
    r"|(?P<spot>(?:b[âa]t(?:iment)?|hall|bloc|tour)\s[A-Z0-9]{1,3})(?![\w])"
)
_ZONE_START = attrgetter("start")
_PREPOSITION = re.compile(r"(?:\b(?:à|a|sur|vers|secteur|zone|in|around|dans|de|livraison|livre)\s+)$", re.I)


@dataclass(frozen=True, slots=True)
class Zone:
    """A place named in a message: ``kind`` is postcode, arrondissement, departement, commune, city or place."""

    kind: str
    value: str
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Zone], tuple[Any, ...]]:
        return by_fields(self)


def find_zones(
    text: str, places: Iterable[Hit], taken: list[tuple[int, int]], landmarks: bool = True, gates: int = ALL
) -> list[Zone]:
    """Zones in ``text``. ``places`` are the lexicon's place hits; ``taken`` spans (phones, prices)
    are never read as zones; ``landmarks`` False skips the "cité des ...", "hall 3" reading;
    ``gates`` are the flags of ``prescan(text)`` (all set: look at everything)."""
    zones: list[Zone] = []
    mask = taken_mask(len(text), taken)  # grows as zones are found: one reading per span

    def add(kind: str, value: str, start: int, end: int) -> None:
        if mask.find(1, start, end) == -1:
            zones.append(Zone(kind, value, start, end))
            mask[start:end] = b"\x01" * (end - start)

    if gates & DIGIT:
        arrondissements = (gates & ARR and _ARR_GATE.search(text) is not None) or any(
            hit.entry.term.lower() in _ARR_MAX for hit in places
        )
        for match in _ARRONDISSEMENT.finditer(text) if arrondissements else ():
            city = match["city"]
            number = int(match["n"] or match["n2"])
            if city and not 1 <= number <= _ARR_MAX[city.lower()]:
                continue
            if not city and not 1 <= number <= 20:
                continue
            add("arrondissement", f"{city.capitalize()} {number}" if city else str(number), *match.span())
        # A postcode is a run of exactly five digits: each run is looked at once, from its start,
        # instead of trying the look-behind at every character.
        for run in _POSTCODE_GATE.finditer(text) if gates & POSTCODE else ():
            postcode = _POSTCODE.match(text, run.start())
            if postcode is not None:
                add("postcode", postcode["pc"], *postcode.span())
        for match in _DEPT_LIST.finditer(text) if gates & LIST else ():
            low, high = match.span()
            if mask.find(1, low, high) == -1:  # "92/93/94": one span for the whole list
                codes = re.split(r"\s?[/,\-–]\s?", match["list"])
                zones.extend(Zone("departement", code.upper(), low, high) for code in codes)
                mask[low:high] = b"\x01" * (high - low)
        for match in _DEPT_GATE.finditer(text) if gates & DEPT else ():
            at = match.start()
            candidate = _DEPT_CANDIDATE.match(text, at)
            if candidate is not None and _DEPT_BEFORE.search(text, max(0, at - 24), at) is not None:
                add("departement", candidate["d"].upper(), *candidate.span("d"))
        for match in _DEPT_PAREN.finditer(text) if "(" in text else ():
            add("departement", match["d"].upper(), *match.span("d"))
    for hit in places:
        entry = hit.entry
        if entry.weak and _PREPOSITION.search(text, max(0, hit.start - 20), hit.start) is None:
            continue
        add(entry.code, entry.term, hit.start, hit.end)
    for match in _PLACE.finditer(text) if landmarks else ():
        add("place", match.group().strip(), *match.span())
    if len(zones) > 1:
        zones.sort(key=_ZONE_START)
    return zones
