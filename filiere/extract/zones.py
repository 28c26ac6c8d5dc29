"""Delivery zones and meeting places: postcodes, arrondissements, departements, communes, cities, places.

Communes, cities and landmarks come from the lexicon (``places.tsv``); numbers are read by patterns
that need context ("le 93", "92/93/94", "Paris 18") so that prices and times are not taken for zones.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

from filiere.extract.addresses import Address
from filiere.extract.compiled import by_fields
from filiere.extract.figures import taken_mask
from filiere.extract.gazetteer import (
    FIRST_NAMES,
    every_country,
    gazetteer,
    in_a_hyphenated_name,
    in_a_longer_name,
    town_countries,
)
from filiere.extract.landmarks import PLACE, neighbourhood_at
from filiere.extract.lexicon import Hit
from filiere.extract.prescan import ALL, ARR, DEPT, DIGIT, LIST, POSTCODE
from filiere.extract.quarters import find_quarters
from filiere.extract.ranks import RANKED, ranked_by_gift
from filiere.extract.uk_postcodes import UK_DISTRICT, UK_GATE, districts_of_towns, uk_postcodes

# Gates in front of the slower patterns below (a leading character class scans fast), each behind
# the flag ``prescan`` gives for it.
_ARR_GATE = re.compile(r"\d\s?(?:e\b|è|er\b|[eè]me|i[eè]me|arr)", re.IGNORECASE)
_POSTCODE_GATE = re.compile(r"\d{5}")
# A two-digit number (or 2A/2B, 97x) after a space; led by the digit so the engine skips to digits.
_DEPT_GATE = re.compile(r"\d(?<=\s\d)(?:\d\b|(?<=2)[abAB]\b|(?<=9)7\d\b)")
_ARR_MAX = {"paris": 20, "lyon": 9, "marseille": 16}
_ORDINAL = r"(?:e|è|ème|eme|er|ieme|ième)"
# "Paris 18", "18e arr.", and "le 11e", "dans le 20ème" (an ordinal after "le" is an arrondissement
# unless it counts something else: "le 3e étage", "le 20e anniversaire").
_ARRONDISSEMENT = re.compile(
    rf"(?<![\w])(?:(?P<city>Paris|Lyon|Marseille)\s?(?P<n>\d{{1,2}})(?:\s?{_ORDINAL})?"
    rf"|(?P<n2>\d{{1,2}})\s?{_ORDINAL}\s?(?:arr(?:ondissement|\.|t)?)"
    r"|(?<=\b(?:le|du) )(?P<n3>\d{1,2})(?:e|è|ème|eme|ieme|ième)"
    rf"(?!\s(?:(?:{RANKED})\b|de\s|du\s|des\s|les?\s|la\s|pour\s)|\s?[/=,]))(?![\w])",
    re.IGNORECASE,
)
# More arrondissements of the same city listed after the first: "Paris 11e, 12e et 20e", "Paris 18, 19, 20".
# Each goes on in the shape of the first (ordinal after ordinal, figure after figure), and a figure
# followed by money or a measure is no arrondissement ("Paris 18, 10 balles le pochon").
# "20e, 10e le G", "10e/g", "10e/15e le g": prices; "13e/14e/15e": arrondissements.
_PRICED_AFTER = r"(?:les?\s|la\s|l'|pour\s|=|/(?!\s?\d)|/\s?\d{1,3}\s?(?:e|€|eur)\s?(?:les?\s|la\s|l'|/|€))"
_ARR_MORE_ORDINAL = re.compile(
    rf"(?:\s?(?:,|/|&|\bet\b|\band\b|\bou\b)\s?|\s|[-–])(?P<n>\d{{1,2}})\s?{_ORDINAL}(?![\w])(?!\s?{_PRICED_AFTER})"
    r"(?!\s?(?:siècles?|si[eè]cle|étages?|etages?|centur))",  # "Paris 15e-16e"; not "19e-20e siècles"
    re.IGNORECASE,
)
_ARR_MORE_FIGURE = re.compile(
    r"\s?(?:,|/|&|\bet\b|\band\b)\s?(?P<n>\d{1,2})(?![\w])"
    r"(?!\s?[€£$%=/])(?!\s?(?!(?:et|and|ou|or)\b)[^\W\d_]+)",
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
_DEPT_CANDIDATE = re.compile(rf"(?P<d>{_DEPT}){_NOT_A_ZONE}(?![\w]|/\d)", re.IGNORECASE)  # not "24/24"
# Sizes, measures and dates after a list of figures: "Bouteilles 33/50/75 cl", "12-13-14 juillet".
_MONTHS = (
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
    r"|jan|janv|feb|fév|fev|mar|apr|avr|jun|jul|juil|aug|sept?|oct|nov|d[ée]c"
)
# Not ages: "20-25 ans", "aged 24, 31 and 45"; before a comma or a full stop only after a word of
# place ("Zone 93/94, sérieux"): pairs of figures there are sizes, scores or dates more often than
# departements ("en 42-44, remise", "Victoire 21-13, bravo").
_DEPT_LIST = re.compile(
    rf"(?<![\w/.,])(?<!aged )(?<!âgés )(?<!âgées )(?P<list>{_DEPT}(?:\s?[/,\-–]\s?{_DEPT}){{1,7}})(?![\w/\-–]|[.,]\w)"
    rf"(?!\s?(?:%|°|€|\$|£|(?:e|eur|euros?|balles|ans|years?|yrs?|cl|cm|mm|cc|ml|kg|pouces|degrés|{_MONTHS})\b))",
    re.I,
)
_DEPT_PAREN = re.compile(rf"\((?P<d>{_DEPT})\)")
# A postcode may be followed by another in a list ("75011 75012", "13001 à 13016, Aix"), not by
# other figures, a unit or a decimal part.
_NOT_A_POSTCODE = _NOT_A_ZONE.replace(r"|\d|", r"|\d(?!\d{4}(?!\d))|")
assert _NOT_A_POSTCODE != _NOT_A_ZONE  # the figure after a zone is spelled "|\d|" above
_POSTCODE = re.compile(
    rf"(?<![\w+€$£/])(?<!\d[.,])(?P<pc>(?:0[1-9]|[1-8]\d|9[0-5]|97)\d{{3}}){_NOT_A_POSTCODE}(?![\w]|[.,]\d)"
)
# What follows an American town in a postal address: its state ("Evanston, IL"), or its ZIP code
# ("Astoria, 11102"); the town is then read wherever it stands. A state whose code is also an
# English word or a drug's name ("ID", "OK", "IN", "MD" for MDMA) counts only with its ZIP code after
# it; a ZIP code is five figures alone, not the start of a phone number nor an amount ("07700
# 900245", "15000 €", "10000 pounds", "12000 pour la voiture").
_US_STATES = (
    "AK|AZ|AR|CA|CT|DC|FL|GA|IA|IL|KS|KY|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|RI|SC|SD|TN|TX|UT|VA|VT|WA|WV|WI|WY"
)
_US_STATES_WORDS = "AL|CO|DE|HI|ID|IN|LA|MA|MD|ME|OH|OK|OR|PA"
_ZIP = r"\d{5}(?![\w.,]\d|\d|\s?(?:\d|[$%€£]|(?i:k|quid|pounds?|euros?|eur|usd|gbp|dollars?|bucks|balles|pour|for)\b))"
_US_STATE_OR_ZIP = re.compile(rf",\s?(?:(?:{_US_STATES})(?![\w'’])|(?:{_US_STATES_WORDS})\s{_ZIP}|{_ZIP})")
_ZONE_START = attrgetter("start")
_CITY = 200_000  # people: a town this large is a city
_HOMONYM = 20_000  # below this, the gazetteer's town of a lexicon place's name may be another one ("Newcastle")
# A city this large is read wherever it is written ("Chicago plug", "Philadelphia, Mon-Thu"), unless its
# name is also a first name or a word ("Charlotte", "Phoenix", "Queens").
_METROPOLIS = 500_000
_NOT_ONLY_A_CITY = frozenset({
    "Austin", "Brooklyn", "Charlotte", "Columbus", "Dallas", "Houston", "Jacksonville", "Manhattan",
    "Memphis", "Phoenix", "Portland", "Queens", "Washington", "Jackson", "Lincoln", "Aurora", "Madison",
    "Hamilton", "Surrey",
})  # fmt: skip
_PROPER_GATE = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]")
# A run of capitalised words, with the particles of town names between them ("Aulnay-sous-Bois",
# "Newcastle upon Tyne", "Le Pré-Saint-Gervais"), not inside an account name (links are taken).
_PARTICLES = r"(?:sur|sous|lès|lez|les|le|la|de|du|des|en|et|on|upon|under|in|of|the|am|d'|l')"
_PROPER = re.compile(  # led by the capital, so that the engine skips to capitals in C
    rf"[A-ZÀ-Ý](?<![\w@.#'’-][A-ZÀ-Ý])[\w'’]*(?:[ \-](?:{_PARTICLES}[ \-]|[dl]['’])?[A-ZÀ-Ý][\w'’]*){{0,4}}"
    r"(?![\w@.-]*[\w])"
)
_PROPER_WORD = re.compile(rf"(?:{_PARTICLES}[ \-]|[dl]['’])?(?P<word>[A-ZÀ-Ý][\w'’]*)")
# The words after which a town is where a place is expected (one capitalised word may come between:
# "delivering Greater Manchester").
_TOWN_BEFORE = frozenset((
    "à", "a", "au", "sur", "vers", "secteur", "zone", "dans", "livraison", "livre", "livrons", "in", "around", "to",
    "at", "near", "covering", "cover", "delivering", "deliver", "deliveries", "running", "serving", "only", "drop",
    "drops", "area", "areas", "across",
))  # fmt: skip
# The words of place that lead a town inside a run of capitals ("Livraison Ajaccio", "Sur Moulins"); not "Only",
# "At", "To", "Near", which lead ordinary capitalised words ("Only Weed", "At Home", "To Paradise").
_RUN_PLACE_WORDS = (_TOWN_BEFORE | {"zones"}) - {
    "à", "a", "au", "in", "around", "to", "at", "near", "only", "drop", "cover", "across",
}  # fmt: skip
# The words of place that a colon may end ("Northside drops: Cabra"; not "New drop: Pink Kush", "in: Strawberry").
_AREAS = frozenset({
    "drops", "area", "areas", "zone", "zones", "secteur", "secteurs", "livraison", "delivery", "deliveries",
    "delivering", "covering",
})  # fmt: skip
# Words that may lead a town's name in a run without being part of it: "Greater Manchester", "North London".
_QUALIFIERS = frozenset({
    "greater", "grand", "north", "south", "east", "west", "central", "downtown", "nord", "sud", "est", "ouest",
    "centre",
})  # fmt: skip
# What a town's name may lead in a street's or a landmark's name ("Oxford St", "Kenmore Street",
# "Temple Bar", "Hillside Pharmacy", "Leicester Square"): then no town.
_STREET_AFTER = re.compile(
    r" (?:St(?!\.? [A-ZÀ-Ý])|Street|Rd|Road|Lane|Ln|Avenue|Ave|Drive|Close|Crescent|Court|Grove|Gardens|Terrace"
    r"|Mews|Row|Walk|Boulevard|Blvd|Square|Sq|Circus|Bar|University|College|Hospital|Pharmacy|Chemist|Stadium"
    r"|Arena|Academy|Mall|Church|Library|st|street|rd|road)\b"
)  # capitalised as a name's word ("Slough close to the station" is Slough), not before a name ("St Helens")
# The words of delivery before a town named like a first name: "Drops in Tyler", "Delivering Victoria"
# ("demande à Hugo", "talk to Warren" name a person).
_DELIVERED_TO = re.compile(
    r"\b(?i:drops?|delivering|delivery|deliver|livraison|livr[ée]e?s?|secteur|zone|covering|serving)"
    r"(?: (?i:in|sur|dans|across|around))? $"
)
_PARTICLE_AFTER = re.compile(r"-(?:la|le|les|lès|lez|sur|sous|en|de|du|des|d'|l')-?", re.IGNORECASE)
_SURNAME = re.compile(r" [A-ZÀ-Ý][a-zà-ÿ]")
_QUARTER_OF_TOWN = re.compile(r"-(?:Sud|Nord|Est|Ouest|Centre)(?![\w-])")
_TOWN_LIST = re.compile(r"\s?(?:,|/|&|\+|-|–|•|·|et|and|ou|or)\s?", re.IGNORECASE)  # "Fitzroy • Collingwood"
# A courier's round: names each followed by their range of hours, "Cenon 17h-18h, Lormont 18h-19h30",
# "Parramatta 6-8pm, Blacktown 8-10pm" (not one name: "Reading 8-10pm at the library", "Sale 9am-5pm").
_TIMED_AFTER = re.compile(
    r"\s?:?\s?(?:[01]?\d|2[0-3])(?:h[0-5]?\d?|:[0-5]\d|\s?[ap]m)?\s?[-–]\s?(?:[01]?\d|2[0-4])\s?(?:h|am|pm|:[0-5]\d)"
    r"(?:[0-5]\d)?",
    re.IGNORECASE,
)
_NEXT_ITEM = re.compile(r"\s?[,;•\n]\s?[A-ZÀ-Ý]")  # another item of the round after the hours
_TIMED_BEFORE = re.compile(r"(?:\d|h|am|pm)\s?[,;•\n]\s?$", re.IGNORECASE)  # the hours of the item before
_DATE = re.compile(r"(?<![\d/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)(?:/\d{2,4})?(?![\d/])")
_PREPOSITION = re.compile(r"(?:\b(?:à|a|sur|vers|secteur|zone|in|around|dans|de|livraison|livre|le)\s+)$", re.I)


@dataclass(frozen=True, slots=True)
class Zone:
    """A place named in a message: ``kind`` is postcode, arrondissement, departement, commune, city or place."""

    kind: str
    value: str
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Zone], tuple[Any, ...]]:
        return by_fields(self)


def _towns(text: str, zones: Sequence[Zone]) -> list[tuple[str, str, int, int]]:
    """Towns of the gazetteer named in ``text`` where a place is expected: after a word of place
    ("delivering Inglewood", "à Talence", "Livraison Ajaccio"), or in a list with another zone
    ("Bristol & Bath", "Ipswich + Colchester"); anywhere, a metropolis ("Chicago") or a town with
    its postcode district ("Dagenham RM9"), or an American town with its state or ZIP code
    ("Evanston, IL 60201"). A town alone is not read: many are words or names too
    (Reading, Hope); nor one that ends a longer name ("Small Heath", "Little Village")."""
    towns = gazetteer()
    found: list[tuple[str, str, int, int]] = []
    sure: list[bool] = []  # a metropolis, or a town with its district: read wherever it stands
    metropolis_words = _metropolis_words()
    runs = [run.span() for run in _PROPER.finditer(text)]
    ends = sorted([zone.end for zone in zones])
    for index, (low, high) in enumerate(runs):
        after = runs[index + 1][0] if index + 1 < len(runs) else None
        previous = max(runs[index - 1][1] if index else -1, ends[bisect.bisect_right(ends, low) - 1] if ends else -1)
        placed = _where_a_place_is(text, low, high, previous, after)
        if not placed and not _worth_a_look(text, low, high, metropolis_words):
            continue
        words = [word.span("word") for word in _PROPER_WORD.finditer(text, low, high)]
        at = 0
        while at < len(words):
            for last in range(len(words) - 1, at - 1, -1):  # the longest name first: "Thornton Heath"
                start, end = words[at][0], words[last][1]
                name = text[start:end]
                population = towns.get(name)
                if population is None and name.startswith("St "):  # "St Kilda": Saint Kilda; "St Ouen"
                    population = towns.get("Saint " + name[3:]) or towns.get("Saint-" + name[3:].replace(" ", "-"))
                elif population is None and name.startswith(("St-", "Ste-")):  # "St-Denis", "Ste-Foy"
                    population = towns.get(("Saint-" if name[2] == "-" else "Sainte-") + name.partition("-")[2])
                if population is None:
                    continue
                if (text.startswith("-", end) or (start and text[start - 1] == "-")) and in_a_hyphenated_name(
                    text, start, end
                ):
                    continue  # a part of a hyphenated name ("Croix-Rouge", a neighbourhood of Reims)
                if _STREET_AFTER.match(text, end) is not None:
                    continue  # a street's or a landmark's name ("Oxford St", "Temple University")
                if in_a_longer_name(text, start, end, found[-1][3] if found else -1):
                    continue  # a short name is a town alone, not a word of a longer name ("Whalley Range")
                district = last + 1 < len(words) and UK_DISTRICT.fullmatch(text, *words[last + 1]) is not None
                district = district or _in_a_us_address(text, start, end)
                certain = district or _metropolis(text[start:end], population)
                listed = bool(found) and found[-1][3] == words[at - 1][1] if at else False  # "Bootle Kirkby"
                if certain or listed or (placed if not at else _after_a_word_of_place(text, words[at - 1], start)):
                    whole = towns.get(text[words[at - 1][0] : end]) if at else None
                    if whole is not None:  # "East Ham", "West Bromwich": the qualifier is the name's
                        start, population = words[at - 1][0], whole
                    found.append(("city" if population >= _CITY else "commune", text[start:end], start, end))
                    sure.append(certain)
                    at = last
                break
            at += 1
    if not found:
        return []
    people = sum(town[1] in FIRST_NAMES for town in found)  # towns named like first names
    # A run may hold more than its town ("Livraison Nantes"): each town is judged where it stands.
    ends = sorted([zone.end for zone in zones] + [town[3] for town in found])
    accepted: list[tuple[str, str, int, int]] = []
    for index, (kind, name, start, end) in enumerate(found):
        before = bisect.bisect_right(ends, start)  # the zone or town written just before it
        after = found[index + 1][2] if index + 1 < len(found) else None
        previous = ends[before - 1] if before else -1
        if sure[index]:
            accepted.append((kind, name, start, end))
        elif name not in FIRST_NAMES:
            if _where_a_place_is(text, start, end, previous, after):
                accepted.append((kind, name, start, end))
        elif people == 1 and (  # "Livraison Jean, Paul, Pierre": people, however many are towns too
            _where_a_place_is(text, start, end, previous, after, placed=False)
            or (
                _DELIVERED_TO.search(text, max(0, start - 24), start) is not None
                and _SURNAME.match(text, end) is None  # "Secteur Victor Hugo": a person's name
            )
        ):
            accepted.append((kind, name, start, end))
    return accepted


def _worth_a_look(text: str, low: int, high: int, metropolis_words: frozenset[str]) -> bool:
    """Whether a run of capitalised words where no place is expected may still hold a town: a word
    of a metropolis's name, a word of place inside it ("Livraison Ajaccio", "Drop in Drogheda"),
    a postcode district ("Dagenham RM9"), or an American state or ZIP code ("Evanston, IL")."""
    words = text[low:high].replace("-", " ").split()
    return (
        not metropolis_words.isdisjoint(words)
        or any(word.lower() in _TOWN_BEFORE for word in words)
        or UK_GATE.search(text, low, high) is not None
        or _US_STATE_OR_ZIP.match(text, high) is not None
    )


def american_address(text: str, zones: Sequence[Zone]) -> bool:
    """Whether a town of ``zones`` is an American one followed by its state or ZIP code ("Melbourne, FL")."""
    return any(_in_a_us_address(text, zone.start, zone.end) for zone in zones)


def may_name_a_town(text: str) -> bool:
    """Whether ``text`` has a capitalised word, so may name a town of the gazetteer: the look that
    sends a message with no figure and no place of the lexicon to ``find_zones`` ("livraison sur
    Romainville ce soir", "delivering Garland tonight")."""
    return _PROPER_GATE.search(text) is not None


def _in_a_us_address(text: str, start: int, end: int) -> bool:
    """Whether the town at ``start:end`` is an American one followed by its state or ZIP code."""
    after = _US_STATE_OR_ZIP.match(text, end)
    if after is None:
        return False
    if after.group().lstrip(", ")[:1].isdigit():  # a ZIP code alone
        return town_countries().get(text[start:end]) == "US"  # "Reading, 12345 steps": the British town
    return "US" in every_country().get(text[start:end], ())  # "Kingston, NY 12401": not Canada's


def _after_a_word_of_place(text: str, previous: tuple[int, int], start: int) -> bool:
    """Whether a town inside a run of capitalised words comes after a word of place: the run's word
    before it ("Livraison Ajaccio", "Greater Manchester") or the particle between ("Drop in Drogheda")."""
    between = text[previous[1] : start].strip(" -").lower()
    word = text[previous[0] : previous[1]].lower()
    if len(word) == 1:
        return False  # "A Van", "À Ville": the article or a letter, not "a"/"à" before a town
    return between in _TOWN_BEFORE or word in _RUN_PLACE_WORDS or word in _QUALIFIERS


@lru_cache(maxsize=1)
def _metropolis_words() -> frozenset[str]:
    """The words of the metropolises' names ("San", "Diego", "Chicago"): a cheap look before a lookup."""
    return frozenset(
        word
        for name, people in gazetteer().items()
        if _metropolis(name, people)
        for word in name.replace("-", " ").split()
    )


def _metropolis(name: str, population: int) -> bool:
    """Whether ``name`` is a city large enough to be read anywhere, and no first name or word too."""
    return population >= _METROPOLIS and name not in _NOT_ONLY_A_CITY


def _where_a_place_is(
    text: str, start: int, end: int, previous: int, following: int | None, placed: bool = True
) -> bool:
    """Whether ``start:end`` is where a place is expected: after a word of place (unless ``placed``
    is False: a list only), or in a list with the name or zone ending at ``previous`` or the one
    starting at ``following`` (-1, None: none)."""
    return (
        (previous >= 0 and _TOWN_LIST.fullmatch(text, previous, start) is not None)
        or (following is not None and _TOWN_LIST.fullmatch(text, end, following) is not None)
        or (placed and (_placed(text, start) or _in_a_round(text, start, end)))
    )


def _in_a_round(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` is a name of a courier's round: followed by its hours, and by another
    item or after one (``_TIMED_AFTER``)."""
    timed = _TIMED_AFTER.match(text, end)
    return timed is not None and (
        _NEXT_ITEM.match(text, timed.end()) is not None
        or _TIMED_BEFORE.search(text, max(0, start - 6), start) is not None
    )


def _placed(text: str, at: int) -> bool:
    """Whether the word before ``at`` (or the one before it, across a capitalised word) is a word
    of place: "livraison sur Talence", "delivering Greater Manchester"."""
    words = text[max(0, at - 24) : at].split()
    if words and words[-1].lower() in _TOWN_BEFORE:
        return True
    if words and words[-1].endswith(":") and words[-1][:-1].lower() in _AREAS:  # "drops: Cabra, Drumcondra"
        return True
    # Not across the end of a sentence ("drop in Croydon. Driver £20"), but after an abbreviation ("in Co. Kildare").
    return (
        len(words) > 1
        and words[-1][:1].isupper()
        and (words[-1][-1] not in ".!?;" or len(words[-1]) <= 3)
        and words[-2].lower() in _TOWN_BEFORE
    )


def _of_addresses(text: str, addresses: Sequence[Address], places: Sequence[Hit]) -> list[Zone]:
    """The postcode and the commune written in street addresses, as zones."""
    zones = []
    kinds = {(hit.start, hit.end): hit.entry.code.partition(".")[0] for hit in places}
    for address in addresses:
        at = address.start
        for value, kind in ((address.postcode, "postcode"), (address.commune, "commune")):
            if value is None:
                continue
            at = text.find(value, at, address.end)
            if at == -1:
                break
            zones.append(Zone(kinds.get((at, at + len(value)), kind), value, at, at + len(value)))
            at += len(value)
    return zones


def find_arrondissements(
    text: str, places: Sequence[Hit], gates: int = ALL, taken: Sequence[tuple[int, int]] = ()
) -> list[Zone]:
    """The arrondissements of Paris, Lyon and Marseille named in ``text`` ("Paris 11e, 12e et 20e",
    "dans le 18ème", "3e arr."), outside ``taken`` spans (phone numbers): read before prices, so
    that "11e" is no 11 euros."""
    if not gates & DIGIT:
        return []
    mask = taken_mask(len(text), taken)
    named = (gates & ARR and _ARR_GATE.search(text) is not None) or any(
        hit.entry.term.lower() in _ARR_MAX for hit in places
    )
    found: list[Zone] = []
    for match in _ARRONDISSEMENT.finditer(text) if named else ():
        city = match["city"]
        number = int(match["n"] or match["n2"] or match["n3"])
        highest = _ARR_MAX[city.lower()] if city else 20
        if not 1 <= number <= highest or mask.find(1, *match.span()) != -1:
            continue
        if match["n3"] is not None and ranked_by_gift(text, match.start("n3"), match.end()):
            continue  # "le 3e pochon offert", "le 2e offert": a promotion's rank, not the 3rd
        found.append(Zone("arrondissement", f"{city.capitalize()} {number}" if city else str(number), *match.span()))
        if city is None:
            continue
        more_of = _ARR_MORE_ORDINAL if text[match.end() - 1].isalpha() else _ARR_MORE_FIGURE
        end = match.end()
        while (more := more_of.match(text, end)) is not None and 1 <= int(more["n"]) <= highest:
            if mask.find(1, more.start("n"), more.end()) != -1:
                break
            found.append(Zone("arrondissement", f"{city.capitalize()} {int(more['n'])}", more.start("n"), more.end()))
            end = more.end()
    return found


def find_zones(
    text: str,
    places: Iterable[Hit],
    taken: list[tuple[int, int]],
    landmarks: bool = True,
    gates: int = ALL,
    arrondissements: Sequence[Zone] | None = None,
    addresses: Sequence[Address] = (),
    words: Sequence[Hit] = (),
) -> list[Zone]:
    """Zones in ``text``. ``places`` are the lexicon's place hits; ``taken`` spans (phones, prices)
    are never read as zones; ``landmarks`` False skips the "cité des ...", "hall 3" reading;
    ``gates`` are the flags of ``prescan(text)`` (all set: look at everything);
    ``arrondissements`` are those ``find_arrondissements`` found (None: looked for here);
    ``addresses`` give their postcode and commune (the rest of an address, in ``taken``, is no zone:
    "rue de Paris", "devant le 13 rue Paul Bert")."""
    places = list(places)
    if arrondissements is None:
        arrondissements = find_arrondissements(text, places, gates)
    zones: list[Zone] = []
    mask = taken_mask(len(text), taken)  # grows as zones are found: one reading per span

    def add(kind: str, value: str, start: int, end: int) -> None:
        if mask.find(1, start, end) == -1:
            zones.append(Zone(kind, value, start, end))
            mask[start:end] = b"\x01" * (end - start)

    if "/" in text:  # "samedi 14/03", "le 14/03/24": a date, no departements
        for date in _DATE.finditer(text):
            if 1 <= int(date["day"]) <= 31 and 1 <= int(date["month"]) <= 12:
                mask[date.start() : date.end()] = b"\x01" * (date.end() - date.start())
    for zone in [*arrondissements, *_of_addresses(text, addresses, places)]:  # maybe already in ``taken``
        zones.append(zone)
        mask[zone.start : zone.end] = b"\x01" * (zone.end - zone.start)
    cased = text.lower() != text  # capitals: towns and British postcodes may be written
    british = cased and UK_GATE.search(text) is not None
    spots = list(PLACE.finditer(text)) if landmarks else []
    for match in spots:
        if match["spot"] is not None:  # "bât B", "hall 3": where in a building, no zone (nor a number)
            mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    if gates & DIGIT:
        # A postcode is a run of exactly five digits: each run is looked at once, from its start,
        # instead of trying the look-behind at every character.
        for run in _POSTCODE_GATE.finditer(text) if gates & POSTCODE else ():
            postcode = _POSTCODE.match(text, run.start())
            if postcode is not None:
                add("postcode", postcode["pc"], *postcode.span())
        for match in _DEPT_LIST.finditer(text) if gates & LIST else ():
            low, high = match.span()
            if text.startswith((",", "."), high) and _DEPT_BEFORE.search(text, max(0, low - 24), low) is None:
                continue
            codes = re.split(r"\s?[/,\-–]\s?", match["list"])
            # "92/93/94": one span for the whole list; "50/50", "24/24", "12-12" are no list
            if mask.find(1, low, high) == -1 and len(set(codes)) == len(codes):
                zones.extend(Zone("departement", code.upper(), low, high) for code in codes)
                mask[low:high] = b"\x01" * (high - low)
        for match in _DEPT_GATE.finditer(text) if gates & DEPT else ():
            at = match.start()
            candidate = _DEPT_CANDIDATE.match(text, at)
            if candidate is not None and _DEPT_BEFORE.search(text, max(0, at - 24), at) is not None:
                add("departement", candidate["d"].upper(), *candidate.span("d"))
        for match in _DEPT_PAREN.finditer(text) if "(" in text else ():
            add("departement", match["d"].upper(), *match.span("d"))
        if british:
            uk_postcodes(text, add)
    # Landmarks after postcodes and departements, before the towns in them: "gare de Lyon" is a
    # station, not also the city; "Brixton Academy" a venue; "parking 93200 Saint-Denis" a postcode.
    for match in spots:
        if match["spot"] is None:
            name = match.group().strip()
            offset = neighbourhood_at(name)
            if offset:  # "quartier du Panier": the neighbourhood, a commune's kind of zone
                add("commune", name[offset:], match.start() + offset, match.end())
            elif offset is not None:  # "quartier des 4000" too, an estate; "Quartier Général" is none
                add("place", name, *match.span())
    for hit in places:
        entry = hit.entry
        if hit.end < len(text) and text[hit.end].isalpha():
            continue  # "Bronx" is not "Bron" in the plural (the lexicon reads plurals)
        if entry.weak and _PREPOSITION.search(text, max(0, hit.start - 20), hit.start) is None:
            continue
        if _PARTICLE_AFTER.match(text, hit.end) is not None:
            continue  # "Louvain-la-Neuve", "Lyon-les-Bains": a longer name
        quarter = _QUARTER_OF_TOWN.match(text, hit.end) if entry.code in ("city", "commune") else None
        if quarter is not None:  # "Lille-Sud", "Nice-Est": a quarter of the town
            add("commune", text[hit.start : quarter.end()], hit.start, quarter.end())
            continue
        # A departement by its name ("Seine-Saint-Denis", "le 9-3"): its number, from the lexicon's code.
        kind, _, number = entry.code.partition(".")
        if kind == "city" or kind == "commune":  # one measure for every town: its population
            people = gazetteer().get(entry.term)  # a small town of the same name elsewhere says nothing
            kind = kind if people is None or people < _HOMONYM else "city" if people >= _CITY else "commune"
        add(kind, number or entry.term, hit.start, hit.end)
    if cased and _PROPER_GATE.search(text) is not None:
        towns = _towns(text, zones)
        for start, end in find_quarters(text, zones, towns, words):  # first: "Garfield Park", not "Garfield"
            add("commune", text[start:end], start, end)
        for kind, name, start, end in towns:
            add(kind, name, start, end)
    if zones and british:
        districts_of_towns(text, {zone.end: zone.value for zone in zones if zone.kind != "postcode"}, add)
    if len(zones) > 1:
        zones.sort(key=_ZONE_START)
    return zones
