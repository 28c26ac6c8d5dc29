"""Prices and quantities: "70 le G", "60 les 10g", "£10/g", "3 G = 180", "le pochon 10€".

The text is cut into number tokens (an amount with or without currency, a quantity with its unit)
and unit tokens ("le G", "/g"); two neighbours joined by a connector ("le", "=", "pour", "/", "à")
make a price. Runs only on texts with a digit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from filiere.extract.compiled import by_fields
from filiere.extract.figures import COUNTED_ALONE, PRICED_COUNT, Number, named_alone, read_numbers
from filiere.extract.units import UNIT_OF, UNITS

_CONNECTOR = re.compile(
    r"\s*(?:(?:le|la|les|l'|the|a|an|per|(?:pour|for)(?:\s(?:les|le|la|l'|the))?|par|à|at|@|=|:|-|–|->|=>|→|/|,|=>"
    r"|c'est|c’est|ça fait)\s*)?\s*",
    re.IGNORECASE,
)
# After an amount beside a unit named alone: a bundle's count or amount ("Tabs £40 for 10", "Pills 5
# for £20", "Taz 25€ les 3", "Taz 40€ (5)", "Taz 40€ le lot de 5"), or after an amount with its
# currency, a count after a slash ("Pills £40/10"; not "Pochons 10/20/50", "£30 / 2 for £55").
_BUNDLE_AFTER = re.compile(r"\s?(?:for|pour|les|x|per|\(|le lot de|the lot of)\s?(?:\d|[€£$])", re.IGNORECASE)
_PER_COUNT = re.compile(r"/\d")
_ENDS_ITEM = re.compile(r"\s*(?:[,.;/|)\n]|$)")
_MOST_ALONE = 100  # above, a figure after such a word is a dose or a count ("Taz 300", "Pills 1000")
# "2 plaquettes à 200 = 400€", "2 oz at £220 = £440": each at that price, then their total.
_EACH = re.compile(r"\s?(?:à|a|at|@)\s?", re.IGNORECASE)
_EQUALS = re.compile(r"\s?(?:=|soit|so|total|so that's|ça fait|ca fait)\s?", re.IGNORECASE)
# Units counted one by one, not weighed: "3 pochons à 10", "2 pilules à 20 balles", "3 bags at £20"
# are each at that price (a weight is a total: "5G à 300", "les 20g à 180").
_COUNTED_UNITS = frozenset({
    "pochon", "barrette", "pill", "tab", "plaquette", "savonnette", "boulette", "bonbonne", "ballon", "joint",
    "vape", "vial", "piece", "point", "bar", "rock",
})  # fmt: skip
_ALL_OF_THEM_BEFORE = re.compile(r"\b(?:les|the|all|tous|toutes|ces)\s$", re.IGNORECASE)  # "les 3 pochons à 25"
_ALL_OF_THEM_AFTER = re.compile(
    r"\s?(?:€|e|euros?|balles|£|\$)?\s?(?:(?:en tout|au total|le tout|the lot|total|in all)\b|(?:les|the) \d)",
    re.IGNORECASE,
)  # "4 pochons à 80 au total", "3 pochons à 25 les 3"
# The words of an item before its price, on its line: up to three.
_ITEM_BEFORE = re.compile(r"(?P<words>(?:[^\W\d_][\w'’-]*[ \t]?){1,3})[:\-–]?[ \t]?$")
_FILLERS = frozenset({"dispo", "dispos", "available", "only", "now", "seulement", "uniquement"})
# The trade's goods a price "each" may be for, by the word naming them before it.
_ITEM_UNITS = {
    word: unit
    for unit in ("tab", "pill", "vape", "rock", "pochon", "barrette", "boulette", "plaquette", "bonbonne", "joint")
    for word in UNITS[unit]
    if word not in ("pens", "pen", "pods", "pod", "disposables", "disposable", "bag", "bags", "carton", "cartons")
}
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
# Between the count and the amount of a bundle ("5 for £40", "3 pour 25", "3 = 180"), or between
# the amount and the count ("100 les 2").
_BUNDLE = re.compile(r"\s?(?:(?:for|pour|=)|(?P<les>les))\s?", re.IGNORECASE)
# A count, what it counts, then its price: "2 pies $30", "6 cookies for £10", "2 large pizzas for £22".
_BUNDLE_NAMED = re.compile(r" (?:[^\W\d_]{3,} ){0,1}[^\W\d_]{3,} (?:(?:for|pour) )?", re.IGNORECASE)
# A count, the one word of a product, then a bare amount: "3 light for 25", "2 brown pour 20".
_GOODS_BUNDLE = re.compile(r" (?P<w>[^\W\d_]{3,}) (?:for|pour) ", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(?P<w>[^\W\d_]+(?:-[^\W\d_]+)?)\s?:?\s?$")
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


_PRICE_START = attrgetter("start")


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


def _priced_alone(text: str, left: Number, right: Number, gap: str) -> bool:
    """Whether a unit named alone and an amount beside it make a price: the amount after it, with
    its currency ("Pills £5", "Taz 10€") unless it prices a bundle ("Tabs £40 for 10"), or bare and
    ending its item ("buvards 10,") or after a connector ("zips for 120"); never a bare amount
    before it ("500k pills", "Semaine 42 : taz") nor one after a comma ("10, taz 15")."""
    if right.unit is not None:  # the amount first: "10€ pièce" only, right against it
        return left.currency is not None and gap in ("", " ")
    if _BUNDLE_AFTER.match(text, right.end) is not None or (
        right.currency is not None and _PER_COUNT.match(text, right.end) is not None
    ):
        return False  # "Tabs £40 for 10", "Pills: 5 for £20", "Pills £40/10": a bundle's count or amount
    if right.currency is not None:
        return True
    word = text[left.start : left.end].lower()
    if gap.strip() in ("", ",", ":", "-", "=") and (word in COUNTED_ALONE or (word.endswith("s") and len(word) > 3)):
        # A plural or a pill's word before a bare figure: a count or a dose unless it ends the item
        # ("buvards 10," but not "Taz 250 dispo", "Pochons 5 dispo"); "Plaquette 250 dispo" is a price.
        if word in COUNTED_ALONE and right.number > _MOST_ALONE:
            return False  # "Taz 300", "Pills 1000": a dose or a count ("zips 180" is a price)
        return _ENDS_ITEM.match(text, right.end) is not None
    return True


def _per_unit_after(text: str, money: Number, following: Number) -> bool:
    """Whether ``following`` is a unit phrase right after ``money`` that it is the price of ("5g à
    15€ le g": 15 for a gram, not for the 5; not across a comma: "10g à 60€, le g à 7€")."""
    return (
        following.unit is not None
        and not text[following.start].isdigit()
        and not named_alone(text, following)
        and text[money.end : following.start] in ("", " ")
    )


def _total_after(text: str, count: Number, money: Number, following: Number) -> Number | None:
    """The total after "N units at P" when it is N times P ("2 plaquettes à 200 = 400€")."""
    if following.unit is not None or (following.currency is None and money.currency is None):
        return None
    if _EQUALS.fullmatch(text, money.end, following.start) is None:
        return None
    return following if abs(following.number - count.number * money.number) < 0.01 else None


def _each_at(text: str, count: Number, money: Number) -> bool:
    """Whether "N units à P" prices each unit at P: units counted one by one ("3 pochons à 10",
    "2 pilules à 20 balles"), unless all of them are meant ("les 3 pochons à 25", "4 pochons à 80
    au total")."""
    return (
        count.unit in _COUNTED_UNITS
        and _ALL_OF_THEM_BEFORE.search(text, max(0, count.start - 6), count.start) is None
        and _ALL_OF_THEM_AFTER.match(text, money.end) is None
    )


def _unit_named_before(text: str, at: int) -> str | None:
    """The unit a price "each" is for, named by the word before it on its line ("Tabs $20 each":
    tab), or the one before a name written after it ("Puffs THC 30€ pièce": vape, "Buvards LSD 10€
    pièce": tab), if it is a unit of the trade's goods (``_ITEM_UNITS``: not "pens", "caps", "bars",
    which shops price each too)."""
    item = _ITEM_BEFORE.search(text, max(0, at - 32), at)
    if item is None:
        return None
    words = item["words"].split()
    if item.start() and text[item.start() - 1].isdigit():
        words = words[1:]  # "2mg barrettes 5€ pièce": "mg" is a dose's measure, not the item's name
    if len(words) > 1 and words[-1].lower() in _FILLERS:
        words = words[:-1]  # "cailloux dispo 15€ la pièce"
    if len(words) > 1 and words[-1][:1].isupper() and words[-2].lower() in _ITEM_UNITS:
        return _ITEM_UNITS[words[-2].lower()]  # "Puffs THC", "Taz Tesla"
    return _ITEM_UNITS.get(words[-1].lower()) if words else None


def _tiers(prices: list[Price], each_at: Sequence[tuple[int, float]]) -> None:
    """The prices read as each unit's that are a menu's tiers instead, the price of all of them
    ("1 taz 10€ / 5 taz à 40€ / 10 taz à 70€"): where the message prices one of the same unit for
    less elsewhere, or lists several such counts of it. ``each_at``: (index in ``prices``, count)."""
    read_each = {at for at, _ in each_at}
    for at, count in each_at:
        price = prices[at]
        base = [other for index, other in enumerate(prices) if index not in read_each and other.unit == price.unit]
        listed = sum(prices[index].unit == price.unit for index in read_each) > 1
        if listed or any(other.quantity == 1.0 and other.amount < price.amount for other in base):
            prices[at] = Price(
                price.amount, price.currency, count, price.unit, None, price.start, price.end, price.stated
            )


def _starts_item(text: str, at: int) -> bool:
    """Whether a number at ``at`` starts an item of a list: nothing but punctuation or an emoji
    before it on its line ("…, 2 pies $30"), not a word ("Zone 2 coke £60", "Open till 11")."""
    before = text[max(0, at - 24) : at].rstrip(" ")
    return not before or not (before[-1].isalnum() or before[-1] in "'’")


def _bundles(
    text: str,
    tokens: Sequence[Number],
    used: set[int],
    prices: list[Price],
    currency: str,
    goods: Collection[tuple[int, int]],
) -> None:
    """Prices of several units at once, between two numbers without a unit: "5 for £40", "3 pour
    25", "100 les 2", "3 = 180"; with what they count between them, the amount with its currency
    ("6 cookies for £10"), or bare where that is one word in ``goods`` (the spans of the product
    words: "3 light for 25", "2 dark for 20"; not "2 white wines for 20", nor in a list where other
    words are counted so: "3 white for 20, 3 red for 20"). The unit is the one the
    message prices by before ("10€ le pochon, 3 pour 25"); the currency is the amount's, or the
    message's."""
    if goods and any(match.span("w") not in goods for match in PRICED_COUNT.finditer(text)):
        goods = ()  # "2 dark for 5, 2 milk for 5, 2 white for 5": chocolate bars, not heroin and crack
    # The unit prices read before (in order): a bundle takes the unit of the last one before it.
    priced = [(price.end, price.unit) for price in prices if price.unit is not None]
    ends = [end for end, _ in priced]
    for index in range(len(tokens) - 1):
        left, right = tokens[index], tokens[index + 1]
        if index in used or index + 1 in used or left.unit is not None or right.unit is not None:
            continue
        match = _BUNDLE.fullmatch(text, left.end, right.start)
        named = None
        if match is None and left.currency is None and _starts_item(text, left.start):
            if right.currency is not None:
                named = _BUNDLE_NAMED.fullmatch(text, left.end, right.start)
            elif goods:
                named = _GOODS_BUNDLE.fullmatch(text, left.end, right.start)
                if named is not None and named.span("w") not in goods:
                    named = None
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
            if _SEGMENT_END.search(text, priced[before - 1][0], left.start) or unit == "mg":
                unit = None  # "$300 a zip / Pre-rolls 3 for $25": another item; "Tesla 250mg £5, 10 for £40": a dose
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


def prices_of(text: str, tokens: Sequence[Number], goods: Collection[tuple[int, int]] = ()) -> list[Price]:
    """The prices among ``tokens`` (from ``read_numbers``): an amount joined to a quantity by a
    connector ("60 les 10g", "3 G = 180"), or an amount with its currency alone ("Margherita 9€").
    ``goods``: the spans of the product words, which a bare amount may price a count of ("3 light
    for 25")."""
    prices: list[Price] = []
    used: set[int] = set()
    each_at: list[tuple[int, float]] = []  # prices read as each unit's ("3 pochons à 10"), and their count
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
        gap = text[left.end : right.start]
        if named_alone(text, amount_of) and not _priced_alone(text, left, right, gap):
            continue  # "Pills £5", "buvards 10" are prices; "tabs 250ug", "Pills 5 for £20", "500k pills" are not
        if money.currency is None and money.number < 5:  # "3 G 2" is no price
            continue
        each = amount_of is left and amount_of.number > 1 and _EACH.fullmatch(gap) is not None
        following = tokens[index + 2] if each and index + 2 < len(tokens) else None
        if following is not None and _per_unit_after(text, right, following):
            continue  # "5g à 15€ le g": the amount is the price of the unit written after it
        total = _total_after(text, left, right, following) if following is not None else None
        quantity = amount_of.number
        if total is not None:
            quantity = 1.0  # "2 plaquettes à 200 = 400€": the price of one, then of all
        elif each and _each_at(text, amount_of, money):
            each_at.append((len(prices), amount_of.number))
            quantity = 1.0  # "3 pochons à 10": the price of one
        unit = amount_of.unit
        if unit == "piece" and amount_of is right and amount_of.number == 1:
            unit = _unit_named_before(text, left.start) or unit  # "Tabs $20 each", "Puffs THC 30€ pièce"
        used.update((index, index + 1))
        prices.append(
            Price(
                money.number,
                money.currency or currency,
                quantity,
                unit,
                None,
                left.start,
                right.end,
                money.currency is not None,
            )
        )
        if total is not None:  # "= £440": the price of all of them
            used.add(index + 2)
            written = total.currency or money.currency
            prices.append(
                Price(
                    total.number,
                    written or currency,
                    amount_of.number,
                    amount_of.unit,
                    None,
                    right.end,
                    total.end,
                    written is not None,
                )
            )
    if each_at:
        _tiers(prices, each_at)
    if len(tokens) - len(used) > 1:
        _bundles(text, tokens, used, prices, currency, goods)
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
