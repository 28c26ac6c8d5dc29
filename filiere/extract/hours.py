"""Opening hours of a delivery service: "de 14h à 2h", "10am-10pm", "h24", "7j/7", "du lundi au samedi"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from filiere.extract.clock import clock, start_of
from filiere.extract.compiled import by_fields
from filiere.extract.figures import taken_mask
from filiere.extract.prices import COUNTED_AFTER
from filiere.extract.weekdays import DAYS, Mention, StatedDays, day_mentions, stated_days

# A time: "14h", "14h30", "14:30", "6pm", "8:30am" (an hour alone is no time).
_TIME = (
    r"(?P<{n}h>[01]?\d|2[0-4])(?=\s?(?:h|:|am|pm))(?:\s?(?P<{n}sep>h|:)\s?(?:(?P<{n}m>[0-5]\d)(?![\s.]?\d))?)?"
    r"(?:\s?(?P<{n}ap>am|pm)(?![a-z]))?"
)
# Ranges are looked for from their first digit (the engine skips to digits in C); "de", "from",
# "entre" written before them are read backwards in Python and added to the span.
# Between the two ends of a range; an arrow too ("18h ➡️ 3h", "4pm → 1am").
_TO = r"\s?(?:à|a|-|–|—|/|>|->|➡\ufe0f?|→|➜|to|till|until|til|jusqu'à|jusqu’à|et|and)\s?"
_RANGE = re.compile(r"(?<![\w/])" + _TIME.format(n="a") + _TO + _TIME.format(n="b") + r"(?![\w])", re.IGNORECASE)
# "de 18 à 4h": the first time may lack its "h" when the second has it, after "de/from/entre".
_RANGE_BARE = re.compile(
    r"(?<![\w/])(?P<ah>[01]?\d|2[0-3])\s?(?P<to>à|a|-|–|to|et)\s?(?P<bh>[01]?\d|2[0-4])(?::(?P<bm2>[0-5]\d))?"
    r"\s?(?P<bap>h|am|pm)(?P<bm>[0-5]\d)?(?![\w])",
    re.IGNORECASE,
)
# Noon and midnight in words ("de midi à minuit", "18h-minuit", "noon till 2am"), either end or both.
_WORD_TIMES = {"midi": "12:00", "noon": "12:00", "minuit": "00:00", "midnight": "00:00"}
# A time in figures or in words, as end ``n`` ("a" or "b") of a range: read by ``_time_of``.
_EITHER = r"(?:(?P<{n}w>" + "|".join(_WORD_TIMES) + r")|" + _TIME + ")"
_RANGE_WORDS = re.compile(
    r"(?<![\w/])" + _EITHER.format(n="a") + _TO + _EITHER.format(n="b") + r"(?![\w])", re.IGNORECASE
)
_PREFIX = ("de ", "from ", "entre ", "between ")
_ALWAYS = re.compile(r"(?<![\w/])(?:24\s?h?\s?/\s?24|h24|24h24|24/7|24h/7|non[\s-]?stop)(?![\w/])", re.I)
# Hours open at one end: "dès 14h", "à partir de 18h", "après 20h", "from 6pm" (from); "jusqu'à 3h",
# "until 3am" (to).
_FROM = re.compile(
    r"(?<![\w])(?:dès|à partir de|a partir de|(?P<apres>après|apres)|from|after)\s?"
    + _EITHER.format(n="a")
    + r"(?![\w])",
    re.I,
)
_UNTIL = re.compile(
    r"(?<![\w])(?:jusqu'à|jusqu’à|jusqu'a|jusqua|until|till|til)\s?(?:about |around |vers |environ )?"
    + _EITHER.format(n="b")
    + r"(?![\w])",
    re.I,
)
# A cheap look before the patterns above, which start with a look-behind and so try every position:
# a time range needs a digit followed by "h", ":", "am" or "pm".
_TIME_GATE = re.compile(r"\d\s?(?:h|:|am|pm)", re.IGNORECASE)
_SPAN = attrgetter("span")
_MAX_RANGES = 24  # ranges in one message whose days are matched to each (more: a list, not hours)
# "après 20h" as a start: right after a word of availability or delivery, not negated.
_AVAILABLE_BEFORE = re.compile(
    r"(?<![\w])(?:dispos?|disponibles?|livraisons?|(?:on|je|il|ils|elle|nous|tu) livre(?:s|nt)?|livrons|ouverte?s?)"
    r"(?: (?:uniquement|seulement|ce soir|le soir|demain|aujourd'hui|ce week-end))*\s?(?:qu['’])?$",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"(?<![\w])(?:pas|plus|jamais|aucune?|sans)(?: de| d['’])?\s?$", re.IGNORECASE)
_AVAILABLE_REACH = 40  # characters looked at before "après" for the word of availability, and before it
# A stop's name between a round's last range and its open end: a capitalised word.
_NAMED_STOP = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]")
_JOINED_ENDS = 24  # characters between "dès 10h" and "jusqu'à minuit" read as one range
_BESIDE = 6  # characters between a day named alone and the range it qualifies
_DATED = 24  # the most characters a date or "only" between a day and its range may take
# A month, by the letters it starts with ("juin", "Sept", "décembre").
_MONTH = r"(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec|jan|feb|mar|apr|may|jun|jul|aug)\w*"
# What may stand between a day and its range: a date ("dimanche 14/04", "Samedi 8 juin"), "only".
_BETWEEN = re.compile(
    rf"[\s,]*(?:[0-3]?\d/[01]?\d(?:/\d{{2,4}})?|(?:[0-3]?\d(?:er|st|nd|rd|th)?\s)?{_MONTH}(?:\s[0-3]?\d(?:st|nd|rd|th)?)?"
    r"|only|seulement|uniquement)?[\s,]*",
    re.I,
)
# Hours in bare figures right after the days they are for: "Mon-Sat 9-7", "lun-sam 10-19".
_BARE_AFTER_DAYS = re.compile(
    r"\.?,?\s?(?P<ah>[01]?\d|2[0-3])\s?[-–]\s?(?P<bh>[01]?\d|2[0-4])(?::(?P<bm>[0-5]\d))?(?:\s?(?P<bap>am|pm))?"
    r"(?![\w/:]|[.,]\d)",
    re.I,
)
# The same after a word of opening, in a message that names days: "Open 8-6 every day".
_OPEN_BARE = re.compile(r"(?<![\w])(?:open|ouvert|horaires?|hours)(?:\s?:)?(?=\s?\d)", re.I)
# A start and no end: "9am till late", "20h jusqu'à tard".
_TILL_LATE = re.compile(
    r"(?<![\w/])"
    + _TIME.format(n="a")
    + r"\s?(?:till|until|til|to|-|–|jusqu'à|jusqu’à|jusqu'a)\s?(?:late|tard)(?![\w])",
    re.I,
)
_BARE_GATE = re.compile(r"\d\s?[-–]\s?\d")  # a cheap look before reading every day mention
# What follows figures that are no hours: a date ("12-10-2024"), a month, another score ("6-4
# 6-3"), and what follows a number that is no amount either (ages, counts, measures: ``prices``).
_NOT_HOURS_AFTER = re.compile(rf"[-/]\d|\s?(?:\d|inches|cm|kg|{_MONTH})|{COUNTED_AFTER.pattern}", re.IGNORECASE)
_FIRST_OPENING = 6  # the earliest hour a bare range may open at: "lundi 2-0" is a score
# One-ended times are opening hours only in a message about opening or delivering ("je suis au taf
# jusqu'à 19h" is not).
_OPEN_WORDS = (
    "ouvert", "open", "livr", "deliver", "dispo", "horaire", "service", "commande", "order", "drop", "running",
    "available", "collect", "tournée",
)  # fmt: skip
_FROM_WORDS = ("dès", "partir", "après", "apres", "from", "after")  # a cheap look before ``_FROM``


@dataclass(frozen=True, slots=True)
class Hours:
    """Opening hours: ``start``/``end`` as "HH:MM" (None when only days are given), days as codes."""

    start: str | None
    end: str | None
    days: tuple[str, ...] | None
    span: tuple[int, int]

    def __reduce__(self) -> tuple[type[Hours], tuple[Any, ...]]:
        return by_fields(self)


def _time_of(match: re.Match[str], end: str) -> str:
    """End ``end`` ("a" or "b") of a match of ``_EITHER``: noon or midnight in words, or a time."""
    word = match[f"{end}w"]
    return _WORD_TIMES[word.lower()] if word else clock(match[f"{end}h"], match[f"{end}m"], match[f"{end}ap"])


def _prefixed(text: str, at: int) -> int:
    """Where a range starting at ``at`` begins with its "de", "from" or "entre", if written."""
    before = text[max(0, at - 9) : at].lower()
    for prefix in _PREFIX:
        if before.endswith(prefix) and (len(before) == len(prefix) or not before[-len(prefix) - 1].isalnum()):
            return at - len(prefix)
    return at


def _may_be_always(text: str) -> bool:
    return "24" in text or not text.isascii() or "non" in text.lower()


def find_hours(text: str, days_named: bool = True) -> list[Hours]:
    """Opening hours in ``text`` (one per stated time range; days attached when stated).

    ``days_named`` False tells that no day word ("lundi", "7j/7", "h24") is in the text.

    >>> [(h.start, h.end, h.days) for h in find_hours("Livraison 7j/7 de 14h à 2h")]
    [('14:00', '02:00', ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'))]
    """
    low = text.lower()
    days, days_span, alone, excepted = stated_days(text, low) if days_named else StatedDays(None, None, False, ())
    found: list[Hours] = []
    timed = _TIME_GATE.search(text) is not None
    for match in _RANGE.finditer(text) if timed else ():
        start = clock(match["ah"], match["am"], match["aap"] or match["bap"])
        end = clock(match["bh"], match["bm"], match["bap"])
        found.append(Hours(start, end, days, (_prefixed(text, match.start()), match.end())))
    worded = any(word in low for word in _WORD_TIMES)
    if worded:
        for match in _RANGE_WORDS.finditer(text):
            if match["aw"] is None and match["bw"] is None:
                continue  # two times in figures: read above
            span = (_prefixed(text, match.start()), match.end())
            found.append(Hours(_time_of(match, "a"), _time_of(match, "b"), days, span))
        found.sort(key=_SPAN)
    said: list[Mention] | None = None  # the days' mentions, read once when a step needs them
    if days_named and _BARE_GATE.search(text) is not None:
        said = day_mentions(text)
        found = _with(found, _bare_after_days(text, days, said))
    if ("late" in low or "tard" in low) and timed:
        found = _with(
            found, [Hours(clock(m["ah"], m["am"], m["aap"]), None, days, m.span()) for m in _TILL_LATE.finditer(text)]
        )
    if not found and timed:
        for bare in _RANGE_BARE.finditer(text):
            at = _prefixed(text, bare.start())
            ampm = bare["bap"].lower() if bare["bap"].lower() != "h" else None
            if at == bare.start() and (ampm is None or bare["to"] not in ("-", "–", "to")):
                continue  # "18 à 4h" alone may be anything; "de 18 à 4h", "9-11pm" are ranges
            start_hour, end_hour = int(bare["ah"]), int(bare["bh"])
            if ampm is not None and end_hour > 12:
                continue  # "14-16pm": no clock
            start_hour = start_of(start_hour, end_hour, ampm)
            # "9-12am": noon to many who write it, as the figure says; midnight after a 24-hour start ("19-12am")
            twelve = end_hour == 12 and start_hour <= 12
            end = clock(bare["bh"], bare["bm"] or bare["bm2"], None if twelve else ampm)
            found.append(Hours(f"{start_hour % 24:02d}:00", end, days, (at, bare.end())))
    if not found and days_named and _may_be_always(text) and (always := _ALWAYS.search(text)) is not None:
        found.append(Hours("00:00", "24:00", days or DAYS, always.span()))
    if not found and (timed or worded):
        opening = any(word in low for word in _OPEN_WORDS)
        if opening or any(word in low for word in _FROM_WORDS):
            found = _open_ended(text, days, opening)
    elif len(found) > 1 and any(word in low for word in _FROM_WORDS):
        # The last stop of a round, open at its end, named: "Cenon 17h-18h, Lormont 18h-19h30, Floirac
        # après 20h" (not "Réunion 9h-10h, 14h-15h, à partir de 16h je suis libre", "fermé après 22h").
        last = found[-1].span[1]
        line_end = text.find("\n", last)
        ends = _open_ended(text, days, False, last, line_end, stops=True)  # starts only: no word of opening
        found = _with(found, [h for h in ends if _NAMED_STOP.search(text, last, h.span[0]) is not None])
    if not found and alone and days is not None and days_span is not None:
        found.append(Hours(None, None, days, days_span))
    if found and days_named and any(word in low for word in ("jusqu", "till", "until")):
        # Later on some days: "10h–2h, vendredi-samedi jusqu'à 5h".
        said = day_mentions(text) if said is None else said
        found = _with(found, _later_on_days(text, found, said))
    single = len(found) == 1 and alone and days_span is not None and not _beside(text, found[0].span, days_span)
    if days_named and (1 < len(found) <= _MAX_RANGES or single):
        found = _own_days(text, found, excepted, day_mentions(text) if said is None else said)
    elif found and not alone and days_span is not None:
        # A day named alone qualifies the range written beside it ("dimanche 15h-22h"), not one
        # elsewhere in the message ("je t'ai envoyé 50€ samedi, livraison de 14h à 2h").
        found = [h if _beside(text, h.span, days_span) else Hours(h.start, h.end, None, h.span) for h in found]
    return found


def _later_on_days(text: str, found: list[Hours], mentions: list[Mention]) -> list[Hours]:
    """An end alone right after days, right after another range ("10h–2h, vendredi-samedi jusqu'à
    5h"; not "je bosse samedi jusqu'à 19h, livraison 20h-2h")."""
    by_end = {end: (start, days) for start, end, days in mentions}  # the days ending here
    range_ends = {h.span[1] for h in found}
    later = []
    for match in _UNTIL.finditer(text):
        at = match.start()
        mention = next((by_end[end] for end in (at - 2, at - 1, at) if end in by_end), None)
        if mention is not None and any(mention[0] - gap in range_ends for gap in range(5)):
            later.append(Hours(None, _time_of(match, "b"), mention[1], match.span()))
    return later


def _with(found: list[Hours], more: list[Hours]) -> list[Hours]:
    """``found`` with the hours of ``more`` that overlap none of them, in order."""
    if not more:
        return found
    taken = taken_mask(max(h.span[1] for h in (*found, *more)) + 1, [other.span for other in found])
    more = [h for h in more if taken.find(1, h.span[0], h.span[1]) == -1]
    return sorted(found + more, key=_SPAN) if more else found


def _bare_after_days(text: str, days: tuple[str, ...] | None, mentions: list[Mention]) -> list[Hours]:
    """Ranges in bare figures right after their days ("Mon-Fri 10-6, Sat 10-4", "Sat 11-3") or a
    word of opening ("Open 8-6", with the message's ``days``): a second figure below the first is
    in the afternoon ("9-7": 09:00 to 19:00), as are both when the second says pm ("6-7:30pm")."""
    found = []
    anchors: list[tuple[int, tuple[str, ...] | None]] = [(end, said) for _, end, said in mentions]
    anchors += [(match.end(), days) for match in _OPEN_BARE.finditer(text)]
    for end, said in anchors:
        bare = _BARE_AFTER_DAYS.match(text, end)
        if bare is None or _NOT_HOURS_AFTER.match(text, bare.end()) is not None or bare["bh"] in ("0", "00"):
            continue  # a date, a count, a measure; "Sunday 6-0": a score
        start_hour, end_hour = int(bare["ah"]), int(bare["bh"])
        ampm = (bare["bap"] or "").lower()
        if ampm == "pm" and end_hour < 12:
            end_hour += 12
            if start_hour + 12 <= end_hour:
                start_hour += 12  # "6-7:30pm": both in the evening
        elif ampm != "am" and end_hour < start_hour and end_hour < 12:
            end_hour += 12  # "Mon-Sat 9-7": until 19; "Open 11-2am" stays as written
        if not _FIRST_OPENING <= start_hour != end_hour:
            continue  # "lundi 2-0": a score
        closing = f"{end_hour % 24:02d}:{bare['bm'] or '00'}"
        found.append(Hours(f"{start_hour:02d}:00", closing, said, (bare.start("ah"), bare.end())))
    return sorted(found, key=_SPAN)


def _beside(text: str, span: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether ``other`` is written right before ``span`` (a date may come between) or right after it."""
    before = other[1] <= span[0] + 1 and (
        span[0] - other[1] <= _BESIDE
        or (span[0] - other[1] <= _DATED and _BETWEEN.fullmatch(text, other[1], span[0]) is not None)
    )
    after = span[1] <= other[0] + 1 and other[0] - span[1] <= _BESIDE
    return before or after


def _open_ended(
    text: str,
    days: tuple[str, ...] | None,
    opening: bool,
    since: int = 0,
    until: int = -1,
    stops: bool = False,
) -> list[Hours]:
    """Hours open at one end between ``since`` and ``until`` (-1: the text's end): "from 6pm", "dès
    14h", "après 20h" said of someone's availability or a delivery (``_available_after``; any with
    ``stops``, the stops of a courier's round); with ``opening``, a word of opening or delivering in
    the message, also "jusqu'à 3h" ("je suis au taf jusqu'à 19h" is no opening hour). One from and
    one to make a range ("ouvert dès 10h, livraison jusqu'à minuit")."""
    until = len(text) if until == -1 else until
    froms = [
        (_time_of(match, "a"), match.span())
        for match in _FROM.finditer(text, since, until)
        if stops or match["apres"] is None or _available_after(text, match.start())
    ]
    tos = [(_time_of(match, "b"), match.span()) for match in _UNTIL.finditer(text, since, until)] if opening else []
    if len(froms) == 1 and len(tos) == 1:
        (start, a), (end, b) = froms[0], tos[0]
        between = text[a[1] : b[0]] if a[1] <= b[0] else "?"
        if len(between) <= _JOINED_ENDS and not any(char.isdigit() for char in between):
            return [Hours(start, end, days, (a[0], b[1]))]
    found = [Hours(start, None, days, span) for start, span in froms] + [
        Hours(None, end, days, span) for end, span in tos
    ]
    return sorted(found, key=_SPAN)


def _available_after(text: str, at: int) -> bool:
    """Whether "après" at ``at`` says when someone is available or delivers: right after "dispo",
    "livraison", "on livre", "ouvert" ("Dispo après 18h", "Livraison uniquement après 23h"), not
    after a negation ("Pas de livraison après 23h", "ils livrent pas après 21h"), nor a delivery
    that took hours ("commande livrée après 1h30"), a surcharge ("+15€ après 1h") or a cut-off
    ("commande après 22h = livrée demain")."""
    before = _AVAILABLE_BEFORE.search(text, max(0, at - _AVAILABLE_REACH), at)
    return (
        before is not None and _NEGATED.search(text, max(0, before.start() - _AVAILABLE_REACH), before.start()) is None
    )


def _own_days(text: str, found: list[Hours], excepted: tuple[int, ...], mentions: list[Mention]) -> list[Hours]:
    """Each range with the days written next to it ("lundi au jeudi 18h-2h, vendredi samedi 18h-5h"):
    the days just before it, else right after it, else the last said before it (a header), else
    those said after every range (a trailer); ``excepted`` ("sauf le jeudi") is left out of each;
    ``mentions`` are the message's (``day_mentions``)."""
    if not mentions:
        return found
    used: set[int] = set()
    owned: list[tuple[str, ...] | None] = []
    previous_end = 0
    for hours in found:
        low, high = hours.span
        mine: int | None = None
        for index, (start, end, _) in enumerate(mentions):
            if index not in used and previous_end <= start and end <= low + 1:
                mine = index  # the last one before it wins
        if mine is None:
            mine = next(
                (
                    i
                    for i, (start, end, _) in enumerate(mentions)
                    if i not in used and high - 1 <= start <= high + 4 and not _leads(text, end, mentions, found, hours)
                ),
                None,
            )
        if mine is not None:
            used.add(mine)
        own = mentions[mine][2] if mine is not None else None
        if own is not None and excepted:
            own = tuple(day for day in own if DAYS.index(day) not in excepted)
        owned.append(own)
        previous_end = high
    last_end = found[-1].span[1]
    trailer = next((said for start, _, said in mentions if start >= last_end), None)
    header: tuple[str, ...] | None = None
    result = []
    for hours, own in zip(found, owned, strict=True):
        before = [said for _, end, said in mentions if end <= hours.span[0] + 1]
        header = before[-1] if before else header
        result.append(Hours(hours.start, hours.end, own or header or trailer, hours.span))
    if not any(owned) and trailer is None and header is None:
        return found
    return result


def _leads(text: str, end: int, mentions: list[Mention], found: list[Hours], hours: Hours) -> bool:
    """Whether days ending at ``end`` are the last written before a range after ``hours``, right
    before it, and that range has none right after it ("10h–2h, vendredi-samedi jusqu'à 5h"): they
    are that range's. In "10h-22h le week-end, 18h-2h en semaine" each range's days follow it."""
    return any(
        other.span[0] > hours.span[0]
        and _beside(text, other.span, (end, end))
        and not any(end < start < other.span[0] for start, _, _ in mentions)
        and not any(other.span[1] - 1 <= start <= other.span[1] + 4 for start, _, _ in mentions)
        for other in found
    )
