"""Is a message part of selling drugs? An additive score over named signals, each with its evidence.

Every signal adds or removes a fixed amount of log-odds (the table below), so a score can be read
back as a sum of reasons. Without a product or a word of the trade's own jargon, a message is never
called trade, however many ordinary sales words (delivery, promo, new number) it has: pizza shops
use those too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from filiere.extract.handoffs import Handoff
from filiere.extract.lexicon import Hit
from filiere.extract.prices import Price

BIAS = -3.0
STRONG_PRODUCT = {3: 3.0, 2: 2.2, 1: 1.5}  # first product, by the term's weight
MORE_PRODUCTS = 0.5  # each further product code, up to MORE_PRODUCTS_CAP
MORE_PRODUCTS_CAP = 1.0
WEAK_PRODUCT = 2.0  # an ambiguous product word ("jaune", "❄️") kept thanks to trade context
JARGON_FIRST, JARGON_MORE, JARGON_CAP = 2.5, 0.7, 1.4
CUE = {1: 0.3, 2: 0.8, 3: 1.2}  # per category, by its strongest cue
CUES_CAP = 3.0
PRICE_WITH_UNIT = 1.5
PRICED_PRODUCT = 1.2  # an amount written next to a product ("lean 40€")
BARE_PRICE = 0.4
DRUG_QUANTITY = 1.0
HANDOFF_VALUE = 0.6
PAYMENT_ID = 0.6
QUESTION = 0.5  # a question naming a product: a customer asking
LOOKALIKE = {1: 0.7, 2: 2.0, 3: 3.0}  # per kind of look-alike, by its strongest word
LOOKALIKE_MORE, LOOKALIKE_CAP = 1.0, 2.0  # each further word of the same kind
GATE_CEILING = -1.0  # score ceiling without product or jargon
CATEGORY_MIN = 2  # summed cue weight a category needs to be reported

CANNABIS = frozenset({"cannabis_herb", "cannabis_resin", "cannabis_other"})
DRUG_UNITS = frozenset({"g", "kg", "pochon", "plaquette", "savonnette", "barrette", "boulette", "pill", "tab"})
# Hand-offs to these are a sign of illicit trade by themselves: shops and restaurants do not use them.
COVERT_PLATFORMS = frozenset({"potato", "threema", "wickr", "session", "bot"})
TRADE_CONTEXT = frozenset({"offer", "order", "logistics"})
DRUG_TALK = frozenset({"news", "prevention", "pharmacy"})
GRAM_PRICE_FLOOR = 4.0  # euros (or pounds, dollars) a gram: the price of drugs, not of flour or tea


@dataclass(slots=True)
class Verdict:
    """The classification of one message and the hits that counted."""

    drug_trade: bool
    score: float
    categories: tuple[str, ...]
    products: tuple[str, ...]
    counted: list[Hit] = field(default_factory=list)


@dataclass(slots=True)
class _Signals:
    strong: list[Hit] = field(default_factory=list)
    weak: list[Hit] = field(default_factory=list)
    jargon: list[Hit] = field(default_factory=list)
    cues: list[Hit] = field(default_factory=list)
    lookalikes: list[Hit] = field(default_factory=list)


_NESTING = frozenset({"product", "lookalike", "drug"})


def _nests(outer: Hit, inner: Hit) -> bool:
    outer_kind, inner_kind = outer.entry.kind, inner.entry.kind
    if outer_kind in _NESTING and inner_kind in _NESTING:
        return True
    return (outer_kind == "lookalike") != (inner_kind == "lookalike")


def _outermost(hits: Sequence[Hit]) -> list[Hit]:
    """The longest reading wins: "chocolat noir" (food) hides "chocolat" (resin), "résine de cannabis"
    hides "cannabis", "la recette" (takings) hides "recette" (recipe). ``hits`` are sorted by start."""
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


def _collect(hits: Sequence[Hit]) -> _Signals:
    signals = _Signals()
    for hit in _outermost(hits) if len(hits) > 1 else hits:
        entry = hit.entry
        kind = entry.kind
        if kind == "product":
            (signals.weak if entry.weak else signals.strong).append(hit)
        elif kind == "cue":
            signals.cues.append(hit)
            if "jargon" in entry.flags:
                signals.jargon.append(hit)
        elif kind == "lookalike":
            signals.lookalikes.append(hit)
    return signals


def _by_code(hits: Sequence[Hit]) -> dict[str, int]:
    """The strongest weight per code."""
    best: dict[str, int] = {}
    for hit in hits:
        code = hit.entry.code
        best[code] = max(best.get(code, 0), hit.entry.weight)
    return best


def _lookalike_penalty(hits: Sequence[Hit]) -> float:
    best = _by_code(hits)
    penalty = sum(LOOKALIKE[weight] for weight in best.values())
    extra = len({hit.entry.term for hit in hits}) - len(best)
    return penalty + min(LOOKALIKE_MORE * extra, LOOKALIKE_CAP)


def _near(price: Price, hits: Sequence[Hit], reach: int = 25) -> bool:
    return any(hit.end <= price.start <= hit.end + reach or price.end <= hit.start <= price.end + reach for hit in hits)


def classify(
    text: str,
    hits: Sequence[Hit],
    prices: Sequence[Price],
    quantities: Sequence[tuple[int, int, float, str]],
    handoffs: Sequence[Handoff],
    payment_ids: int,
    named: Sequence[Hit] = (),
    implied: frozenset[str] = frozenset(),
) -> Verdict:
    """The verdict on ``text`` from what the detectors found in it.

    ``named`` are trade words found inside account names and links ("t.me/lacentrale_idf");
    ``implied`` are categories other detectors imply (hours: service, addresses: logistics).
    """
    signals = _collect(hits)
    signals.jargon.extend(named)
    priced = gram_price = drug_quantity = valued_handoff = covert = strong_cue = False
    if prices:
        priced = any(price.unit is not None for price in prices)
        gram_price = any(p.unit == "g" and p.quantity and p.amount / p.quantity >= GRAM_PRICE_FLOOR for p in prices)
    if quantities:
        drug_quantity = any(unit in DRUG_UNITS for _, _, _, unit in quantities)
    if handoffs:
        valued_handoff = any(handoff.value is not None for handoff in handoffs)
        covert = any(handoff.platform in COVERT_PLATFORMS for handoff in handoffs)
    if signals.cues:
        # Sales words of any shop ("livraison", "promo") do not make "neige" or "jaune" a drug.
        strong_cue = any(hit.entry.weight >= 2 and hit.entry.code in TRADE_CONTEXT for hit in signals.cues)
    context = bool(signals.strong or signals.jargon or priced or drug_quantity or strong_cue or valued_handoff)
    lookalikes = _by_code(signals.lookalikes) if signals.lookalikes else {}
    # Talk about drugs (news, care) names them even with ambiguous words: listed, never scored.
    talk = bool(lookalikes.keys() & DRUG_TALK)
    weak = signals.weak if context or talk else []
    illicit = bool(signals.jargon or covert or gram_price)
    counted: list[Hit] = [*signals.strong, *weak, *signals.cues, *signals.lookalikes, *named]
    counted.sort(key=lambda hit: hit.start)

    # Legal CBD: its cannabis words are not the drug, unless the trade's jargon says otherwise.
    products_hits = [*signals.strong, *weak]
    if "legal_cbd" in lookalikes and not illicit:
        products_hits = [hit for hit in products_hits if hit.entry.code not in CANNABIS]
    products = tuple(dict.fromkeys(hit.entry.code for hit in products_hits))

    score = BIAS
    strong_codes = _by_code(signals.strong) if signals.strong else {}
    if strong_codes:
        score += STRONG_PRODUCT[max(strong_codes.values())]
    elif weak and context:
        score += WEAK_PRODUCT
    if len(products) > 1:
        score += min(MORE_PRODUCTS * (len(products) - 1), MORE_PRODUCTS_CAP)
    jargon = len(signals.jargon) + covert
    if jargon:
        score += JARGON_FIRST + min(JARGON_MORE * (jargon - 1), JARGON_CAP)
    if signals.cues:
        cue_weights = _by_code(signals.cues)
        score += min(sum(CUE[weight] for weight in cue_weights.values()), CUES_CAP)
    if priced:
        score += PRICE_WITH_UNIT
    elif prices and products_hits and any(_near(price, products_hits) for price in prices):
        score += PRICED_PRODUCT
    elif prices:
        score += BARE_PRICE
    if drug_quantity:
        score += DRUG_QUANTITY
    if valued_handoff:
        score += HANDOFF_VALUE
    if payment_ids:
        score += PAYMENT_ID
    if products and "?" in text:
        score += QUESTION
    if lookalikes:
        score -= _lookalike_penalty(signals.lookalikes)
    if not products and not illicit:
        score = min(score, GATE_CEILING)

    drug_trade = score > 0
    probability = round(1 / (1 + math.exp(-score)), 3)
    categories: tuple[str, ...] = ()
    if drug_trade:
        found = _categories(signals.cues, prices, handoffs, payment_ids, text, bool(products))
        categories = tuple(sorted(found | implied))
    return Verdict(drug_trade, probability, categories, products, counted)


def _categories(
    cues: Sequence[Hit],
    prices: Sequence[Price],
    handoffs: Sequence[Handoff],
    payment_ids: int,
    text: str,
    products: bool,
) -> set[str]:
    totals: dict[str, int] = {}
    for hit in cues:
        totals[hit.entry.code] = totals.get(hit.entry.code, 0) + hit.entry.weight
    found = {code for code, total in totals.items() if total >= CATEGORY_MIN}
    if handoffs:
        found.add("handoff")
    if payment_ids:
        found.add("payment")
    # A question about a product, with no seller's words: a customer asking.
    asking = "?" in text and (products or "order" in found) and totals.get("offer", 0) < 3
    if asking:
        found.add("order")
        found.discard("offer")
    elif any(price.unit is not None for price in prices) and "logistics" not in found:
        found.add("offer")
    return found
