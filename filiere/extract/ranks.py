"""Ordinals that rank, not price: "3e étage", "la 3e offerte", "ton 5e achat" (``prices`` reads
"20e" as twenty euros otherwise). ``zones`` shares ``RANKED``, the nouns an ordinal ranks, and the
promotions' ranks: "le 3e étage", "le 3e pochon offert" are no arrondissements either."""

from __future__ import annotations

import re

ORDINALS = frozenset({"e", "è", "ème", "eme", "er", "ere", "ère"})
# What an ordinal ranks when it is no price nor arrondissement: "3e étage", "2e client", "le 20e
# anniversaire", "le 2e à droite" (shared with the arrondissements of ``zones``).
RANKED = (
    r"étage|etage|siècle|siecle|anniversaire|fois|jour|rang|place|[ée]dition|mois|semaine|ann[ée]e|heure|minute"
    r"|tour|[ée]tape|round|but|fils|enfant|[ée]l[èe]ve|client|cliente|porte|bâtiment|batiment|bât|bat|adresse"
    r"|commande|achat|sous-sol|escalier|(?:à|a) (?:droite|gauche)"
)
_ORDINAL_NOUN = re.compile(rf"\s(?:{RANKED}|arrondissement|arr)\b", re.IGNORECASE)
# An article before an ordinal that ends its clause ranks it too: "depuis la 4e." (a school year),
# "dans le 11e,", "en 4e et"; not "le 10e le g", "la jaune le 20e la barrette" (euros), nor before an
# emoji: "le pochon au 20e 🍀" is a price ("Livré au 2e ✅" reads 2 euros too).
_RANK_BEFORE = re.compile(r"(?<![\w'’])(?:la|le|au|en)\s$", re.IGNORECASE)
# A possessive (or "chaque") before it ranks what follows it ("ton 5e achat", "mon 2e compte"; "t'as
# mon 20e ?" is twenty euros); so does a gift after the thing it ranks, for an ordinal after an
# article or a small one opening its clause ("la 11e est gratuite", "2e pochon offert", "la 3e
# barrette à moitié prix"), or after an article and the ordinal alone ("le 2e offert", "le 2e à
# -50%"): a promotion's second unit, not 2 €. Not a price followed by a gift ("Pochon 20e livraison
# offerte", "50e port offert", "20e le pochon offert"), nor "5e offerts".
_OWNED_RANK = re.compile(r"(?<![\w'’])(?:ton|ta|mon|ma|votre|notre|chaque)\s$", re.IGNORECASE)
_GIFT_AFTER = re.compile(
    r"\s(?P<what>(?:(?!(?:le|la|les|l)\b)[^\W\d_]+\s){0,2})"
    r"(?:offerte?\b|gratuite?\b|(?:à|a) moiti[ée] prix|(?:à|a) -?50\s?%)",
    re.IGNORECASE,
)
_OPENS_CLAUSE = re.compile(r"(?:^|[.,;:!?=(\n]|(?<![\w'’])(?:la|le|au|en|et))\s*$", re.IGNORECASE)
# The thing a possessive's ordinal ranks: "ton 5e achat"; not "t'as mon 20e ?", "mon 20e de shit",
# "rends-moi mon 20e stp", "ton 10e et le reste".
_NOUN_AFTER = re.compile(
    r"\s(?!(?:de|d|stp|svp|pls|merci|et|ou|que|qui|tu|je|il|elle|on|ce|pour|par|à|a|en|frère|frero|frérot)\b)"
    r"[^\W\d_]{2,}",
    re.IGNORECASE,
)
_SMALL_RANK = 10  # "2e pochon offert", "10e pochon offert": a promotion's ranks are small
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)\n]|$|(?:et|and|ou|or)\b)", re.IGNORECASE)


def is_rank(text: str, start: int, end: int) -> bool:
    """Whether the ordinal of the number at ``start`` (its word ending at ``end``) ranks something
    ("3e étage", "depuis la 4e.", "ton 5e", "2e pochon offert") rather than being euros."""
    return bool(
        _ORDINAL_NOUN.match(text, end)
        or (_RANK_BEFORE.search(text, max(0, start - 4), start) and _CLAUSE_END.match(text, end))
        or (_OWNED_RANK.search(text, max(0, start - 7), start) and _NOUN_AFTER.match(text, end))
        or ranked_by_gift(text, start, end)
    )


def ranked_by_gift(text: str, start: int, end: int) -> bool:
    """Whether the ordinal at ``start:end`` ranks a promotion's gift ("2e pochon offert", "le 3e offert")."""
    gift = _GIFT_AFTER.match(text, end)
    if gift is None:
        return False
    if not gift["what"]:
        return _RANK_BEFORE.search(text, max(0, start - 4), start) is not None
    figures = start
    while figures < end and text[figures].isdigit():
        figures += 1
    if _RANK_BEFORE.search(text, max(0, start - 4), start) is not None:
        return True  # "la 11e est gratuite", "la 3e barrette offerte"
    small = figures > start and int(text[start:figures]) <= _SMALL_RANK
    return small and _OPENS_CLAUSE.search(text, max(0, start - 12), start) is not None
