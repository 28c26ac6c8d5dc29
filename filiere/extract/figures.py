"""The numbers of a message as written: each amount with its currency, each quantity with its
unit ("10€", "3 pochons", "£1.2m", "2 500 €", "le G", "an 8th"), in order; ``prices`` pairs them.

One pass reads every number with the sign or word written around it, looked up in the tables of
``units``; the lexicon's unit phrases ("le G", "a gram", "balloons") are tokens of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from filiere.extract.ranks import ORDINALS, is_rank
from filiere.extract.units import CURRENCIES, MILLIONS, QUANTITY_WORDS, UNIT_OF, dollar_of

# An article or "per" right before a unit's word: "for the eighth", "2€ par pochon" name no unit alone.
_ARTICLE_BEFORE = re.compile(r"(?:(?<![\w'’])(?:the|le|la|les|a|an|un|une|des|per|par)\s|\bl['’]|/)$", re.IGNORECASE)
# Words of a unit that, alone before a bare figure, count or dose it more often than they price it
# ("Taz 250 dispo", "each, 30 per tub"), and that alone are no quantity of the trade ("pill alert").
# A count of one word for an amount ("2 milk for 5", "3 light for 25"): where a message prices words
# other than products so, it is a shop's list (``lexicon`` and ``prices`` read no drug in it).
PRICED_COUNT = re.compile(r"\d (?P<w>[^\W\d_]{3,}) (?:for|pour) [£$€]?\d", re.IGNORECASE)
COUNTED_ALONE = frozenset({"pill", "pills", "tab", "tabs", "taz", "each", "pièce", "pièces", "unité"})
# Francs that are not Swiss ("5000 francs CFA", "francs belges").
_OTHER_FRANC_WORDS = (
    r"(?:cfa|cfp|belges|français|congolais|guinéens|rwandais|burundais|malgaches|comoriens|djiboutiens|pacifique)\b"
)
_ARTICLES = ("le ", "la ", "les ", "l'", "the ", "a ", "an ", "per ", "un ", "une ", "par ", "/")
_UNIT_RE = "|".join(sorted(map(re.escape, UNIT_OF), key=len, reverse=True))
# One pass reads every number with the sign or word written around it: a word or sign after
# ("3k", "10€", "5 pochons"), looked up in the tables of ``units`` rather than matched by a long
# alternation; a currency sign before ("€10", "£ 10") is looked at in Python, so that the pattern
# starts with a digit and the engine skips to digits in C. The number is atomic (no backtracking
# into its digits), and a number that goes on like a phone number ("06 39 98") is no amount.
_TOKEN = re.compile(
    r"\d(?<![\w.,:]\d)(?>\d{0,5}(?:[.,]\d{1,2})?)(?P<n>)(?!\d)(?!\s?\d\d\s?\d\d)"
    r"(?:\s?(?P<w>[^\W\d_]+(?:-[^\W\d_]+)?|[€£$]))?"
)
_SIGNS = "€£$"
_CENTS = re.compile(r"\d\d(?!\d)")  # after a sign between figures: "3€50"
_FIGURE_WORD = re.compile(r"[\d.,]+\s?[^\W\d_]")  # a figure with its unit or word: "2g", "3 pochons"
_AFTER_K = re.compile(r"\s?(?P<w>[^\W\d_]+|[€£$])")  # "3k€", "3k euros": the word after thousands
# A unit after an article ("le G", "a gram", "/g"): only read when the lexicon saw such a phrase.
_UNIT_ONLY = re.compile(
    rf"(?:\b(?:le|la|les|l'|the|a|an|per|un|une|par)\s|/\s?)(?P<unit1>{_UNIT_RE})(?![a-z])", re.IGNORECASE
)
_OTHER_FRANCS = re.compile(rf"\s?{_OTHER_FRANC_WORDS}", re.IGNORECASE)
_MAY_GROUP = re.compile(r"\d[ \u00a0\u202f.,']\d{3}")
_THOUSANDS = re.compile(
    r"(?<![\w.,])(?P<whole>\d{1,3}(?:[ \u00a0\u202f.']\d{3})+)(?!\d)\s?"
    rf"(?P<c>€|euros?\b|eur\b|e\b|balles\b|chf\b|francs\b(?!\s?{_OTHER_FRANC_WORDS})|£|\$)",
    re.IGNORECASE,
)
# The English way, the sign before and commas between the groups: "$6,800", "£85,000".
_THOUSANDS_SIGNED = re.compile(r"(?P<c>[£$€])\s?(?P<whole>\d{1,3}(?:,\d{3})+)(?!\d|[.,]\d)")
_SCALE_SIGNS = frozenset({"m", "mn", "bn"})  # millions written against their figure: "£1.2m", "€3bn"
_NOT_AFTER_SCALE = frozenset({"&", "/"})  # "£10 M&S", "£10 M/F"
# The currency after millions ("2 millions d'euros"), not the sign of the next amount ("fence 1.8m £30").
_OF_CURRENCY = re.compile(r"\s?(?:d['’]\s?|de\s|of\s)?(?P<w>euros?\b|dollars?\b|[€£$](?!\s?\d))", re.IGNORECASE)
# Before a count, a group of three figures is a number of its own: "les 3 100€", "lot de 3 100€", "x 3 100€".
_COUNT_BEFORE = re.compile(r"(?:\bles|\blot de|\bx|\bpack de)\s?$", re.IGNORECASE)
_TIME_WORDS = frozenset({"h", "am", "pm", "heure", "heures", "hr", "hrs", "min", "mins"})
# Thousands and hundreds: "1k2" (1,200), "1k5" (1,500).
_K_HUNDREDS = re.compile(r"\d(?![\d\w])")  # one figure: not "2k24" (the year), "4k120"


class Number(NamedTuple):
    """A number as written: an amount (with its currency), a quantity (with its unit), or bare."""

    start: int
    end: int
    number: float
    currency: str | None
    unit: str | None


_new_number = tuple.__new__  # a NamedTuple's own ``__new__`` is a Python-level call: one per number
_START = itemgetter(0)


def _longest_first(unit: tuple[int, int, str]) -> tuple[int, int]:
    return (unit[0] - unit[1], unit[0])


def _number(raw: str) -> float:
    return float(raw.replace(",", "."))


def taken_mask(size: int, spans: Sequence[tuple[int, int]]) -> bytearray:
    """One byte per character, 1 inside ``spans``: "does this span touch a taken one?" is then a
    single ``mask.find(1, start, end)`` in C, however many spans are taken."""
    mask = bytearray(size)
    for low, high in spans:
        mask[low:high] = b"\x01" * (high - low)
    return mask


def read_numbers(
    text: str, exclude: list[tuple[int, int]] | None = None, units: Sequence[tuple[int, int, str]] | None = None
) -> list[Number]:
    """Every number of ``text`` with its currency or unit, in order; spans in ``exclude`` (phone
    numbers, hours) are left out. ``units`` are the spans of "le G", "a gram" phrases (``start,
    end, folded words``) found by the lexicon, read as one unit each; without them, they are looked
    for here."""
    if units is None:
        units = [(m.start(), m.end(), m.group().lower()) for m in _UNIT_ONLY.finditer(text)]
    tokens: list[Number] = []
    # "2 500€", "1.250 €": an amount in thousands, its groups apart, read whole before the rest.
    mask = taken_mask(len(text), exclude) if exclude else None
    thousands = 0
    if _MAY_GROUP.search(text) is not None:
        grouped = list(_THOUSANDS.finditer(text))
        if "," in text:
            grouped += _THOUSANDS_SIGNED.finditer(text)
        for m in grouped:
            start, end = m.span()
            if mask is not None and mask.find(1, start, end) != -1:
                continue
            if _COUNT_BEFORE.search(text, max(0, start - 12), start):  # the words just before, not the whole text
                continue
            amount = float("".join(char for char in m["whole"] if char.isdigit()))
            sign = m["c"].lower()
            money = dollar_of(text, m.start("c")) if sign == "$" else CURRENCIES[sign]
            tokens.append(_new_number(Number, (start, end, amount, money, None)))
            thousands += 1
            mask = mask if mask is not None else bytearray(len(text))
            mask[start:end] = b"\x01" * (end - start)
    # Figures inside a unit phrase ("an 8th", "1/8") are the unit's, not numbers of their own.
    figured = [(start, end) for start, end, word in units if any(char.isdigit() for char in word)]
    worded = taken_mask(len(text), figured) if figured else None
    free = 0  # where the previous match ended: a sign before a number is not one after another
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if (worded is not None and worded[start]) or (
            start > 1
            and text[start - 1] == "/"
            and text[start - 2] == "1"
            and not text[start - 3 : start - 2].isdigit()
        ):
            continue  # "an 8th": the unit's figure; "1/8 $40", "1/4": a fraction, not an amount
        if start and (text[start - 1] == "#" or text.endswith(("n°", "N°"), 0, start)):
            continue  # "commande #142", "n°12": a number that names, not an amount
        digits = text[start : match.start("n")]
        word = match["w"]
        if word is not None and mask is not None and mask.find(1, match.start("w"), end) != -1:
            word, end = None, match.end("n")  # "25 after 10pm": the word after it is another finding's
        if start and text[start - 1] == "+" and (word is None or word.lower() not in CURRENCIES):
            continue  # "+33 6…": a calling code; "+8€" is a fee
        cents = 0.0
        if word is not None and word in _SIGNS and text[end : end + 1].isdigit():
            fifty = _CENTS.match(text, end) if match.start("w") == match.end("n") else None
            if fifty is not None:  # "3€50": three euros fifty, the French way
                cents, end = int(fifty.group()) / 100, fifty.end()
            elif word != "€" or not _FIGURE_WORD.match(text, end):
                # "3.5 £30", "3-in-1 €8": the sign written against the next figure is that figure's
                # (£ and $ are written before; € before a bare figure: not "10 €2g 18 €", the French way)
                word, end = None, match.end("n")
        pre = None
        if start > free:  # "€10", "€ 10": the sign, with at most one space, starts the token
            before = text[start - 1]
            if before in _SIGNS:
                pre, start = before, start - 1
            elif start - 1 > free and before.isspace() and text[start - 2] in _SIGNS:
                pre, start = text[start - 2], start - 2
        free = end
        if mask is not None and mask.find(1, start, end) != -1:
            continue
        number = _number(digits) + cents
        currency = unit = None
        if word is None and text.startswith(":", end) and text[end + 1 : end + 2].isdigit():
            continue  # "14:30": a time
        if word is not None:
            lowered = word.lower()
            scale = MILLIONS.get(lowered)
            if scale is not None and lowered in _SCALE_SIGNS:  # "£1.2m", "€3bn": written against the figure
                # "10 M€"; not "£20 m8", "£20 m from the station", "£10 M&S"
                following = text[end : end + 1]
                attached = match.start("w") == match.end("n") and following not in _NOT_AFTER_SCALE
                scale = scale if (attached and not following.isalnum()) or (following and following in _SIGNS) else None
            if scale is not None:
                of = _OF_CURRENCY.match(text, end)
                if of is not None or pre is not None:
                    number *= scale
                    if of is not None:
                        end, lowered = of.end(), of["w"].lower()
                    else:
                        lowered = str(pre)
            if lowered in _TIME_WORDS or (lowered in ORDINALS and is_rank(text, start, end)):
                continue  # "à 14h30", "3e étage", "2e client", "depuis la 4e": a time or a rank, not money
            if lowered == "k":  # thousands: "3k", "3k€", "1k2"
                hundreds = _K_HUNDREDS.match(text, end) if number.is_integer() else None
                number *= 1000
                if hundreds is not None:
                    number += int(hundreds.group()) * 10 ** (3 - len(hundreds.group()))
                    end = hundreds.end()
                after = _AFTER_K.match(text, end)
                if after is not None and after["w"].lower() in CURRENCIES:
                    end, lowered = after.end(), after["w"].lower()
            currency = CURRENCIES.get(lowered)
            if lowered == "francs" and _OTHER_FRANCS.match(text, end) is not None:
                currency = None  # "5000 francs CFA", "francs belges": not Swiss
            unit = UNIT_OF.get(lowered) if currency is None else None
            if currency is None and unit is None and lowered != "k":
                end = match.end("n")  # a word that is neither: the number stands alone
        if currency is None and pre:
            currency = dollar_of(text, start) if pre == "$" else CURRENCIES[pre]
            if unit is not None:  # "£4 each", "£10 bags": an amount, then the unit it is the price of
                tokens.append(_new_number(Number, (start, match.end("n"), number, currency, None)))
                start, number, currency = match.start("w"), 1.0, None
        tokens.append(_new_number(Number, (start, end, number, currency, unit)))
    if units:
        read = taken_mask(len(text), [(token.start, token.end) for token in tokens if token.unit is not None])
        bare = {
            token.end: token
            for token in tokens
            if token.unit is None and token.currency is None and token.number.is_integer() and 2 <= token.number <= 100
        }
        # The longest phrase first: "an 8th" is one unit, not also "8th".
        for start, end, word in sorted(units, key=_longest_first):
            quantity, unit = _unit_words(word)
            if unit is None or read.find(1, start, end) != -1:
                continue
            said_alone = not word.lower().startswith(_ARTICLES)  # "2 8ths", not "80 le G"
            count = bare.get(start - 1) if said_alone and text[start - 1 : start] == " " else None
            if count is not None:  # "2 8ths", "3 Q": a count before a unit said in words
                tokens.remove(count)
                start, quantity = count.start, quantity * count.number
            tokens.append(_new_number(Number, (start, end, quantity, None, unit)))
            read[start:end] = b"\x01" * (end - start)
        tokens.sort(key=_START)
    elif thousands and len(tokens) > thousands:
        tokens.sort(key=_START)  # amounts in thousands were read first: "4kg … £60,000" in the text's order
    return tokens


def _unit_words(words: str) -> tuple[float, str | None]:
    """The quantity and unit of a unit phrase ("le G": 1 g, "a Q": 0.25 oz, "/oz": 1 oz)."""
    words = words.lower()
    for article in _ARTICLES:
        if words.startswith(article):
            words = words[len(article) :]
            break
    said = QUANTITY_WORDS.get(words)
    if said is not None:
        return said
    return 1.0, UNIT_OF.get(words.rsplit(" ", 1)[-1])


def named_alone(text: str, number: Number) -> bool:
    """Whether the quantity ``number`` is a unit's word written alone, with no figure nor article
    ("Pills", "Balloons", "plaquette"; not "le G", "for the eighth", "half oz", "3 pochons"), and
    no "de" after it ("pochon de 10" says the price of one)."""
    word = text[number.start : number.end]
    return (
        word.isalpha()
        and word.lower() in UNIT_OF
        and _ARTICLE_BEFORE.search(text, max(0, number.start - 5), number.start) is None
        and not text.startswith((" de ", " d'"), number.end)
    )
