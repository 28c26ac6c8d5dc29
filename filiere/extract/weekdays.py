"""Which days a message names: spans ("du lundi au samedi", "Mon-Fri"), lists ("samedi et
dimanche", "lundi-mercredi-vendredi"), every day ("7j/7", "daily"), weekends and weekdays, and the
days it leaves out ("sauf le dimanche", "fermé dimanche et lundi"). ``hours`` gives each time
range the days stated for it."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from filiere.extract.figures import taken_mask

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_WORDS = {
    "lundi": 0, "lun": 0, "monday": 0, "mon": 0,
    "mardi": 1, "mar": 1, "tuesday": 1, "tue": 1, "tues": 1,
    "mercredi": 2, "mer": 2, "wednesday": 2, "wed": 2,
    "jeudi": 3, "jeu": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "vendredi": 4, "ven": 4, "friday": 4, "fri": 4,
    "samedi": 5, "sam": 5, "saturday": 5, "sat": 5,
    "dimanche": 6, "dim": 6, "sunday": 6, "sun": 6,
}  # fmt: skip
_DAY = "|".join(sorted(DAY_WORDS, key=len, reverse=True))

_ALL_DAYS = re.compile(
    r"(?<![\w/])(?:7\s?j?\s?/\s?7|7j7|7\s?j(?:ours)? sur 7|24/7|tous les jours|tlj|every\s?day|daily|7 days(?: a week)?"
    r"|seven days)"
    r"(?![\w/])",
    re.I,
)
_DAY_SPAN = re.compile(
    rf"(?<![\w])(?:du\s|from\s)?(?P<d1>{_DAY})\.?\s?(?:au|à|a|-|–|to|through|till|➡\ufe0f?|→)\s?(?P<d2>{_DAY})\.?"
    r"(?![\w])",
    re.I,
)
# Three days or more joined by hyphens are a list, not a span: "lundi-mercredi-vendredi".
_DAY_CHAIN = re.compile(rf"(?:{_DAY})\.?(?:\s?[-–]\s?(?:{_DAY})\.?){{2,6}}(?![\w])", re.I)  # matched at a span's start
_CHAINED_DAY = re.compile(rf"(?<![\w])(?:{_DAY})(?![\w])", re.I)
# A day or two named alone ("le dimanche", "samedi et dimanche", "Sat & Sun"): full names only,
# "mar" or "sun" alone are other words too.
FULL_DAY_WORDS = tuple(word for word in DAY_WORDS if len(word) > 4)
_FULL_DAY = "|".join(FULL_DAY_WORDS)
_PAIRED = _FULL_DAY + "|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
# Two days or more: "samedi et dimanche", "Tue/Thu", "Mon, Wed, Fri".
_DAY_PAIR = re.compile(
    rf"(?<![\w])(?P<d1>{_PAIRED})s?(?:(?:\s?(?:et|and|&|\+|,|/)\s?|\s)(?P<d2>{_PAIRED})s?(?![\w])"
    rf"(?!\s?(?:-|–|au|à|to|through|till)\s?(?:{_PAIRED}))){{1,6}}",
    re.I,
)
_LISTED_DAY = re.compile(rf"(?<![\w])(?:{_PAIRED})(?=s?(?![\w]))", re.I)
# An English day written short and capitalised ("Sat 9am-1pm"), read only beside a time range.
_DAY_ABBR = re.compile(  # led by the capital, so that the engine skips to capitals in C
    r"(?P<d1>[MTWFS](?<![\w][MTWFS])(?:(?<=M)on|(?<=T)ues?|(?<=W)ed|(?<=T)hu(?:rs?)?|(?<=F)ri|(?<=S)at|(?<=S)un))\.?(?![\w])"
)
_TIME_NEXT = re.compile(r"\s?:?\s?\d")  # a short day's time right after it: "Sat 7am", "Wed: 9-5"
_DAY_ONE = re.compile(rf"(?<![\w])(?P<d1>{_FULL_DAY})s?(?![\w])", re.I)
_WEEKDAYS = re.compile(r"(?<![\w])(?:weekdays|en semaine)(?![\w])", re.I)
_WEEKEND = re.compile(r"(?<![\w])(?:le\s)?(?:week-?ends?|we|weekends?)(?![\w])", re.I)
# "à la ferme le mercredi" is a farm, not a day closed.
_EXCEPT = re.compile(
    rf"(?<![\w])(?:sauf|except|closed|fermé|pas|not|(?<!la )(?<!une )ferme)\s(?:le\s|les\s|on\s)?(?P<d>{_DAY})"
    # "fermé dimanche et lundi", "closed Sundays & Mondays"; not after a comma: "closed Sunday, Mon-Sat"
    rf"(?:s?\s?(?:et|and|&|\+|/)\s?(?:le\s|les\s)?(?P<d2>{_DAY})s?(?![\w]))?",
    re.I,
)
# Cheap looks before the patterns above, which start with a look-behind and so try every position:
# a span of days needs a day's first three letters (in ASCII text: elsewhere, case-free matching
# knows more letters).
_DAY_STEMS = tuple(sorted({word[:3] for word in DAY_WORDS}))
_ALL_DAYS_WORDS = ("7", "tous", "tlj", "every", "seven", "daily")  # a cheap look before ``_ALL_DAYS``
_CASE_TWINS = str.maketrans("\u017f\u0131\u0130", "sii")
Mention = tuple[int, int, tuple[str, ...]]  # where days are named (start, end) and which


class StatedDays(NamedTuple):
    """The days a message states first: which, where, whether they could stand alone as opening
    days ("7j/7", "du lundi au samedi": yes; "samedi" alone: only beside a time range, "on se voit
    samedi" is no opening hours), and the day "sauf ..." leaves out."""

    days: tuple[str, ...] | None
    where: tuple[int, int] | None
    alone: bool
    excepted: tuple[int, ...]


def stated_days(text: str, low: str) -> StatedDays:
    """The days stated in ``text`` (``low``: the same, lower-cased)."""
    chosen: list[int] | None = None
    where: tuple[int, int] | None = None
    alone = True
    excepted = "sauf" in low or "except" in low or "closed" in low or "ferm" in low or "pas " in low or "not " in low
    excluded = _EXCEPT.search(text) if excepted else None
    every = any(word in low for word in _ALL_DAYS_WORDS)
    if every and (match := _ALL_DAYS.search(text)) is not None:
        chosen, where = list(range(7)), match.span()
    elif _may_name_day(text, low) and (match := _DAY_SPAN.search(text)) is not None:
        chosen, end = _spanned(text, match)
        where = (match.start(), end)
    elif "we" in low and (match := _WEEKEND.search(text)) is not None and match.group().lower() != "we":
        chosen, where = [5, 6], match.span()
    elif ("weekdays" in low or "semaine" in low) and (match := _WEEKDAYS.search(text)) is not None:
        chosen, where = [0, 1, 2, 3, 4], match.span()
    elif _may_name_days(text, low) and (match := _named_days(text, excluded)) is not None:
        chosen = _listed_days(match) if match.re is _DAY_PAIR else [_day(match["d1"])]
        where, alone = match.span(), False
    elif excluded is not None:  # "sauf le dimanche", "closed sunday": every other day
        chosen, where, alone = list(range(7)), excluded.span(), False
    left_out = _left_out(excluded) if excluded is not None else ()
    if chosen is None:
        return StatedDays(None, None, False, left_out)
    return StatedDays(tuple(DAYS[day] for day in sorted(set(chosen)) if day not in left_out), where, alone, left_out)


def _left_out(match: re.Match[str]) -> tuple[int, ...]:
    """The days a match of ``_EXCEPT`` leaves out: one, or two ("fermé dimanche et lundi")."""
    return (_day(match["d"]),) if match["d2"] is None else (_day(match["d"]), _day(match["d2"]))


def _listed_days(match: re.Match[str]) -> list[int]:
    """The days of a match of ``_DAY_PAIR``: two or more ("Mon, Wed, Fri")."""
    return [_day(day.group()) for day in _LISTED_DAY.finditer(match.group())]


def _spanned(text: str, match: re.Match[str]) -> tuple[list[int], int]:
    """The days of a match of ``_DAY_SPAN`` and where they end: a span ("lundi-vendredi", "Mon-Fri-Sat"
    is Monday to Friday, then Saturday), or the list a chain of days is when none of it stands side by
    side in the week ("lundi-mercredi-vendredi")."""
    chain = _DAY_CHAIN.match(text, match.start("d1"))
    if chain is not None:
        days = [_day(day.group()) for day in _CHAINED_DAY.finditer(chain.group())]
        if not any((after - before) % 7 == 1 for before, after in pairwise(days)):
            return days, chain.end()
    return _day_span(match), match.end()


def _day_span(match: re.Match[str]) -> list[int]:
    """The days from ``d1`` to ``d2`` of a match, across the week's end ("vendredi au lundi")."""
    first, last = _day(match["d1"]), _day(match["d2"])
    return [(first + step) % 7 for step in range((last - first) % 7 + 1)]


def _may_name_days(text: str, low: str) -> bool:
    """A cheap look for a day's full name ("samedi", "sunday") or a short one in capitals ("Fri")."""
    return any(word in low for word in FULL_DAY_WORDS) or _DAY_ABBR.search(text) is not None


def _named_days(text: str, excluded: re.Match[str] | None) -> re.Match[str] | None:
    """A day or a pair of days named outside "sauf ..." ("le dimanche", "samedi et dimanche"), or a
    short English day right before a time ("Sat 7am-1pm"; not "Mon taf 9h-17h", "Sat nav 9am")."""
    for pattern in (_DAY_PAIR, _DAY_ONE, _DAY_ABBR):
        for match in pattern.finditer(text):
            if pattern is _DAY_ABBR and _TIME_NEXT.match(text, match.end()) is None:
                continue
            if excluded is None or not excluded.start() <= match.start() < excluded.end():
                return match
    return None


def _day(word: str) -> int:
    """The index of a day word as matched: case-free matching also takes the long s and the Turkish
    i's for letters ("ſamedi", "frıday", "FRİDAY"), which ``str.lower`` does not map back."""
    return DAY_WORDS[word.translate(_CASE_TWINS).lower()]


def _may_name_day(text: str, low: str) -> bool:
    return not text.isascii() or any(stem in low for stem in _DAY_STEMS)


def day_mentions(text: str) -> list[Mention]:
    """Every place ``text`` names days, in order, with those days."""
    mentions: list[Mention] = []
    # One reading per span; "sauf le jeudi" names no opening day.
    taken = taken_mask(len(text), [match.span() for match in _EXCEPT.finditer(text)])
    lowered = text.lower()  # each reading behind a cheap look for its words
    named = _may_name_days(text, lowered)
    readings: list[tuple[re.Pattern[str], str, bool]] = [
        (_ALL_DAYS, "all", any(word in lowered for word in _ALL_DAYS_WORDS)),
        (_DAY_SPAN, "span", _may_name_day(text, lowered)),
        (_WEEKDAYS, "weekdays", "weekdays" in lowered or "semaine" in lowered),
        (_WEEKEND, "weekend", "we" in lowered), (_DAY_PAIR, "pair", named), (_DAY_ONE, "one", named),
        (_DAY_ABBR, "one", named),
    ]  # fmt: skip
    for pattern, kind, looked in readings:
        if not looked:
            continue
        for match in pattern.finditer(text):
            low, high = match.span()
            if taken.find(1, low, high) != -1 or (kind == "weekend" and match.group().lower() == "we"):
                continue
            if kind == "all":
                chosen = list(range(7))
            elif kind == "span":
                chosen, high = _spanned(text, match)
            elif kind == "weekdays":
                chosen = [0, 1, 2, 3, 4]
            elif kind == "weekend":
                chosen = [5, 6]
            else:
                chosen = _listed_days(match) if kind == "pair" else [_day(match["d1"])]
            mentions.append((low, high, tuple(DAYS[day] for day in sorted(set(chosen)))))
            taken[low:high] = b"\x01" * (high - low)
    return sorted(mentions)
