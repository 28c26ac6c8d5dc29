"""The towns of GeoNames that delivery zones name (``lexicon/gazetteer.tsv``, written by
``tools/gazetteer.py``) and the neighbourhoods of cities (``lexicon/quarters.tsv``, written by the
team), and the country they tell: the currency of a price written without one.

Read once per process: each town name with the population and country of its most populous town
("Boston": 653,833, US; "Manchester": 568,996, GB), and the short names towns go by ("Épinay",
"Southend").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from filiere.errors import FormatError
from filiere.extract.lexicon import Hit
from filiere.extract.weekdays import DAY_WORDS

if TYPE_CHECKING:
    from filiere.extract.zones import Zone

GAZETTEER = Path(__file__).resolve().parent / "lexicon" / "gazetteer.tsv"
QUARTERS = GAZETTEER.with_name("quarters.tsv")
# What a neighbourhood of ``quarters.tsv`` counts as: a place as small as the smallest town, never
# telling a country by itself (``quarters()`` says which names are neighbourhoods).
QUARTER_PEOPLE = 1
_SHORT_NAME = re.compile(r"-(?:sur|sous|lès|lez|en|on|upon|le|la)-")
# The words hyphenated names of places are made of, which are towns' names elsewhere too ("Croix",
# "Rouge"): "Croix-Rouge" is one neighbourhood, "Lille-Roubaix" two towns.
NAME_WORDS = frozenset({
    "Croix", "Rouge", "Rousse", "Blanc", "Blanche", "Noir", "Noire", "Neuf", "Neuve", "Vieux", "Vieille", "Grand",
    "Grande", "Petit", "Petite", "Haut", "Haute", "Bas", "Basse", "Nord", "Sud", "Est", "Ouest", "Mont", "Pont",
    "Port", "Val", "Bourg", "Ville", "Fort", "Château", "Notre", "Dame", "Vert", "Verte", "Beau", "Belle",
})  # fmt: skip
# Towns whose name is a first name too ("demande à Hugo", "ask Marion"): read in a list of towns,
# not after a word of place alone. Not the cities a French message names by their name (Nancy).
FIRST_NAMES = frozenset({
    "Albert", "Alice", "Amelia", "Anna", "Anthony", "Arthur", "Ashley", "Ava", "Benjamin", "Bruce", "Clara",
    "Claude", "Clinton", "Daniel", "Dave", "Dennis", "Eden", "Edgar", "Elizabeth", "Eugene", "Florence", "Floyd",
    "Francis", "Franklin", "Gary", "George", "Gilbert", "Grant", "Harrison", "Harvey", "Hayden", "Hector",
    "Henry", "Homer", "Howard", "Hugo", "Hunter", "Jack", "Jasper", "Jefferson", "Jerome", "Jordan", "Joseph",
    "Joshua", "Julian", "Justin", "Keith", "Lawrence", "Leon", "Leonard", "Linda", "Lucas", "Margaret",
    "Marion", "Mark", "Martin", "Mason", "Mathieu", "Melissa", "Milton", "Mitchell", "Morgan", "Noé", "Oliver",
    "Olivia", "Paul", "Percy", "Philip", "Pierre", "Raymond", "Ross", "Roy", "Russell", "Scott", "Sebastian",
    "Sharon", "Sidney", "Spencer", "Stanley", "Taylor", "Thomas", "Tucker", "Tyler", "Victor", "Victoria",
    "Vincent", "Virginia", "Warren", "Wayne", "Yves", "Jackson", "Nelson", "Douglas",
})  # fmt: skip
# The first word of a town of two names, said alone ("Levallois", "Le Kremlin"); not words that
# lead many names ("Saint", "Mont", "Grande") or name something else ("Salon", "Maisons").
_FIRST_NAME_OF_TOWN = re.compile(r"(?:(?:Le|La|Les) )?[A-ZÀ-Ý][a-zà-ÿ]{3,}(?=-[\w'’])")
_FIRST_NAME_PEOPLE = 15_000
_NOT_SHORT = frozenset({
    "Saint", "Sainte", "Sint", "Notre", "Grande", "Deux", "Trois", "Sept", "Quinze", "Parc", "Pointe", "Côte",
    "Rivière", "Baie", "Bois", "Brie", "Juan", "Maisons", "Salon", "Faches", "Digne", "Plaisance", "Ville",
    "Le Petit", "Le Grand", "Le Vieux", "Le Sud", "Le Plateau", "La Haute", "La Cité", "Les Sables",
})  # fmt: skip
# The words joined by hyphens around a town (a name of several words goes on after a space: "Fort Worth").
_HYPHEN_RUN_BEFORE = re.compile(r"(?:[\w'’]+(?: [A-ZÀ-Ý][\w'’]*){0,2}-)+$")
_HYPHEN_RUN_AFTER = re.compile(r"(?:-[\w'’]+(?: [A-ZÀ-Ý][\w'’]*){0,2})+")
_WORD_BEFORE_HYPHEN = re.compile(r"(?P<w>[A-ZÀ-Ý][\w'’]*)-$")
_WORD_AFTER_HYPHEN = re.compile(r"-(?P<w>[A-ZÀ-Ý][\w'’]*)")
# Words after a short name that make no longer name of it ("Southend Tonight", "Southend Friday").
_NOT_A_NAME_AFTER = frozenset({
    *DAY_WORDS, "tonight", "today", "tomorrow", "only", "area", "areas", "drops", "delivery", "deliveries",
    "line", "asap", "now", "ce", "soir", "seulement", "uniquement",
})  # fmt: skip
_NEXT_WORD = re.compile(r" (?P<w>[A-ZÀ-Ý][a-zà-ÿ'’]+)(?![\w])")  # a name's next word, not a code ("Southend SS1")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, int]:
    """The towns of ``gazetteer.tsv`` by name, with their largest population; a row that is not
    ``name, country, population`` raises ``FormatError`` naming the file and the line."""
    return _read_gazetteer().towns


@lru_cache(maxsize=1)
def town_countries() -> dict[str, str]:
    """The country code of each town name of ``gazetteer.tsv``: the most populous town's of that
    name ("Manchester": GB, "Boston": US)."""
    return _read_gazetteer().countries


@lru_cache(maxsize=1)
def every_country() -> dict[str, frozenset[str]]:
    """The country codes of every town of each name ("Bayonne": FR and US)."""
    return _read_gazetteer().every


@lru_cache(maxsize=1)
def homonyms() -> dict[str, tuple[tuple[int, str], ...]]:
    """For each name of towns of several countries, their populations and countries, the largest
    first ("Perth": Australia's 2 million, then Scotland's 47,000)."""
    return _read_gazetteer().homonyms


@lru_cache(maxsize=1)
def short_names() -> frozenset[str]:
    """The names of ``gazetteer()`` that are only the short name a town goes by ("Southend",
    "Port" of Port-la-Nouvelle): read alone, never as a word of a longer name ("Port Botany")."""
    return _read_gazetteer().shorts


@lru_cache(maxsize=1)
def quarters() -> frozenset[str]:
    """The names ``gazetteer()`` holds from ``quarters.tsv``: neighbourhoods, read more strictly than
    towns (``towns._placed_quarters``)."""
    return _read_gazetteer().quarters


class _Read(NamedTuple):
    """What ``gazetteer.tsv`` says, read once (see the functions above)."""

    towns: dict[str, int]
    countries: dict[str, str]
    shorts: frozenset[str]
    every: dict[str, frozenset[str]]
    homonyms: dict[str, tuple[tuple[int, str], ...]]
    quarters: frozenset[str]


@lru_cache(maxsize=1)
def _read_gazetteer() -> _Read:
    towns: dict[str, int] = {}
    countries: dict[str, str] = {}
    every: dict[str, dict[str, int]] = {}
    shorts: set[str] = set()
    with GAZETTEER.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.startswith(("#", "name\t")) or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != 3 or not cells[0] or not cells[2].isdigit():
                raise FormatError(
                    "expected a name, a country code and a population, tab-separated",
                    path=f"{GAZETTEER}:{number}",
                    hint="fix the row, or write the file again with tools/gazetteer.py",
                )
            people = int(cells[2])
            of_name = every.setdefault(cells[0], {})
            of_name[cells[1]] = max(of_name.get(cells[1], 0), people)
            if cells[0] not in towns or people > towns[cells[0]]:
                towns[cells[0]], countries[cells[0]] = people, cells[1]
    quarters = _read_quarters(towns, countries, every)
    # The short name a town goes by: "Épinay" (Épinay-sur-Seine), "Southend" (Southend-on-Sea),
    # "Bronx" (The Bronx), unless another town has it; "The" stays before a word of three letters
    # ("The Pas", not "Pas").
    for town, people in list(towns.items()):
        short = _SHORT_NAME.split(town, maxsplit=1)[0]
        if short.startswith("The ") and len(short) > 7:
            short = short.removeprefix("The ")
        if short == town:
            continue
        if short not in towns:
            towns[short], countries[short] = people, countries[town]
            shorts.add(short)
        elif towns[short] < people:  # "Stoke": Stoke-on-Trent's, larger than the towns called Stoke
            towns[short], countries[short] = people, countries[town]
        of_name = every.setdefault(short, {})
        of_name[countries[town]] = max(of_name.get(countries[town], 0), people)
    # And the first word of a French, Belgian or Swiss town of two names ("Levallois" of
    # Levallois-Perret, "Rueil", "Issy", "Le Kremlin"), when no other town has it.
    firsts: dict[str, list[str]] = {}
    for town, people in towns.items():
        first = _FIRST_NAME_OF_TOWN.match(town) if people >= _FIRST_NAME_PEOPLE else None
        if first is not None and countries[town] in ("FR", "BE", "CH") and first.group() not in _NOT_SHORT:
            firsts.setdefault(first.group(), []).append(town)
    for short, named in firsts.items():
        if len(named) == 1 and short not in towns:
            towns[short], countries[short] = towns[named[0]], countries[named[0]]
            shorts.add(short)
            every[short] = {countries[short]: towns[short]}
    combos: dict[frozenset[str], frozenset[str]] = {}  # one object for each set of countries: few differ
    shared = {name: combos.setdefault(frozenset(codes), frozenset(codes)) for name, codes in every.items()}
    several = {
        name: tuple(sorted(((people, code) for code, people in codes.items()), reverse=True))
        for name, codes in every.items()
        if len(codes) > 1
    }
    return _Read(towns, countries, frozenset(shorts), shared, several, quarters)


def _read_quarters(
    towns: dict[str, int], countries: dict[str, str], every: dict[str, dict[str, int]]
) -> frozenset[str]:
    """Add the neighbourhoods of ``quarters.tsv`` that are no town to ``towns``, as small as the
    smallest, and give their names; a row that is not ``name, city, country`` raises
    ``FormatError`` naming the line."""
    added: set[str] = set()
    with QUARTERS.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.startswith(("#", "name\t")) or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != 3 or not cells[0] or len(cells[2]) != 2:
                raise FormatError(
                    "expected a neighbourhood's name, its city and a two-letter country code, tab-separated",
                    path=f"{QUARTERS}:{number}",
                    hint="fix the row (one neighbourhood a line), or remove it",
                )
            if cells[0] not in towns:
                towns[cells[0]], countries[cells[0]] = QUARTER_PEOPLE, cells[2]
                every.setdefault(cells[0], {})[cells[2]] = QUARTER_PEOPLE
                added.add(cells[0])
    return frozenset(added)


# The currency of a country whose towns the gazetteer holds, where it is not the euro.
_CURRENCY_OF = {"GB": "GBP", "US": "USD", "CH": "CHF", "CA": "CAD", "AU": "AUD", "NZ": "NZD"}
# Countries by the calling code of a phone number (E.164), for the countries of the gazetteer.
_CALLING = (
    ("+44", "GB"), ("+1", "US"), ("+33", "FR"), ("+32", "BE"), ("+41", "CH"), ("+352", "LU"), ("+353", "IE"),
    ("+61", "AU"), ("+64", "NZ"),
)  # fmt: skip
_COUNTRY_TOWN = 20_000  # a town tells its country from this many people (not "Clio", a car, a village)


def currency_of_places(zones: Sequence[Zone], phones: Sequence[str] = (), places: Sequence[Hit] = ()) -> str | None:
    """The currency of the one country that the towns and British postcodes of ``zones`` and the
    phone numbers (E.164) are in ("10 a g, come thru Brixton": pounds), None when they name none,
    several, or a country of the euro. ``places`` are the lexicon's hits of places: those it lists
    as English (British and Irish towns, London's boroughs) are in the British Isles, whatever
    larger American town shares their name (Camden, Enfield)."""
    found: set[str] = set()
    countries, towns, every = town_countries(), gazetteer(), every_country()
    isles = {(hit.start, hit.end) for hit in places if hit.entry.lang == "en"}
    ambiguous: list[str] = []  # towns of several countries: they tell only where nothing else does
    for zone in zones:
        if (zone.start, zone.end) in isles:
            found.add("IE" if countries.get(zone.value) == "IE" else "GB")
        elif zone.kind == "postcode":
            if not zone.value.isdigit():  # a British postcode (five figures: French or American)
                found.add("GB")
        elif zone.kind in ("departement", "arrondissement"):
            found.add("FR")
        elif zone.kind in ("commune", "city") and towns.get(zone.value, 0) >= _COUNTRY_TOWN:
            if len(every.get(zone.value, ())) > 1:
                ambiguous.append(zone.value)
            else:
                found.add(countries[zone.value])
    called = [next((country for code, country in _CALLING if phone.startswith(code)), "other") for phone in phones]
    if ambiguous and not found and not {country for country in called if country != "US"}:
        country = _country_of_homonyms(ambiguous)  # a +1 number may be Canada's: it does not tell
        if country is not None:
            found.add(country)
    for country in called:  # a calling code of no country here ("other") makes two countries: no guess
        found.add("CA" if country == "US" and "CA" in found else country)  # +1: Canada's too
    return _CURRENCY_OF.get(found.pop()) if len(found) == 1 else None


_PREFERRED = ("GB", "IE", "US")  # the countries a name shared by several tells first
_DOMINANT = 8  # a name tells its largest town's country when that town is this many times the next


def _country_of_homonyms(names: Sequence[str]) -> str | None:
    """The one country that names of towns of several countries tell together, where nothing else
    tells one. Each name tells its largest town's if eight times the next one of that name ("Perth":
    Australia's), else Britain's, Ireland's or the United States' ("Gloucester", "Halifax"); of
    those, the ones all the names share count ("Perth, Dundee": Scotland's), and two of them are
    none ("Manchester and Boston")."""
    every = every_country()
    shared = frozenset.intersection(*(every[name] for name in names))
    told = {_country_of_homonym(name) for name in names} & shared
    if len(told) == 1:
        return next(iter(told))
    if told:
        return None
    return next((code for code in _PREFERRED if code in shared), next(iter(shared)) if len(shared) == 1 else None)


def _country_of_homonym(name: str) -> str | None:
    """The country one name of towns of several countries tells: its largest town's if eight times
    the next, else Britain, Ireland or the United States, the first of them that has a town of
    that name."""
    ranked = homonyms()[name]
    (largest, country), (second, _) = ranked[0], ranked[1]
    if largest >= _DOMINANT * second:
        return country
    return next((code for code in _PREFERRED if code in every_country()[name]), None)


def in_a_hyphenated_name(text: str, start: int, end: int) -> bool:
    """Whether the town at ``start:end``, joined to other words by hyphens, is a part of one name
    ("Croix-Rouge", "Croix-Rousse", "Mont-Blanc"), not one of a list of towns written with hyphens
    ("Bayonne-Anglet-Biarritz", "Roubaix-Croix-Wasquehal", "Dax-Mont-de-Marsan", "Dallas-Fort
    Worth", "Aix-Marseille-Provence"). Towns end to end are a list unless all of them are words such
    names are made of; with a word that is no town among them, the town is a part of a name when it
    or a word joined to it is one of those words. Only the 64 characters each side are read."""
    run = _HYPHEN_RUN_BEFORE.search(text, max(0, start - 64), start)
    low = run.start() if run is not None else start
    after = _HYPHEN_RUN_AFTER.match(text, end, min(len(text), end + 64))
    high = after.end() if after is not None else end
    parts = text[low:high].split("-")
    towns = gazetteer()
    # The run may begin and end with words of the sentence: "Livraison Bayonne-…-Biarritz Dimanche".
    first, last_words = parts[0].split(" "), parts[-1].split(" ")
    parts[0] = next((" ".join(first[k:]) for k in range(len(first)) if " ".join(first[k:]) in towns), parts[0])
    parts[-1] = next(
        (" ".join(last_words[:k]) for k in range(len(last_words), 0, -1) if " ".join(last_words[:k]) in towns),
        parts[-1],
    )
    at, names, unknown = 0, [], False
    while at < len(parts):  # the longest town first: "Port-de-Bouc", "Mont-de-Marsan"
        last = next((last for last in range(min(len(parts), at + 5), at, -1) if "-".join(parts[at:last]) in towns), 0)
        if not last:
            unknown, at = True, at + 1
            continue
        names.append("-".join(parts[at:last]))
        at = last
    if not unknown:
        return all(name in NAME_WORDS for name in names)  # "Croix-Rouge": towns' names, but one name
    before = _WORD_BEFORE_HYPHEN.search(text, max(0, start - 24), start) if start and text[start - 1] == "-" else None
    joined = _WORD_AFTER_HYPHEN.match(text, end)
    words = [text[start:end]] + [m["w"] for m in (before, joined) if m is not None]
    # A word of such names that starts a longer town ("Fort Worth", "Port-de-Bouc") is that town's.
    return any(
        word in NAME_WORDS and not any(name.startswith((word + " ", word + "-")) for name in names) for word in words
    )


def in_a_longer_name(text: str, start: int, end: int, previous: int) -> bool:
    """Whether the short name of a town at ``start:end`` ("Southend", "Port" of Port-la-Nouvelle)
    is a word of a longer name instead: a word such names are made of, one before a capitalised
    word that is no town nor a word of time ("Port Botany"; not "Southend SS1", "Southend Tonight"),
    or one right after the town that ends at ``previous`` ("Whalley Range")."""
    name = text[start:end]
    if name not in short_names():
        return False
    following = _NEXT_WORD.match(text, end)
    return (
        name in NAME_WORDS
        or (
            following is not None
            and following["w"] not in gazetteer()
            and following["w"].lower() not in _NOT_A_NAME_AFTER
        )
        or (text[start - 1] == " " and previous == start - 1)
    )
