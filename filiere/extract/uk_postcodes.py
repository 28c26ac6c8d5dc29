"""British postcodes: full ones ("SE15 4QF"), and outward codes ("SE15", "E1", "B10") where the
text says they are places (``zones`` reads the other zones)."""

from __future__ import annotations

import re
from collections.abc import Callable

Add = Callable[[str, str, int, int], None]  # records a zone: kind, value, start, end

# British postcodes: a full one ("SE15 4QF") anywhere; an outward code alone ("SE15", "E1") in a list
# of them or after a word of place ("delivering SE1", "in E1"), in capitals, for one of the areas.
_UK_AREAS = (
    "AB|AL|B|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|E|EC|EH|EN"
    "|EX|FK|FY|G|GL|GU|HA|HD|HG|HP|HR|HS|HU|HX|IG|IP|IV|KA|KT|KW|KY|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE"
    "|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF"
    "|TN|TQ|TR|TS|TW|UB|W|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE"
)
UK_GATE = re.compile(r"[A-Z]\d")
_UK_OUTWARD = rf"(?:{_UK_AREAS})\d[A-Z\d]?"
_UK_POSTCODE = re.compile(
    rf"(?<![\w£$€])(?P<out>{_UK_OUTWARD})(?:\s?(?P<in>\d(?![GMKT]B\b)[ABD-HJLNP-UW-Z]{{2}}))?(?![\w])(?!\s?(?:mg|ml|%))"
)
_UK_BEFORE = re.compile(
    r"(?:\b(?:in|around|covering|cover|delivering|deliver|deliveries|drops?|zones?|areas?|postcodes?|across"
    r"|within|near|only)(?::\s?|\s))$",
    re.IGNORECASE,
)
UK_DISTRICT = re.compile(_UK_OUTWARD)
# The next code of a list: "SE5, SE15", "E1 & E2", "M20 • M21"; with a space alone only after a word
# of place and in the same area ("zones N1 N4 N7"; not "Galaxy S22 S23", "Delivering SW9 B12").
_UK_NEXT = re.compile(rf"\s?(?:[,/&•·+]|\band\b)\s?(?P<next>{_UK_OUTWARD})(?![\w])")
_UK_NEXT_SPACED = re.compile(r"\s(?P<next>(?P<area>[A-Z]{1,2})\d[A-Z\d]?)(?![\w])")


def uk_postcodes(text: str, add: Add) -> None:
    """British postcodes and outward codes, by ``add``: full ones anywhere, outward codes in context."""
    listed_to = -1  # where the next outward code of a list starts: it is read as one too
    list_placed = False  # whether that list came after a word of place
    for match in _UK_POSTCODE.finditer(text):
        start = match.start()
        if match["in"] is None:
            placed = (start == listed_to and list_placed) or _UK_BEFORE.search(
                text, max(0, start - 14), start
            ) is not None
            listed = start == listed_to or placed
            follows = _UK_NEXT.match(text, match.end())
            if follows is None and placed:
                spaced = _UK_NEXT_SPACED.match(text, match.end())
                if spaced is not None and _area(match["out"]) == spaced["area"]:
                    follows = spaced  # the same area: "N1 N4", "SE15 SE5"
            if not listed and follows is None:
                continue  # "B12", "M4" alone: a vitamin, a motorway
            if not placed and road_or_vitamin(match["out"]):
                continue  # "B6, B12 and D3", "the M6 and M1": vitamins and motorways, unless placed
            add("postcode", match["out"], start, match.end())
            if follows is not None:
                listed_to, list_placed = follows.start("next"), placed
        else:
            add("postcode", f"{match['out']} {match['in']}", start, match.end())


def _area(outward: str) -> str:
    """The letters of an outward code's area: "N" of "N16", "SE" of "SE5"."""
    return outward[:2] if outward[1].isalpha() else outward[:1]


def road_or_vitamin(outward: str) -> bool:
    """Whether an outward code is also a motorway or a vitamin ("M6", "B12"): read only in context."""
    return outward[0] in "BM" and outward[1].isdigit()


# The towns whose postcode areas share their codes with motorways or vitamins ("B12", "M6").
_AREA_TOWNS = {"B": "Birmingham", "M": "Manchester"}


def districts_of_towns(text: str, towns: dict[int, str], add: Add) -> None:
    """British outward codes written right after a town or a district (``towns``: each one's name by
    where it ends), and the list they start: "Tottenham N17", "Bootle, L20", "Glasgow G42",
    "Stratford E15 & Forest Gate E7", "Tottenham N17, N15". A code that is also a motorway or a
    vitamin only in a list after the town of its area ("Birmingham B10, B11, B12"); not "Leeds M1",
    "Manchester M62 closed", "Birmingham B12 vitamins"."""
    listed: dict[int, str] = {}  # where the next code of a list starts: its town
    for match in _UK_POSTCODE.finditer(text):
        if match["in"] is not None:
            continue
        before = text[max(0, match.start() - 2) : match.start()]
        gap = len(before) - len(before.rstrip(" ,"))
        town = listed.get(match.start()) or (towns.get(match.start() - gap) if gap else None)
        if town is None:
            continue
        outward = match["out"]
        follows = _UK_NEXT.match(text, match.end())
        if road_or_vitamin(outward) and (
            _AREA_TOWNS.get(outward[0]) != town or (follows is None and match.start() not in listed)
        ):
            continue
        add("postcode", outward, *match.span())
        if follows is not None:
            listed[follows.start("next")] = town
