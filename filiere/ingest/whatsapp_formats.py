"""WhatsApp chat-export headers: the line forms, their dates and times, and day/month order.

An export line that opens a message starts with a timestamp whose layout depends on the phone
(Android or iOS), its language and its calendar. This module knows those layouts; it holds no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from filiere.i18n import tr

# Direction marks WhatsApp sprinkles around dates, names and generated texts (LRM, RLM, the
# embedding/override pairs and the isolates). They carry no meaning for parsing.
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
STRIP_MARKS = str.maketrans("", "", MARKS + "\ufeff")
MARK_SET = frozenset(MARKS)
_M = f"[{MARKS}]*"

# Morning/afternoon markers, as written after (or, in East Asian locales, before) the time; compared
# without dots and spaces ("a. m." is "am").
AM = ("am", "vorm", "ص", "午前", "오전", "上午", "sa", "πμ", "fm")
PM = ("pm", "nachm", "م", "午後", "오후", "下午", "ch", "μμ", "em")
_AP_KEYS = {word: False for word in AM} | {word: True for word in PM}
# Any short word may stand there: the regex stays cheap, and an unknown word is reported when read.
_AP = r"[^\W\d_][^\W\d_.]*\.?(?:\s?[^\W\d_]+\.?)?"

# Year prefixes of the Japanese calendar (Meiji, Taishō, Shōwa, Heisei, Reiwa): year N of an era
# is ``base + N``.
ERAS = {"M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}
BUDDHIST_OFFSET = 543  # Thai solar calendar: 2565 BE is 2022

_DATE = (
    rf"(?P<date>[MTSHR]?\d{{1,4}}{_M}(?P<sep>[./-]){_M}\d{{1,2}}{_M}(?P=sep){_M}"
    rf"[MTSHR]?\d{{1,4}}(?:\s?BE)?)"
)
_TIME = rf"(?:(?P<ap1>{_AP})\s?)?(?P<time>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?)(?:\s?(?P<ap2>{_AP}))?"
_DT = r"[,،]?\s(?:à\s)?"  # "23/03/2022 à 13:31 - " in some French Android builds


@dataclass(frozen=True, slots=True)
class HeaderForm:
    """One layout of message header lines; ``regex`` matches a header and ends where its body starts.

    ``dates`` is a cheaper pattern that only finds the date of a header line of this form.
    """

    name: str
    regex: re.Pattern[str]
    bracketed: bool  # iOS exports: "[date, time] Name: text"
    dates: re.Pattern[str]


_DATE_FIRST = re.compile(rf"{_M}\[?{_M}{_DATE}{_DT}{_M}\d")
_TIME_FIRST = re.compile(rf"{_M}\[{_M}{_TIME}{_DT}{_M}{_DATE}")

FORMS: tuple[HeaderForm, ...] = (
    # Android: "23/03/2022, 13:31 - Name: text", "23.03.22 13:31 - ", "01/01/2019, 11:25 a. m. - "
    HeaderForm("android", re.compile(rf"{_M}{_DATE}{_DT}{_M}{_TIME}{_M}\s[-–]\s{_M}"), False, _DATE_FIRST),
    # iOS: "[3/18/22, 14:56:01] Name: text", Arabic "[١٨/٣/٢٠٢٢، ٢:٥٦:٠٠ م] "
    HeaderForm("ios", re.compile(rf"{_M}\[{_M}{_DATE}{_DT}{_M}{_TIME}{_M}\]\s?{_M}"), True, _DATE_FIRST),
    # iOS, time first (Vietnamese): "[14:56:01, 3/18/22] Name: text"
    HeaderForm("ios_time_first", re.compile(rf"{_M}\[{_M}{_TIME}{_DT}{_M}{_DATE}{_M}\]\s?{_M}"), True, _TIME_FIRST),
    # Older Android builds: "12/24/16, 8:03 PM: Name: text"
    HeaderForm("android_colon", re.compile(rf"{_M}{_DATE}{_DT}{_M}{_TIME}{_M}:\s{_M}"), False, _DATE_FIRST),
)

# Anything that starts like a date: used to tell a header cut by truncation from a body line.
DATE_START = re.compile(rf"{_M}\[?{_M}\d{{1,4}}{_M}[./-]{_M}\d{{1,2}}")

_FIELDS = re.compile(r"([MTSHR]?)(\d{1,4})\D+?(\d{1,2})\D+?([MTSHR]?)(\d{1,4})(\s?BE)?")
ORDERS = ("dmy", "mdy", "ymd")
ORDER_WORDS = {
    "dmy": ("jour/mois/année", "day/month/year"),
    "mdy": ("mois/jour/année", "month/day/year"),
    "ymd": ("année/mois/jour", "year/month/day"),
}


@dataclass(frozen=True, slots=True)
class DateFields:
    """The three numbers of a header date as written, with the calendar marks found around them."""

    first: int
    second: int
    third: int
    first_era: str
    third_era: str
    buddhist: bool
    first_is_year: bool


def date_fields(text: str) -> DateFields | None:
    """Split a header date (``"18‏/3‏/2022"``, ``"3/18/R4"``, ``"3/18/2565 BE"``) into its fields."""
    found = _FIELDS.fullmatch(text.translate(STRIP_MARKS).strip())
    if found is None:
        return None
    era1, one, two, era3, three, be = found.groups()
    return DateFields(int(one), int(two), int(three), era1, era3, bool(be), bool(era1) or len(one) >= 3)


def _year(value: int, era: str, buddhist: bool) -> int:
    if era:
        return ERAS[era] + value
    if buddhist or value >= 2400:
        return value - BUDDHIST_OFFSET
    if value < 100:
        return 2000 + value  # WhatsApp dates from 2009: a two-digit year is never 19xx
    return value


def resolve_date(fields: DateFields, order: str) -> date | None:
    """The calendar date ``fields`` stand for when read in ``order``; None if no such day exists."""
    if order == "ymd" or fields.first_is_year:
        year, month, day = _year(fields.first, fields.first_era, fields.buddhist), fields.second, fields.third
    elif order == "mdy":
        year, month, day = _year(fields.third, fields.third_era, fields.buddhist), fields.first, fields.second
    else:
        year, month, day = _year(fields.third, fields.third_era, fields.buddhist), fields.second, fields.first
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_time(text: str, marker: str | None) -> tuple[int, int, int] | None:
    """Hours, minutes, seconds of ``"14:56:01"``, ``"14.56"`` or ``"2:56"`` + ``"p. m."``; None if impossible."""
    parts = text.replace(".", ":").split(":")
    hour, minute = int(parts[0]), int(parts[1])
    second = int(parts[2]) if len(parts) > 2 else 0
    if marker is not None:
        afternoon = _AP_KEYS.get(marker.lower().replace(".", "").replace(" ", ""))
        if afternoon is None:
            return None
        if hour <= 12:
            # 12 a.m. is midnight and 12 p.m. noon; "00:08 a. m." also occurs and means 00:08.
            hour = hour % 12 + (12 if afternoon else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


class OrderInference:
    """Day/month order of a whole file, from the dates of its headers fed in file order.

    The rule, in order:
    1. a first field of three or four digits (or with a Japanese era letter) means year first;
    2. a date whose first field exceeds 12 votes day-first, one whose second field does votes
       month-first; the side with more votes wins (dates that contradict it are reported later
       as records that cannot be read);
    3. when no date decides, the locale shows through the separator: dotted and dashed dates
       (German, Russian, Czech, Dutch, ...) are day-first in every locale that writes them;
    4. slashed dates that nothing decides follow the order under which they run forward in
       time more often (an export is written oldest first);
    5. otherwise day-first, as in France.
    """

    def __init__(self) -> None:
        self.day_votes = 0
        self.month_votes = 0
        self.year_first = 0
        self.seen = 0
        self.dotted = 0
        self._back = {"dmy": 0, "mdy": 0}
        self._last: dict[str, int] = {}

    def feed(self, text: str) -> None:
        fields = date_fields(text)
        if fields is None:
            return
        self.seen += 1
        if fields.first_is_year:
            self.year_first += 1
            return
        if "." in text or "-" in text:
            self.dotted += 1
        if fields.first > 12 >= fields.second:
            self.day_votes += 1
        elif fields.second > 12 >= fields.first:
            self.month_votes += 1
        # Compare the dates as plain numbers under each reading; an impossible date still orders.
        for order, key in (
            ("dmy", fields.third * 10000 + fields.second * 100 + fields.first),
            ("mdy", fields.third * 10000 + fields.first * 100 + fields.second),
        ):
            if key < self._last.get(order, key):
                self._back[order] += 1
            self._last[order] = key

    def result(self) -> tuple[str, str]:
        """The order and why it was chosen, in the user's language."""
        if self.year_first * 2 > self.seen:
            return "ymd", tr("année en premier (quatre chiffres)", "year first (four digits)")
        if self.day_votes != self.month_votes:
            order = "dmy" if self.day_votes > self.month_votes else "mdy"
            high, low = max(self.day_votes, self.month_votes), min(self.day_votes, self.month_votes)
            return order, tr(
                f"{high} date(s) dont un champ dépasse 12, contre {low}",
                f"{high} date(s) with a field above 12, against {low}",
            )
        if self.dotted * 2 > self.seen:
            return "dmy", tr(
                "aucune date décisive : dates à points ou à tirets, toujours jour en premier",
                "no deciding date: dotted or dashed dates, always day first",
            )
        if self._back["dmy"] != self._back["mdy"]:
            order = "dmy" if self._back["dmy"] < self._back["mdy"] else "mdy"
            return order, tr(
                "aucune date décisive : l'ordre où les dates avancent le plus régulièrement",
                "no deciding date: the order under which dates run forward most",
            )
        return "dmy", tr("aucune date décisive : jour en premier par défaut", "no deciding date: day first")


def describe_order(order: str) -> str:
    """The order in words, for messages to the investigator."""
    words = ORDER_WORDS.get(order)
    return order if words is None else tr(*words)
