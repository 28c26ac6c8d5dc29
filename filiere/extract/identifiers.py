"""Contact identifiers written in a message: phone numbers, links, e-mail addresses, @handles and
Cash App $cashtags."""

from __future__ import annotations

import re
from typing import NamedTuple

from filiere.types.phone import normalize_phone

# French numbers in their usual spellings ("06 39 98 12 34", "06.39.98.12.34", "+33 6 39 98 12 34",
# "0033639981234"), other international numbers written with their "+" or "00", and in their
# national spelling British mobiles ("07700 900412"), Australian mobiles in their groups ("0491 570
# 118": a French number is never written so) and North American numbers ("(312) 555-0142").
_PHONE = re.compile(
    r"""(?<![\w+])(?:
        (?:\+|00)\s?33\s?\(?0?\)?\s?[1-9](?:[\s.\-]?\d\d){4}
      | 0[1-9](?:[\s.\-]?\d\d){4}
      | (?:\+|00)[1-9]\d{0,2}(?:[\s.\-]?\d{2,4}){2,5}
      | (?P<gb>07\d{3}[\s.\-]?\d{3}[\s.\-]?\d{3})
      | (?<![\#°\d]\s)(?<![\#°\d])(?P<au>04\d\d[\s.\-]\d{3}[\s.\-]\d{3}(?![\s.\-]?\d))
      | (?P<us>(?:\([2-9]\d\d\)\s?|[2-9]\d\d[\s.\-])[2-9]\d\d[.\-]\d{4})
    )(?![\w])""",
    re.VERBOSE,
)
_LINK = re.compile(
    r"""(?<![\w@.])(?:
        (?:https?://|www\.)[^\s<>"'`]+
      | (?:t\.me|telegram\.me|wa\.me|signal\.me|signal\.group|snapchat\.com|instagram\.com|threema\.id
           |potato\.im|linktr\.ee|bit\.ly|chat\.whatsapp\.com)/[^\s<>"'`]+
      | [a-z0-9][a-z0-9\-]{1,62}\.onion\b(?:/[^\s<>"'`]*)?
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}\b", re.I)
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_][A-Za-z0-9_.]{2,31})(?<!\.)")
_TRAILING = ".,;:!?)]}»\"'"
# A Cash App account ("$hazeplug"): a "$" before letters, not figures ("$20"), nor inside a word.
_NOT_CASHTAGS = frozenset({"tag", "cashtag"})  # "send me ur $tag": the word, not an account
_CASHTAG = re.compile(r"(?<![\w$])\$([A-Za-z][A-Za-z0-9_]{0,19})(?![\w$])")


class Found(NamedTuple):
    """A value found in a text with its span; ``value`` is normalised (E.164, lower-case link)."""

    start: int
    end: int
    value: str


def find_phones(text: str, region: str = "FR") -> list[Found]:
    """Phone numbers, as E.164; candidates that are not possible numbers are dropped.

    >>> [f.value for f in find_phones("Nouveau num 06 39 98 12 34 / +33 1 99 00 12 34")]
    ['+33639981234', '+33199001234']
    >>> [f.value for f in find_phones("new line 07700 900412, or (312) 555-0142")]
    ['+447700900412', '+13125550142']
    """
    found = []
    for match in _PHONE.finditer(text):
        national = "GB" if match.group("gb") else "US" if match.group("us") else "AU" if match.group("au") else region
        e164 = normalize_phone(match.group(), national)
        if e164 is not None:
            found.append(Found(match.start(), match.end(), e164))
    return found


def find_links(text: str) -> list[Found]:
    """Links (web, messaging invitations, onion services), trailing punctuation left out."""
    found = []
    for match in _LINK.finditer(text):
        raw = match.group().rstrip(_TRAILING)
        found.append(Found(match.start(), match.start() + len(raw), raw))
    return found


def find_emails(text: str) -> list[Found]:
    """E-mail addresses, lower-cased."""
    return [Found(m.start(), m.end(), m.group().lower()) for m in _EMAIL.finditer(text)]


def find_handles(text: str, emails: list[Found]) -> list[Found]:
    """``@name`` handles that are not part of an e-mail address."""
    found = []
    for match in _HANDLE.finditer(text):
        if any(e.start <= match.start() < e.end for e in emails):
            continue
        found.append(Found(match.start(), match.end(), "@" + match.group(1)))
    return found


def find_cashtags(text: str) -> list[Found]:
    """Cash App ``$cashtags``: call it only where the message names Cash App, since a "$" before
    letters is also a share's ticker ("$TSLA") or a shell's variable.

    >>> [f.value for f in find_cashtags("Cash App $hazeplug, $20 a g")]
    ['$hazeplug']
    """
    return [
        Found(m.start(), m.end(), "$" + m.group(1))
        for m in _CASHTAG.finditer(text)
        if m.group(1).lower() not in _NOT_CASHTAGS
    ]
