"""The towns of the gazetteer named in a message where a place is expected: after a word of place
("livraison sur Talence", "Drops in Drogheda"), in a list with another zone ("Bristol & Bath"), in a
courier's round with their hours ("Cenon 17h-18h, Lormont 18h-19h30"), with a postcode district or an
American state ("Dagenham RM9", "Evanston, IL"), and a metropolis anywhere ("Chicago"). ``zones``
adds them to the other zones it reads."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from filiere.extract.gazetteer import (
    FIRST_NAMES,
    every_country,
    gazetteer,
    in_a_hyphenated_name,
    in_a_longer_name,
    quarters,
    town_countries,
)
from filiere.extract.uk_postcodes import UK_DISTRICT, UK_GATE

if TYPE_CHECKING:
    from filiere.extract.zones import Zone

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
CITY = 200_000  # people: a town this large is a city
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
    r"(?: (?i:in|to|sur|dans|across|around))? $"
)
_SURNAME = re.compile(r" [A-ZÀ-Ý][a-zà-ÿ]")
# Before a neighbourhood: a particle of place after a verb of being or going there ("je suis à", "I'm in").
_QUARTER_PARTICLES = frozenset({"à", "au", "sur", "in", "to", "at", "dans"})
_PLACE_ALONE = frozenset({"around", "vers", "quartier", "secteur", "zone", "cité"})
_BEING_THERE = frozenset({
    "suis", "es", "est", "sommes", "êtes", "sont", "passe", "passes", "bosse", "tourne", "reste", "livre", "livrer",
    "i'm", "im", "am", "are", "is", "drop", "drops", "meet", "ride", "tournée", "run", "runs", "plug", "gars",
    "dealer", "shop", "dispo", "available", "about", "around", "out",
})  # fmt: skip
_QUARTERS_LISTED = 3  # neighbourhoods listed together without a town: three at least
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


def towns_in(text: str, zones: Sequence[Zone]) -> list[tuple[str, str, int, int]]:
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
                    found.append(("city" if population >= CITY else "commune", text[start:end], start, end))
                    sure.append(certain)
                    at = last
                break
            at += 1
    if not found:
        return []
    people = sum(town[1] in FIRST_NAMES for town in found)  # towns named like first names
    neighbourhoods = quarters()
    placed_quarters = _placed_quarters(text, found, zones, neighbourhoods)
    # A run may hold more than its town ("Livraison Nantes"): each town is judged where it stands.
    ends = sorted([zone.end for zone in zones] + [town[3] for town in found])
    accepted: list[tuple[str, str, int, int]] = []
    for index, (kind, name, start, end) in enumerate(found):
        before = bisect.bisect_right(ends, start)  # the zone or town written just before it
        after = found[index + 1][2] if index + 1 < len(found) else None
        previous = ends[before - 1] if before else -1
        if sure[index]:
            accepted.append((kind, name, start, end))
        elif name in neighbourhoods:  # a neighbourhood of quarters.tsv: stricter
            if index in placed_quarters:
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


def _placed_quarters(
    text: str, found: Sequence[tuple[str, str, int, int]], zones: Sequence[Zone], neighbourhoods: frozenset[str]
) -> set[int]:
    """The indices of the neighbourhoods of ``found`` (those of quarters.tsv) that stand where one is
    expected. Many are people's, shops' and schools' names too ("documentaire sur Gagarine", "dîner à
    La Source", "Dis à Fischer"), so a word of place is not enough: each is placed itself
    (``_quarter_placed``), or listed with a zone or a town, or with a neighbourhood so placed, or
    with two more ("Govan, Drumchapel and Easterhouse sorted"). Each neighbourhood is compared with
    its neighbours only: linear in the names found."""
    listed = [index for index, town in enumerate(found) if town[1] in neighbourhoods]
    if not listed:
        return set()
    places = sorted(
        [(zone.start, zone.end) for zone in zones]
        + [(low, high) for _, name, low, high in found if name not in neighbourhoods]
    )
    starts = [low for low, _ in places]
    ends = sorted(high for _, high in places)
    placed: set[int] = set()
    chains: list[list[int]] = []
    for index in listed:
        _, _, start, end = found[index]
        before = bisect.bisect_right(ends, start) - 1  # the place ending last before it
        after = bisect.bisect_left(starts, end)  # the place starting first after it
        if (
            _quarter_placed(text, start, end)
            or (before >= 0 and _TOWN_LIST.fullmatch(text, ends[before], start) is not None)
            or (after < len(starts) and _TOWN_LIST.fullmatch(text, end, starts[after]) is not None)
        ):
            placed.add(index)
        previous = chains[-1][-1] if chains else None
        if previous == index - 1 and _TOWN_LIST.fullmatch(text, found[previous][3], start) is not None:
            chains[-1].append(index)
        else:
            chains.append([index])
    for chain in chains:  # a list of neighbourhoods: three of them, or one placed
        if len(chain) >= _QUARTERS_LISTED or not placed.isdisjoint(chain):
            placed.update(chain)
    return placed


def _quarter_placed(text: str, start: int, end: int) -> bool:
    """Whether a neighbourhood at ``start:end`` stands where one is said: after a word of delivery
    ("drops in Moss Side", "livraison sur Paillade"), a word of place that says nothing else ("around",
    "vers"), a particle after a verb of being or going there ("je suis à Croix-Rouge", "I'm in
    Govanhill"), or in a courier's round."""
    if _DELIVERED_TO.search(text, max(0, start - 24), start) is not None or _in_a_round(text, start, end):
        return True
    words = text[max(0, start - 24) : start].lower().split()
    return bool(words) and (
        words[-1] in _PLACE_ALONE or (len(words) > 1 and words[-1] in _QUARTER_PARTICLES and words[-2] in _BEING_THERE)
    )


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
