"""Which look-alike words to believe, and which words of trade are only quoted: a cover story in a
payment reference ("put pizza in the note"), a CBD shop's words beside THC far above the legal
limit ("90% thc"), a song's line quoted and talked about. Read by ``classify``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from filiere.extract.figures import taken_mask
from filiere.extract.lexicon import Hit

# Talk about drugs (news, care): it names them without trading them.
DRUG_TALK = frozenset({"news", "prevention", "pharmacy"})
# A THC content: above the legal limit (0.3 %), and well above it to allow for rounding, no
# licensed shop sells it ("90% thc", "THC 22 %"). Written after "THC" the figure is THC's, with its
# comparison ("THC < 0,2 %": under); written before it, not when it follows "CBD" ("CBD 15% THC
# <0,2%" gives CBD its 15 %).
_THC_AFTER = re.compile(
    r"thc\s?(?:[:=]|à|at)?\s?(?P<under><|≤|‹|max\.?|moins de|less than|under)?\s?(?P<n>\d{1,2}(?:[.,]\d{1,2})?)\s?%",
    re.IGNORECASE,
)
_THC_BEFORE = re.compile(r"(?P<n>\d{1,2}(?:[.,]\d{1,2})?)\s?%\s?(?:de\s|of\s)?thc", re.IGNORECASE)
_CBD_BEFORE = re.compile(r"cbd\W{0,3}$", re.IGNORECASE)
_LEGAL_THC = 1.0
_COVER_REACH = 12  # characters around a payment reference where a look-alike word is its cover story
ALWAYS_BELIEVED = DRUG_TALK | {"legal_cbd"}  # never a cover story
# A quotation: « … » or “ … ” (over lines), "…" (on one line), of 300 characters at most (bounded:
# a text of many opening marks and no closing one stays linear). Not '…': "'em", "nothin'".
_QUOTED = re.compile(r"«[^«»]{3,300}»|“[^“”]{3,300}”|\"[^\"\n]{3,300}\"")


def near_any(hit: Hit, others: Sequence[Hit], reach: int = _COVER_REACH) -> bool:
    """Whether ``hit`` lies within a few characters of one of ``others`` (a payment reference)."""
    return any(other.start - reach <= hit.start and hit.end <= other.end + reach for other in others)


def believed_lookalikes(lookalikes: list[Hit], text: str, cover: bool) -> list[Hit]:
    """The look-alike words to believe: not a cover story (``cover``: every word beside a payment
    reference, "put pizza in the note"; talk about drugs is kept), nor a CBD shop's words beside
    THC far above the legal limit ("90% thc")."""
    if cover:
        lookalikes = [hit for hit in lookalikes if hit.entry.code in ALWAYS_BELIEVED]
    if lookalikes and _thc_percent(text) > _LEGAL_THC:
        lookalikes = [hit for hit in lookalikes if hit.entry.code != "legal_cbd"]
    return lookalikes


def _thc_percent(text: str) -> float:
    """The highest THC content written in ``text`` (0 when none, or when it is said to be under)."""
    after = list(_THC_AFTER.finditer(text))
    if after:
        return max(0.0 if m["under"] else float(m["n"].replace(",", ".")) for m in after)
    before = [
        float(m["n"].replace(",", "."))
        for m in _THC_BEFORE.finditer(text)
        if _CBD_BEFORE.search(text, max(0, m.start() - 8), m.start()) is None
    ]
    return max(before, default=0.0)


def only_quoted(text: str, hits: Sequence[Hit]) -> bool:
    """Whether every one of ``hits`` lies inside a quotation in ``text`` (a song's line quoted and
    commented: "« la beuh dans le sac » le refrain de ouf")."""
    quotes = [match.span() for match in _QUOTED.finditer(text)]
    if not quotes:
        return False
    quoted = taken_mask(len(text), quotes)
    return all(quoted.find(0, hit.start, hit.end) == -1 for hit in hits)
