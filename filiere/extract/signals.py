"""The lexicon hits of a message sorted into the signals the classifier weighs: products (strong,
ambiguous), cues of each category, jargon, look-alikes; the longest reading wins where they overlap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from filiere.extract.lexicon import Hit, qualifies_next

_NESTING = frozenset({"product", "lookalike", "drug"})
# A count right before a word: "1 Cali + 1 filtré", "un de blanche", "2 x 🍫".
_COUNT_BEFORE = re.compile(r"(?<![\w.,])\d{1,3} ?(?:x ?)?(?:de |d'|d’|of )?$", re.IGNORECASE)
_ICON_GAP = 2  # characters between an emoji and the word it pictures: a space, a variation selector
# A drug's measure on the same line, soon after a word: "fresh powder £60 a g", "vanille 20€ les 5g".
_DRUG_MEASURE_AFTER = re.compile(
    r"[^\n]{0,24}?(?:\d\s?(?:g|gr|grammes?|grams?)\b|(?:\b(?:le|la|les|a|the|per)\s|/)\s?(?:g|gr|gramme|gram|pochon|8th|q|oz)\b)",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(r"\ufe0f? ?[x×] ?\d{1,3}(?!\d)")  # "🍫 x2 ❄️ x1"
# The words that name a part of a building before its letter or number: "bâtiment C", "hall 3"
# (shared with ``zones``, where "bât B" is no zone). A building's letter is no product either ("bat
# C": C for cocaine elsewhere).
BUILDING = r"(?:b[âa]t(?:iment)?|hall|bloc|tour|escalier|entr[ée]e)"
_BUILDING = re.compile(rf"(?<![\w'’]){BUILDING}\s?$", re.IGNORECASE)
# "cc" opening a message is "coucou", the greeting, before "!", a pronoun or a word of address ("cc ça
# va ?", "Cc t dispo ?", "CC ! t'aurais", "cc les gars"), or before a comma and no product ("Cc, j'ai
# eu ton num"); an e-mail's copy line ("CC: jean@…") is none either. Before anything else it is the
# product ("cc dispo 60 le g", "CC de qualité", "cc, md, ket", "cc 0.5 à 40").
_GREETING = re.compile(
    r"\s*(?P<cc>cc)(?:\s*(?P<bang>!)|\s*(?P<comma>,)|\s?:\s?\S+@|\s+(?P<word>[^\W\d_][\w'’]*))", re.IGNORECASE
)
# "CBD" in capitals after a word of direction or an Australian or New Zealand city, then the end of
# a clause or a word of time or place, is the city's centre ("Footscray to CBD, 6pm-2am", "drops in
# the CBD tonight", "Sydney CBD delivery"), not cannabidiol ("the CBD weed", "rich in CBD", "in CBD form").
_TO_THE_CENTRE = re.compile(
    r"(?:\b(?:to|into|around|near|across|from|in|round)\sthe\s|\b(?:into|around|near|across|round)\s"
    r"|(?-i:\b[A-Z][a-z]+)\sto\s"  # "Footscray to CBD"; not "switched to CBD"
    r"|\b(?:Sydney|Syd|Melbourne|Melb|Brisbane|Perth|Adelaide|Auckland|Wellington|Canberra|Hobart|Darwin"
    r"|Christchurch|Parramatta)\s)$",
    re.IGNORECASE,
)
_AFTER_THE_CENTRE = re.compile(
    r"\s?(?:$|[,.;!?)\n]|[-–&+/]\s|(?:and|area|areas|drops?|delivery|deliveries|tonight|today|tomorrow|till|until"
    r"|within|only|and surrounds)\b|\d{1,2}(?::\d\d)?\s?(?:am|pm)\b)",
    re.IGNORECASE,
)
_GREETED = frozenset({
    "t", "t'", "t’", "tu", "ta", "ton", "toi", "j", "j'", "j’", "je", "jsuis", "jsui", "jvoudrais", "jveux", "jpeux",
    "c", "c'", "c’", "ça", "ca", "sa", "on", "il", "elle", "vous", "les", "mon", "ma", "me", "moi", "frère", "frero",
    "frérot", "bro", "gros", "wsh", "wesh", "salut", "slt", "cv", "belle", "bg", "poto", "chef", "comment",
})  # fmt: skip


class Signals:
    """The hits that can count, by what they are (plain lists: one is built per message)."""

    __slots__ = ("cues", "drugs", "jargon", "lookalikes", "masks", "strong", "weak")

    def __init__(self) -> None:
        self.strong: list[Hit] = []
        self.weak: list[Hit] = []
        self.jargon: list[Hit] = []
        self.cues: list[Hit] = []
        self.lookalikes: list[Hit] = []
        self.masks: list[Hit] = []  # look-alikes that only hide the words they hold: evidence, no weight
        self.drugs: list[Hit] = []


def _nests(outer: Hit, inner: Hit) -> bool:
    outer_kind, inner_kind = outer.entry.kind, inner.entry.kind
    if outer_kind in _NESTING and inner_kind in _NESTING:
        return True
    if outer_kind == inner_kind == "cue":
        return True  # "ramène le cash" is one cue, not also "ramène" and "cash"; "pochons" not also "pochon"
    return (outer_kind == "lookalike") != (inner_kind == "lookalike")


def outermost(hits: Sequence[Hit]) -> list[Hit]:
    """The longest reading wins: "chocolat noir" (food) hides "chocolat" (resin), "résine de cannabis"
    hides "cannabis", "la recette" (takings) hides "recette" (recipe). ``hits`` are sorted by start."""
    reach = -1
    for hit in hits:  # most messages: no two hits overlap, nothing to hide
        if hit.start < reach:
            break
        reach = hit.end
    else:
        return list(hits)
    hidden: set[int] = set()
    for i, outer in enumerate(hits):
        for j in range(i + 1, len(hits)):
            inner = hits[j]
            if inner.start >= outer.end:
                break
            inner_size, outer_size = inner.end - inner.start, outer.end - outer.start
            if inner.end <= outer.end and inner_size < outer_size and _nests(outer, inner):
                hidden.add(j)
            elif inner.start == outer.start and inner_size > outer_size and _nests(inner, outer):
                hidden.add(i)
    return [hit for index, hit in enumerate(hits) if index not in hidden] if hidden else list(hits)


def collect(hits: Sequence[Hit], addresses: Sequence[tuple[int, int]], text: str = "") -> Signals:
    """The signals among ``hits`` (sorted by start) of ``text``; words inside a street address do not
    count, nor an emoji that pictures the look-alike word after it, nor a greeting or a building's
    letter read as a product."""
    signals = Signals()
    kept = outermost(hits) if len(hits) > 1 else hits
    icons = _icons(kept, text) if text and len(kept) > 1 else ()
    greeting = _greeting(text, kept) if text[:8].lstrip()[:2].lower() == "cc" else None
    for hit in kept:
        entry = hit.entry
        kind = entry.kind
        if kind == "product" and (
            (greeting is not None and hit.start == greeting)
            or (
                hit.end - hit.start == 1
                and text[hit.start : hit.end].isalpha()
                and _BUILDING.search(text, max(0, hit.start - 10), hit.start)
            )
        ):
            continue  # "cc ça va ?": a greeting; "bâtiment C": a building
        if addresses and kind in _NESTING and any(low <= hit.start < high for low, high in addresses):
            continue  # "rue des Jardins", "rue Blanche": a street's name, not a word of the message
        if icons and hit.start in icons:
            continue  # "🍫 Triple choc brownie £4": the emoji is the look-alike's picture
        if kind == "lookalike" and entry.code == "legal_cbd" and _city_centre(text, hit.start, hit.end):
            continue  # "Footscray to CBD, 6pm-2am": the centre of a town
        if kind == "product":
            (signals.weak if entry.weak else signals.strong).append(hit)
        elif kind == "cue":
            signals.cues.append(hit)
            if entry.jargon:
                signals.jargon.append(hit)
        elif kind == "lookalike":
            # "speed trap", "zip file": the reading of the words it holds, nothing about the rest of the
            # message (a dealer passes a speed trap too); others weigh against trade ("pizza").
            (signals.masks if "mask" in entry.flags else signals.lookalikes).append(hit)
        elif kind == "drug" and entry.weight >= 3 and not entry.weak:
            signals.drugs.append(hit)  # a drug outside the taxonomy (DMT, 2C-B, spice): the trade's word
    return signals


def _city_centre(text: str, start: int, end: int) -> bool:
    """Whether "CBD" at ``start`` names a city's centre (``_TO_THE_CENTRE``), not cannabidiol."""
    return (
        text[start:end] == "CBD"
        and _TO_THE_CENTRE.search(text, max(0, start - 16), start) is not None
        and _AFTER_THE_CENTRE.match(text, end) is not None
    )


def _greeting(text: str, hits: Sequence[Hit]) -> int | None:
    """Where "cc" opening ``text`` is the greeting (``_GREETING``), if it is."""
    match = _GREETING.match(text)
    if match is None:
        return None
    word = match["word"]
    if word is not None:
        greeted = word.lower() in _GREETED or word.lower().startswith(("t'", "t’", "j'", "j’", "c'", "c’"))
        return match.start("cc") if greeted else None
    if match["comma"] is not None:  # "Cc, j'ai eu ton num"; not "cc, md, ket"
        after = match.end()
        if any(hit.entry.kind == "product" and after <= hit.start <= after + 2 for hit in hits):
            return None
    return match.start("cc")


def _icons(hits: Sequence[Hit], text: str) -> set[int]:
    """Where emoji of products stand as the picture of the look-alike word written right after them
    ("🍫 Triple choc brownie 4€", "🍦 glace vanille"): their starts. ``hits`` are the outermost of
    ``text``, sorted by start. Only a firm look-alike (weight 3) has a picture, and only where the
    item is not priced by a drug's measure ("❄️ fresh powder £60 a g" is cocaine); an emoji after a
    word is not its picture ("les bonbons 💊", "le vrai jardin 🥦🍫")."""
    icons: set[int] = set()
    for hit, near in pairwise(hits):
        if (
            hit.entry.kind == "product"
            and hit.entry.emoji
            and near.entry.kind == "lookalike"
            and near.entry.weight >= 3
            and 0 <= near.start - hit.end <= _ICON_GAP
            and _DRUG_MEASURE_AFTER.match(text, near.end) is None
        ):
            icons.add(hit.start)
    return icons


def by_code(hits: Sequence[Hit]) -> dict[str, int]:
    """The strongest weight per code."""
    best: dict[str, int] = {}
    for hit in hits:
        code = hit.entry.code
        weight = hit.entry.weight
        if weight > best.get(code, 0):
            best[code] = weight
    return best


def is_counted(text: str, hit: Hit) -> bool:
    """A product word counted like an order line: "1 Cali", "2 de jaune", "🍫 x2"; not "2 brown loaves"."""
    if _COUNT_AFTER.match(text, hit.end):
        return True
    if _COUNT_BEFORE.search(text, max(0, hit.start - 10), hit.start) is None:
        return False
    return not qualifies_next(text, hit.end)


def agree(weak: Sequence[Hit], text: str = "") -> int:
    """How firmly ambiguous readings of a product back each other: 1 for two readings, a word and an
    emoji ("la CC ❄️"), two words ("ice and crystal"), the emoji of two products side by side
    ("🍀🍫", which nothing but a dealer's menu writes) or words of three products ("snow, molly,
    ket, carts"); 2 for three words of one product ("brown,
    héro, came"), an emoji menu of three products ("🥦 🍫 ❄️") or counts of two products in the
    couriers' code ("2 w 1 b") or any counts of two products ("1 Cali + 1 filtré"), a list no other
    talk makes; 0 when they do not agree. ``text`` is the message the hits are in."""
    terms: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    menu: set[str] = set()
    counted: set[str] = set()
    for hit in weak:
        entry = hit.entry
        if entry.counted or (text and is_counted(text, hit)):
            counted.add(entry.code)  # "2 w 1 b", "1 Cali + 1 filtré": an order of two products
        if entry.emoji:
            if entry.weight >= 2:
                menu.add(entry.code)
        else:
            words.setdefault(entry.code, set()).add(entry.term)
        terms.setdefault(entry.code, set()).add(entry.term)
    # Snow is "❄️", "snow" and "⛄" at once: only words, three of them, make a list.
    if max(map(len, words.values()), default=0) >= 3 or len(menu) >= 3 or len(counted) >= 2:
        return 2
    if max(map(len, terms.values()), default=0) >= 2 or len(menu) == 2 or len(words) >= 3:
        return 1
    return 0
