"""Prices and quantities: "70 le G", "60 les 10g", "£10/g", "3 G = 180", "le pochon 10€".

The text is cut into number tokens (an amount with or without currency, a quantity with its unit)
and unit tokens ("le G", "/g"); two neighbours joined by a connector ("le", "=", "pour", "/", "à")
make a price. Runs only on texts with a digit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from filiere.extract.compiled import by_fields
from filiere.extract.ranks import ORDINALS, is_rank
from filiere.extract.units import CURRENCIES, MILLIONS, QUANTITY_WORDS, UNIT_OF, dollar_of

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
_CONNECTOR = re.compile(
    r"\s*(?:(?:le|la|les|l'|the|a|an|per|(?:pour|for)(?:\s(?:les|le|la|l'|the))?|par|à|at|@|=|:|-|–|->|=>|→|/|,|=>"
    r"|c'est|c’est|ça fait)\s*)?\s*",
    re.IGNORECASE,
)
_MAX_GAP = 12
_MAX_OF_GAP = 32
_MONEY_MIN, _MONEY_MAX = 5, 100000  # a bare amount said as money, between these
# A cheap look before the two patterns below: each of their words holds one of these.
_MONEY_WORDS = (
    "tout", "total", "liquide", "cash", "espèce", "pay", "pai", "mettre", "fait", "fera", "donc", " dit", "j'ai",
    "jai", "prépare", "prepare", "owe", "doi", "viré", "versé",
)  # fmt: skip
_MONEY_AFTER = re.compile(
    r"\s?(?:en tout|au total|tout rond|en liquide|en cash|en espèces|in cash|cash|total)\b", re.IGNORECASE
)
_MONEY_BEFORE = re.compile(
    r"(?:\b(?:payer|paie|paye|payé|payé que|viré|versé|mettre|ça fait|ca fait|ça fera|ca fera|total|donc|t'as dit"
    r"|tu as dit|j'ai|jai|prépare|prepare|pay|paid|owe|dois|doit)\s?:?\s)$",
    re.IGNORECASE,
)
_SEGMENT_END = re.compile(r"\n|\s/\s|\||•")  # where one item of a menu ends
# The price a promotion replaces, right after the new one: "50 au lieu de 70", "£30 instead of £35",
# "60 le G, pas 70", "£25 (was £30)": the same quantity of the same product.
_INSTEAD = re.compile(
    r"(?:,\s?|\s?\(\s?|\s)(?:au lieu d[e'’]|au lieu des|instead of|rather than|pas|not|was)\s?$", re.IGNORECASE
)
_INSTEAD_GATE = re.compile(r"lieu|instead|rather|pas|not|was", re.IGNORECASE)
# What makes a number after those words no former price: a word of its own ("25th"), a count or
# another figure ("50 for 5", "93 ni 94").
_OWN_WORD_AFTER = re.compile(r"[^\W\d_]|\s?(?:for|pour|ni|nor|\d)\b", re.IGNORECASE)
_BARE_OF_PRODUCT = 10  # "3g de coke 200": an amount without currency after the product, from 10
_OF_PRODUCT = re.compile(
    r"\s?(?:de|d'|d’|of)\s?[^\W\d_][^\d\n,;|€£$]{0,20}?(?:\s?(?P<to>pour|à|a|for|at|=|:|-)\s?|\s)",
    re.IGNORECASE,
)
_MAY_GROUP = re.compile(r"\d[ \u00a0\u202f.,]\d{3}")
_THOUSANDS = re.compile(
    r"(?<![\w.,])(?P<whole>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+)(?!\d)\s?(?P<c>€|euros?\b|eur\b|e\b|balles\b|£|\$)",
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
# Between the count and the amount of a bundle ("5 for £40", "3 pour 25", "3 = 180"), or between
# the amount and the count ("100 les 2").
_BUNDLE = re.compile(r"\s?(?:(?:for|pour|=)|(?P<les>les))\s?", re.IGNORECASE)
# A count, what it counts, then its price: "2 pies $30", "6 cookies for £10", "2 large pizzas for £22".
_BUNDLE_NAMED = re.compile(r" (?:[^\W\d_]{3,} ){0,1}[^\W\d_]{3,} (?:(?:for|pour) )?", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(?P<w>[^\W\d_]+(?:-[^\W\d_]+)?)\s?:?\s?$")
# Thousands and hundreds: "1k2" (1,200), "1k5" (1,500).
_K_HUNDREDS = re.compile(r"\d(?![\d\w])")  # one figure: not "2k24" (the year), "4k120"
# What an amount must not be followed by to be money: a measure of time, people, distance, score
# (shared with the bare hours of ``hours``: "samedi 10-12 ans" is no range).
COUNTED_AFTER = re.compile(
    r"\s?(?:%|ans?\b|years?\b|yrs?\b|jours?\b|days?\b|mins?\b|minutes?\b|hours?\b|heures?\b|h\b|weeks?\b"
    r"|semaines?\b|months?\b|mois\b|people\b|personnes?\b|pts?\b|points?\b|km\b|m\b|goals?\b|buts?\b"
    r"|miles?\b|nights?\b|nuits?\b|degr[ée]s\b|degrees\b|°|fois\b|times\b|cl\b|gouttes\b|gars\b|mecs\b"
    r"|types\b|clients?\b|pages?\b|tours?\b|secondes?\b|sec\b|/\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Price:
    """An amount asked for a quantity of a product; ``quantity``/``unit`` None when not stated;
    ``stated`` False when the currency is not written with the amount but inferred (another price
    of the message, its country, or euros by default)."""

    amount: float
    currency: str
    quantity: float | None
    unit: str | None
    product: str | None
    start: int
    end: int
    stated: bool = True

    def __reduce__(self) -> tuple[type[Price], tuple[Any, ...]]:
        return by_fields(self)


class Number(NamedTuple):
    """A number as written: an amount (with its currency), a quantity (with its unit), or bare."""

    start: int
    end: int
    number: float
    currency: str | None
    unit: str | None


_new_number = tuple.__new__  # a NamedTuple's own ``__new__`` is a Python-level call: one per number
_START = itemgetter(0)
_PRICE_START = attrgetter("start")


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


def _may_say_money(text: str) -> bool:
    """Whether ``text`` has a word that says a bare amount is money (a cheap look first)."""
    low = text.lower()
    return any(word in low for word in _MONEY_WORDS)


def _said_as_money(text: str, token: Number) -> bool:
    """Whether a bare amount is money by the words around it: "ça fait 80 en tout", "j'ai 120 en
    liquide", "prépare 70 tout rond", "donc 90"."""
    if COUNTED_AFTER.match(text, token.end):
        return False
    return (
        _MONEY_AFTER.match(text, token.end) is not None
        or _MONEY_BEFORE.search(text, max(0, token.start - 16), token.start) is not None
    )


def _joined(text: str, left: Number, right: Number, loose: bool = True) -> bool:
    gap = text[left.end : right.start]
    if "\n" in gap or (not loose and "," in gap):
        return False
    if len(gap) <= _MAX_GAP and _CONNECTOR.fullmatch(gap) is not None:
        return True
    if gap.strip().lower() == "de" and left.unit is not None and not text[left.start].isdigit():
        return right.unit is None  # "la barrette de 20", "pochon de 10": a unit said in words, its price
    # "5g de beuh pour 40€", "3g de coke 200€": the product named between the weight and its price.
    if left.unit is None or right.unit is not None or len(gap) > _MAX_OF_GAP or right.number >= _MONEY_MAX * 10:
        return False  # and not "40 kilos of fentanyl and $1.3 million": a haul's worth, no price
    named = _OF_PRODUCT.fullmatch(gap) if not gap.endswith((" and ", " et ", " & ")) else None
    if named is None or COUNTED_AFTER.match(text, right.end) is not None:
        return False  # "5g de beuh 20 minutes": no price
    return named["to"] is not None or right.currency is not None or right.number >= _BARE_OF_PRODUCT


def find_prices(
    text: str, exclude: list[tuple[int, int]] | None = None, units: Sequence[tuple[int, int, str]] | None = None
) -> tuple[list[Price], list[tuple[int, int, float, str]]]:
    """Prices in ``text`` and quantities with a unit, priced or not ("10g", "2 pochons").

    Arguments as for ``read_numbers``. Products are left empty: the caller knows where products
    are named.

    >>> [(p.amount, p.quantity, p.unit) for p in find_prices("60 les 10g, 70 le G")[0]]
    [(60.0, 10.0, 'g'), (70.0, 1.0, 'g')]
    """
    numbers = read_numbers(text, exclude, units)
    quantities = [(n.start, n.end, n.number, n.unit) for n in numbers if n.unit is not None]
    return prices_of(text, numbers), quantities


def _starts_item(text: str, at: int) -> bool:
    """Whether a number at ``at`` starts an item of a list: nothing but punctuation or an emoji
    before it on its line ("…, 2 pies $30"), not a word ("Zone 2 coke £60", "Open till 11")."""
    before = text[max(0, at - 24) : at].rstrip(" ")
    return not before or not (before[-1].isalnum() or before[-1] in "'’")


def _bundles(text: str, tokens: Sequence[Number], used: set[int], prices: list[Price], currency: str) -> None:
    """Prices of several units at once, between two numbers without a unit: "5 for £40", "3 pour
    25", "100 les 2", "3 = 180". The unit is the one the message prices by before ("10€ le pochon,
    3 pour 25"); the currency is the amount's, or the message's."""
    # The unit prices read before (in order): a bundle takes the unit of the last one before it.
    priced = [(price.end, price.unit) for price in prices if price.unit is not None]
    ends = [end for end, _ in priced]
    for index in range(len(tokens) - 1):
        left, right = tokens[index], tokens[index + 1]
        if index in used or index + 1 in used or left.unit is not None or right.unit is not None:
            continue
        match = _BUNDLE.fullmatch(text, left.end, right.start)
        named = None
        if match is None and right.currency is not None and left.currency is None and _starts_item(text, left.start):
            named = _BUNDLE_NAMED.fullmatch(text, left.end, right.start)
        # A weight then its price, side by side in a menu: "Za 3.5 £30", "shard 0.1 $50" (a whole
        # figure there is a zone, a count of people or hours: "Zone 2 £5", "meal for 2 £22").
        side_by_side = (
            match is None
            and named is None
            and right.currency is not None
            and left.currency is None
            and not left.number.is_integer()
            and text[left.end : right.start] == " "
        )
        if match is None and named is None and not side_by_side:
            continue
        count, money = (right, left) if match is not None and match["les"] else (left, right)
        if left.currency is not None and right.currency is None:
            count, money = right, left  # "£50 for 0.5", "£25 for 3.5": the amount first
        weighed = not count.number.is_integer() and 0 < count.number < 100  # "3.5 for £30": grams
        if count.currency is not None or not (weighed or 2 <= count.number <= 100):
            continue
        if money.currency is None and (money.number < 5 or money.number <= count.number):
            continue  # "2 for 1": no price ("3 pour 3€" is)
        if COUNTED_AFTER.match(text, money.end):
            continue  # "4 for 10 years": no price
        if COUNTED_AFTER.match(text, count.end):
            continue  # "£20 for 2 hours", "£150 for 2 weeks": a time, not a count of goods
        said = _WORD_BEFORE.search(text, max(0, left.start - 16), left.start)
        unit = UNIT_OF.get(said["w"].lower()) if said is not None else None  # "pills 3 for £20": pills
        # A count with what it counts ("6 cookies for £10", ``named``) takes no unit from before.
        before = bisect.bisect_right(ends, left.start) if named is None and unit is None else 0
        if before:  # the unit the message priced by before ("10€ le pochon, 3 pour 25")
            unit = priced[before - 1][1]
            if _SEGMENT_END.search(text, priced[before - 1][0], left.start):
                unit = None  # "$300 a zip / Pre-rolls 3 for $25": another item of the menu
        used.update((index, index + 1))
        stated = money.currency is not None
        prices.append(
            Price(money.number, money.currency or currency, count.number, unit, None, left.start, right.end, stated)
        )


def _replaced(text: str, token: Number, ends: dict[int, Price]) -> Price | None:
    """The promotion's price written just before ``token`` when ``token`` is the price it replaces
    ("50 au lieu de 70", "£30 instead of £35"): an amount near it (half to three times), with no
    word or count of its own ("pas 25th", "was 50 for 5", "pas 10 minutes": no former price)."""
    said = _INSTEAD.search(text, max(0, token.start - 16), token.start)
    if said is None or token.number >= _MONEY_MAX or (token.currency is None and token.number < _MONEY_MIN):
        return None
    if _OWN_WORD_AFTER.match(text, token.end) or COUNTED_AFTER.match(text, token.end):
        return None
    price = ends.get(said.start())
    if price is None or not price.amount / 2 <= token.number <= price.amount * 3:
        return None
    return price


def prices_of(text: str, tokens: Sequence[Number]) -> list[Price]:
    """The prices among ``tokens`` (from ``read_numbers``): an amount joined to a quantity by a
    connector ("60 les 10g", "3 G = 180"), or an amount with its currency alone ("Margherita 9€")."""
    prices: list[Price] = []
    used: set[int] = set()
    currency = next((token.currency for token in tokens if token.currency), "EUR")  # of amounts without one
    # Pairs joined without a comma first: in "£10/g, 3.5 for £30, half oz £120" the comma ends a price.
    for at in range(2 * len(tokens) - 2):
        index, loose = at % (len(tokens) - 1), at >= len(tokens) - 1
        left, right = tokens[index], tokens[index + 1]
        if index in used or index + 1 in used or (left.unit is None) == (right.unit is None):
            continue
        if not _joined(text, left, right, loose):
            continue
        money, amount_of = (left, right) if left.unit is None else (right, left)
        if money.number == 0:
            continue
        if money.currency is None and money.number < 5:  # "3 G 2" is no price
            continue
        used.update((index, index + 1))
        prices.append(
            Price(
                money.number,
                money.currency or currency,
                amount_of.number,
                amount_of.unit,
                None,
                left.start,
                right.end,
                money.currency is not None,
            )
        )
    if len(tokens) - len(used) > 1:
        _bundles(text, tokens, used, prices, currency)
    money_said: bool | None = None  # looked for once, at the first bare amount: not per token
    # The prices a promotion may replace, looked up only where its words are written (a hot path).
    ends = {price.end: price for price in prices} if prices and _INSTEAD_GATE.search(text) else {}
    for index, token in enumerate(tokens):
        if index in used or token.unit is not None:
            continue
        replaced = _replaced(text, token, ends) if ends else None
        if replaced is not None:  # "50 au lieu de 70": 70 was the price of what 50 is now
            amount = Price(
                token.number,
                token.currency or replaced.currency,
                replaced.quantity,
                replaced.unit,
                None,
                token.start,
                token.end,
                token.currency is not None,
            )
            prices.append(amount)
            continue
        if token.currency is not None:
            prices.append(Price(token.number, token.currency, None, None, None, token.start, token.end))
            continue
        if not _MONEY_MIN <= token.number < _MONEY_MAX:
            continue
        if money_said is None:
            money_said = _may_say_money(text)
        if money_said and _said_as_money(text, token):
            prices.append(Price(token.number, currency, None, None, None, token.start, token.end, False))
    if len(prices) > 1:
        prices.sort(key=_PRICE_START)
    return prices
