"""Delivery zones and meeting places: postcodes, arrondissements, departements, communes, cities, places.

Communes, cities and landmarks come from the lexicon (``places.tsv``), the gazetteer's towns from
``towns``, neighbourhoods in lists from ``quarters``; numbers are read by patterns that need context
("le 93", "92/93/94", "Paris 18") so that prices and times are not taken for zones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from filiere.extract.addresses import Address
from filiere.extract.compiled import by_fields
from filiere.extract.figures import taken_mask
from filiere.extract.gazetteer import (
    gazetteer,
)
from filiere.extract.landmarks import PLACE, neighbourhood_at
from filiere.extract.lexicon import Hit
from filiere.extract.prescan import ALL, ARR, DEPT, DIGIT, LIST, POSTCODE
from filiere.extract.quarters import find_quarters
from filiere.extract.ranks import RANKED, ranked_by_gift
from filiere.extract.towns import CITY, may_name_a_town, towns_in
from filiere.extract.uk_postcodes import UK_GATE, districts_of_towns, uk_postcodes

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
# In Roman figures, as Parisians write them: "dans le XVIIIe et le XIXe", "Paris XXe", "le XIe arr.";
# capitals only, after the city, a word of place ("dans le", "sur le", "je livre le") or before "arr",
# or listed after another arrondissement ("et le XIXe"); not a century, a summit or a prize ("un château
# du XVIIe", "le XIe Prix", "né au XIXe", "un livre du XVIIIe": "du" and "au" say centuries too often).
_ROMAN_ARR = re.compile(
    r"(?:(?P<city>Paris|Lyon|Marseille)\s"
    r"|(?P<place>(?i:\b(?:dans|sur|vers|côté)\s(?:tout\s)?le\s|\b(?:livre|livrons|livraison)\s(?:dans\s)?le\s))"
    r"|(?P<listed>(?:\s?,|\s(?i:et|ou))\s(?i:le\s)?)|(?<=\b[lLdD][eu] ))"
    r"(?P<roman>X{0,2}(?:IX|IV|VI{0,3}|I{1,3})|XX?)(?:e|è|ème|eme)(?![\w])(?P<arr>\s?(?i:arr))?"
    r"(?!\s?(?i:si[eè]cles?|r[ée]publique|reich|empire|[ée]dition|congr[eè]s|festival|salon|biennale|concile"
    r"|plan|dynastie|mill[ée]naire|l[ée]gion|corps|r[ée]giment|arm[ée]e|[ée]tage|rang|place|round|tour\b|forum"
    r"|sommet|prix|championnat|journ[ée]e|colloque|rencontres?|jeux|olympiades?|anniversaire|si[eè]cle))"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_LIST_GAP = 1  # what may stand between an arrondissement and the next of its list ("XIe arr., le XIIe")
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
# Figures listed with slashes or spaced dashes ("Paris 18/19/20", "Marseille 13 - 14 - 15") are read
# three or more (``_LISTED_AT_LEAST``: two are a date, a fraction, a score or a mark: "Paris 18/05",
# "Lyon 3/4", "Paris 2 - 1"; two with a spaced slash are a list, "Paris 11 / 12", and so are two with
# a slash where the second is no month, ``_two_listed``), never with a leading zero ("13/06/24"); the
# last may be followed by words ("Paris 11/12/20 de 18h à 2h"), not money's nor a measure's ("Paris 18/19/20 kg").
_MEASURED = (
    r"(?:les?|la|l['’]|euros?|eur|balles|boules|e|g|gr|grammes?|kg|kilos?|pour|for|each|min|minutes?|ans|pi[eè]ces?"
    r"|x|chacun|par|pochons?|barrettes?)\b"
)
_ARR_MORE_FIGURE = re.compile(
    r"(?:\s?(?:,|&|\bet\b|\band\b)\s?|(?P<listed>\s?/\s?|\s[-–]\s))(?P<n>[1-9]\d?)(?![\w])"
    r"(?!\s?[€£$%=]|\s?/(?(listed)(?!\s?[1-9]\d?\b)|))"
    rf"(?(listed)(?![ \t]?{_MEASURED})|(?!\s?(?!(?:et|and|ou|or)\b)[^\W\d_]+))",
    re.IGNORECASE,
)
_LISTED_AT_LEAST = 3
_LAST_MONTH = 12  # a second figure after a slash up to this may be a month ("Paris 18/10")
_DEPT = r"(?:0[1-9]|[1-8]\d|9[0-5]|2[ab]|97[1-6])"
_NOT_A_ZONE = r"(?!\s?(?:€|e\b|eur|euros?|balles|g\b|gr|grammes?|h\b|h\d|min|ans|km|%|\d|kg|pochons?|x\b))"
# "le 93", "dans le 94", "dept 77": the words before a two-digit candidate, read backwards from it.
_DEPT_BEFORE = re.compile(
    r"(?:\b(?:dans|sur|tout|partout dans|secteur|zone|livraison|livre|on livre)\s(?:le\s)?|\ble\s|"
    r"\bdept\.?\s?|\bd[ée]partement\s|\bdep\s)$",
    re.IGNORECASE,
)
# A second departement joined to one read ("dans le 93 et 94", "le 92 ou 78").
_DEPT_MORE = re.compile(rf"\s(?:et|ou|&)\s(?P<d>{_DEPT}){_NOT_A_ZONE}(?![\w]|/\d)", re.IGNORECASE)
_DEPT_CANDIDATE = re.compile(rf"(?P<d>{_DEPT}){_NOT_A_ZONE}(?![\w]|/\d)", re.IGNORECASE)  # not "24/24"
# Sizes, measures and dates after a list of figures: "Bouteilles 33/50/75 cl", "12-13-14 juillet".
_MONTHS = (
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
    r"|jan|janv|feb|fév|fev|mar|apr|avr|jun|jul|juil|aug|sept?|oct|nov|d[ée]c"
)
_MONTH_AFTER = re.compile(rf"\s?(?:{_MONTHS})\b", re.IGNORECASE)
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
_ZONE_START = attrgetter("start")
_HOMONYM = 20_000  # below this, the gazetteer's town of a lexicon place's name may be another one ("Newcastle")
_PARTICLE_AFTER = re.compile(r"-(?:la|le|les|lès|lez|sur|sous|en|de|du|des|d'|l')-?", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r" [A-ZÀ-Ý][a-zà-ÿ'’]+(?![\w'’])")  # a capitalised word after a place's name
_QUARTER_OF_TOWN = re.compile(r"-(?:Sud|Nord|Est|Ouest|Centre)(?![\w-])")
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
    mask = taken_mask(len(text), taken)
    found = _figured_arrondissements(text, places, gates, mask) if gates & DIGIT else []
    if roman_ordinal_in(text):
        found += _roman_arrondissements(text, places, mask, {zone.end for zone in found})
    return found


def _figured_arrondissements(text: str, places: Sequence[Hit], gates: int, mask: bytearray) -> list[Zone]:
    """The arrondissements written in figures (see ``find_arrondissements``)."""
    found: list[Zone] = []
    named = (gates & ARR and _ARR_GATE.search(text) is not None) or any(
        hit.entry.term.lower() in _ARR_MAX for hit in places
    )
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
        ordinal = text[match.end() - 1].isalpha()
        more_of = _ARR_MORE_ORDINAL if ordinal else _ARR_MORE_FIGURE
        end = match.end()
        listed: list[Zone] = []
        numbers: list[int] = []
        joints: list[str] = []  # what joins each figure to the one before: a slash or a dash (not ordinals)
        while (more := more_of.match(text, end)) is not None and 1 <= (number := int(more["n"])) <= highest:
            if mask.find(1, more.start("n"), more.end()) != -1:
                break
            if not ordinal and more["listed"] is not None:
                joints.append(more["listed"])
            listed.append(Zone("arrondissement", f"{city.capitalize()} {number}", more.start("n"), more.end()))
            numbers.append(number)
            end = more.end()
        tight = [joint for joint in joints if joint != " / "]  # "Paris 11 / 12" is a list, "Paris 18/05" a date
        if (
            not tight
            or len(listed) + 1 >= _LISTED_AT_LEAST
            or (len(listed) == 1 and _two_listed(text, numbers[0], tight[0], end))
        ):
            found += listed
    return found


def _roman_arrondissements(text: str, places: Sequence[Hit], mask: bytearray, ends: set[int]) -> list[Zone]:
    """Arrondissements in Roman figures ("dans le XVIIIe", "Paris XXe"): of the city before them,
    or of the one city with arrondissements the message names, else by their number alone.
    ``ends`` are where arrondissements in figures end ("dans le 18e et le XIXe")."""
    cities = {hit.entry.term.lower() for hit in places} & _ARR_MAX.keys()
    found = []
    ends = set(ends)
    for match in _ROMAN_ARR.finditer(text):
        placed = match["city"] or match["place"] or match["arr"]
        listed = match["listed"] and any(match.start() - gap in ends for gap in range(_LIST_GAP + 1))
        if not placed and not listed:
            continue  # "Le VIe Sommet", "un château du XVIIe": no place said
        ends.add(match.end())
        number = _roman_value(match["roman"])
        city = (match["city"] or (next(iter(cities)) if len(cities) == 1 else "")).lower()
        if number <= _ARR_MAX.get(city, 20) and mask.find(1, *match.span()) == -1:
            value = f"{city.capitalize()} {number}" if city else str(number)
            found.append(Zone("arrondissement", value, *match.span()))
    return found


def roman_ordinal_in(text: str) -> bool:
    """Whether ``text`` may hold an ordinal in Roman figures ("XVIIIe"): cheaper than the pattern."""
    return "Ie" in text or "Ve" in text or "Xe" in text or "Iè" in text or "Vè" in text or "Xè" in text


def _roman_value(figures: str) -> int:
    """The value of Roman ``figures`` ("XIX": 19)."""
    values = [_ROMAN_VALUES[figure] for figure in figures]
    return sum(-value if value < after else value for value, after in zip(values, [*values[1:], 0], strict=True))


def _two_listed(text: str, number: int, joined_by: str, end: int) -> bool:
    """Whether a second figure written after a slash (``joined_by``) is an arrondissement: no month's
    ("Paris 18/19", "Marseille 13/14"; not "Paris 18/10", "Paris 11/12", "Lyon 3/4", "Paris 18/19 juin")."""
    return joined_by.strip() == "/" and number > _LAST_MONTH and _MONTH_AFTER.match(text, end) is None


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
                more = _DEPT_MORE.match(text, candidate.end("d"))  # "dans le 93 et 94"
                if more is not None:
                    add("departement", more["d"].upper(), *more.span("d"))
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
        longer = _NAME_GOES_ON.match(text, hit.end)
        if longer is not None and text[hit.start : longer.end()] in gazetteer():
            add("commune", text[hit.start : longer.end()], hit.start, longer.end())
            continue  # "Hackney Wick", "Moss Side": the longer name of the gazetteer, not the place in it
        quarter = _QUARTER_OF_TOWN.match(text, hit.end) if entry.code in ("city", "commune") else None
        if quarter is not None:  # "Lille-Sud", "Nice-Est": a quarter of the town
            add("commune", text[hit.start : quarter.end()], hit.start, quarter.end())
            continue
        # A departement by its name ("Seine-Saint-Denis", "le 9-3"): its number, from the lexicon's code.
        kind, _, number = entry.code.partition(".")
        if kind == "city" or kind == "commune":  # one measure for every town: its population
            people = gazetteer().get(entry.term)  # a small town of the same name elsewhere says nothing
            kind = kind if people is None or people < _HOMONYM else "city" if people >= CITY else "commune"
        add(kind, number or entry.term, hit.start, hit.end)
    if cased and may_name_a_town(text):
        towns = towns_in(text, zones)
        for start, end in find_quarters(text, zones, towns, words, bool(gates & DIGIT)):  # "Garfield Park" first
            add("commune", text[start:end], start, end)
        for kind, name, start, end in towns:
            add(kind, name, start, end)
    if zones and british:
        districts_of_towns(text, {zone.end: zone.value for zone in zones if zone.kind != "postcode"}, add)
    if len(zones) > 1:
        zones.sort(key=_ZONE_START)
    return zones
