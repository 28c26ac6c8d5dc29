"""French street addresses as couriers write them: "12 rue des Lilas 93200 Saint-Denis", "4 av. Jean Jaurès"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from filiere.extract.compiled import by_fields

_STREET_TYPES = (
    r"rue|r\.|avenue|av\.?|ave\.?|boulevard|bd|bld|blvd|all[ée]es?|impasse|imp\.?|chemin|ch\.|place|pl\.|quai|"
    r"cours|route|rte|square|sq\.?|passage|villa|cit[ée]|r[ée]sidence|r[ée]s\.|faubourg|fbg|sentier|voie|"
    r"promenade|esplanade|rond[- ]point|mail|parvis|hameau|lotissement"
)
_PARTICLE = r"(?:de|du|des|la|le|les|l'|l’|d'|d’|à|au|aux|saint|sainte|st|ste|en|sur)"
_NAME_WORD = r"(?:[A-ZÀ-Ý0-9][\w'’\-]*|[a-zà-ÿ][\w'’\-]*)"
_STOP = (
    r"(?:à|a|pour|avant|après|apres|demain|ce|cette|ce soir|vers|et|puis|ensuite|stp|svp|merci|"
    r"dans|avec|chez|code|digicode|étage|etage|bat|bât|porte|appart|apt|tel|tél|au|le|la|les)"
)
_ADDRESS = re.compile(
    rf"""(?<![\w])
    (?P<number>\d{{1,4}})\s?(?P<suffix>bis|ter|b|t)?,?\s
    (?P<type>{_STREET_TYPES})\s
    (?P<name>(?:{_PARTICLE}\s?)*{_NAME_WORD}(?:[ \-](?!{_STOP}\b)(?!\d{{5}}\b)(?:{_PARTICLE}\s)*{_NAME_WORD}){{0,4}})
    (?:,?\s(?P<postcode>\d{{5}})(?:\s(?P<commune>(?-i:[A-ZÀ-Ý][\w'’\-]*(?:[ \-][A-ZÀ-Ý][\w'’\-]*){{0,3}})))?)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TYPE_CASEFREE = re.compile(rf"\d\s?(?:bis|ter|b|t)?,?\s(?:{_STREET_TYPES})\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Address:
    """A street address: the text as written, with its number, street, postcode and commune."""

    text: str
    number: str
    street: str
    postcode: str | None
    commune: str | None
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Address], tuple[Any, ...]]:
        return by_fields(self)


def find_addresses(text: str) -> list[Address]:
    """Street addresses in ``text``.

    >>> [a.street for a in find_addresses("1) 12 rue des Lilas 93200 Saint-Denis - 2 pochons")]
    ['rue des Lilas']
    """
    if _TYPE_CASEFREE.search(text) is None:
        return []
    return [_address(match) for match in _ADDRESS.finditer(text)]


def _address(match: re.Match[str]) -> Address:
    name = match["name"].rstrip(" -")
    street = f"{match['type']} {name}"
    raw = match.group().rstrip(" ,-")
    return Address(
        raw,
        match["number"] + (match["suffix"] or ""),
        street,
        match["postcode"],
        match["commune"],
        match.start(),
        match.start() + len(raw),
    )
