"""The detection pipeline: ``detect(text)`` runs every detector, cheapest first, each costly one behind
a gate, and keeps the detections of short texts in a per-process cache (reposted menus repeat)."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from filiere.extract import learned_categories
from filiere.extract.addresses import Address, find_addresses
from filiere.extract.classify import BIAS, classify
from filiere.extract.detection import Detection, Evidence
from filiere.extract.doses import Dose
from filiere.extract.figures import Number, read_numbers
from filiere.extract.gazetteer import currency_of_places
from filiere.extract.handoffs import Handoff, find_handoffs
from filiere.extract.hours import find_hours
from filiere.extract.identifiers import Found, find_cashtags, find_emails, find_handles, find_links, find_phones
from filiere.extract.learned import MAX_CHARS as LEARNED_CHARS
from filiere.extract.learned import current_model
from filiere.extract.lexicon import Hit, Lexicon, default_lexicon
from filiere.extract.normalize import fold_variants
from filiere.extract.prescan import AT, DIGIT, HOURS, IBAN, LINK, LONG, PHONE, REPEAT, SPACED, STREET, prescan
from filiere.extract.prices import Price, prices_of
from filiere.extract.towns import american_address, may_name_a_town
from filiere.extract.units import OTHER_DOLLARS, dollars_unnamed
from filiere.extract.wallets import find_ibans, find_wallets
from filiere.extract.zones import Zone, find_arrondissements, find_zones, roman_ordinal_in

MAX_CHARS = 64 * 1024  # a longer message is read up to here (its detection says so)
CACHE_SIZE = 8192  # detections kept per process, by text: at most ~60 MB even if all are long menus
CACHE_CHARS = 2048  # longer texts are not kept: rarely repeated, and they would fill memory

# Gates: cheap looks that decide whether a costlier detector runs at all. ``prescan`` answers
# most of them in one pass; these two it answers loosely, so they are checked behind its flag.
# Each starts with a digit, so the regex engine jumps from candidate to candidate in C.
_PHONE_GATE = re.compile(
    r"\d\d[\s.\-]?\d\d[\s.\-]?\d\d[\s.\-]?\d\d|\d{3}[\s.\-]\d{4}|\d{5}[\s.\-]?\d{3}[\s.\-]?\d{3}|\d{4}[\s.\-]\d{3}[\s.\-]\d{3}"
)
_HOURS_GATE = re.compile(r"\d\s?(?:h|:\d|am|pm)", re.IGNORECASE)
# Canada's bank transfer, named by those who pay in Canadian dollars ("$10 a gram … E-transfer").
_CANADIAN_TRANSFER = re.compile(r"\b(?:e-?transfers?|interac)\b", re.IGNORECASE)
_SAME_LINE = 60  # how far (characters) a price looks for the product it is the price of
# Between a price and the product it names: "70 le G de coke", "10€ la beuh", "£20 of white", "70€ (coke)".
_NAMES_IT = re.compile(r" ?\(?(?:(?:de|d'|d’|of|la|le|les|l'|the|du|des) ?)?", re.IGNORECASE)
_NO_SCORE = round(1 / (1 + math.exp(-BIAS)), 3)  # the score of a message with nothing in it
_NO_IMPLIED: frozenset[str] = frozenset()
# What the categories' layer never removes: a tour of street addresses is logistics (opening hours
# and areas it may remove: a promotion's "de 18h à 20h" is no service).
_STRUCTURAL = frozenset({"logistics"})
# Evidence items are built as plain tuples of their class: a NamedTuple's own ``__new__`` is a
# Python-level call, and a trade message has a dozen of them.
_ev = tuple.__new__


def _product_of(price: Price, products: Sequence[Hit], text: str, starts: list[int], longest: int) -> str | None:
    """The product a price is the price of, on its line: the one it names ("70 le G de coke", "10€
    la beuh"), else the one it follows in a menu ("Beuh 10€ le G, 3G 25€, shit 6€"), else the
    nearest after it. ``products`` are sorted by start (``starts``; ``longest``: the longest hit):
    only those within a line's reach of the price are looked at."""
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    low = bisect.bisect_left(starts, price.start - _SAME_LINE - longest)
    high = bisect.bisect_right(starts, price.end + _SAME_LINE)
    for hit in products[low:high]:
        if hit.start < price.end and price.start < hit.end:
            return hit.entry.code
        if hit.end <= price.start:
            between = text[hit.end : price.start]
            if len(between) <= _SAME_LINE and "\n" not in between and (before is None or len(between) < before[0]):
                before = (len(between), hit.entry.code)
        else:
            between = text[price.end : hit.start]
            if _NAMES_IT.fullmatch(between) is not None:
                return hit.entry.code
            if len(between) <= _SAME_LINE and "\n" not in between and (after is None or len(between) < after[0]):
                after = (len(between), hit.entry.code)
    chosen = before or after
    return chosen[1] if chosen else None


def detect(text: str, lexicon: Lexicon | None = None, *, cache: bool = True, learned: bool = True) -> Detection:
    """Read one message for what matters to a narcotics investigation, with the evidence of each finding.

    Detections of texts up to ``CACHE_CHARS`` long are kept in a per-process LRU cache of
    ``CACHE_SIZE`` entries (channels repost the same menu thousands of times): a repeated text
    returns the same ``Detection`` object, so treat it as a value. ``cache=False`` reads afresh;
    ``learned=False`` leaves the learned layer out (the rules alone, to compare).

    >>> d = detect("Beuh 🍀 10€ le G, livraison 7j/7")
    >>> d.drug_trade, d.products, [(p.amount, p.unit) for p in d.prices]
    (True, ('cannabis_herb',), [(10.0, 'g')])
    """
    lex = lexicon or default_lexicon()
    if cache and len(text) <= CACHE_CHARS:
        return _cached(text, lex, learned)
    return _detect(text, lex, learned)


def _detect(text: str, lex: Lexicon, learned: bool = True) -> Detection:
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    folded, gates = prescan(text)
    has_digit = bool(gates & DIGIT)
    hits = lex.scan(fold_variants(text, folded, bool(gates & SPACED), bool(gates & REPEAT)), text, has_digit)
    if not hits and not gates & (DIGIT | AT | LINK | LONG):
        return _nothing(lex.version, truncated)  # most chat: nothing to read further
    triggers: set[str] = set()
    platforms: list[Hit] = []
    places: list[Hit] = []
    units: list[tuple[int, int, str]] = []
    goods: set[tuple[int, int]] = set()  # the spans of the product words, which a bare amount may price
    for hit in hits:
        kind = hit.entry.kind
        if kind == "product":
            goods.add((hit.start, hit.end))
        elif kind == "trigger":
            triggers.add(hit.entry.code)
            if hit.entry.code == "unit":
                units.append((hit.start, hit.end, hit.entry.term))
        elif kind == "platform":
            platforms.append(hit)
        elif kind == "place":
            places.append(hit)

    at = bool(gates & AT)
    phones = find_phones(text) if gates & PHONE and _PHONE_GATE.search(text) else []
    links = find_links(text) if gates & LINK else []
    emails = find_emails(text) if at else []
    handles = find_handles(text, emails) if at else []
    if "cashtag" in triggers:  # "Cash App $hazeplug": the account paid, an identifier like a handle
        handles = sorted([*handles, *find_cashtags(text)])
    wallets = find_wallets(text) if gates & LONG else []
    ibans = find_ibans(text) if gates & IBAN else []
    days = "hours" in triggers
    hours = find_hours(text, days) if days or (gates & HOURS and _HOURS_GATE.search(text)) else []
    taken: list[tuple[int, int]] = []
    if phones or links:
        taken += [(found.start, found.end) for found in (*phones, *links)]
    if ibans or wallets:
        taken += [(iban.start, iban.end) for iban in ibans] + [(wallet.start, wallet.end) for wallet in wallets]
    if hours:
        taken += [h.span for h in hours]
    # "Paris 11e, 12e": arrondissements, and the numbers of street addresses ("au 12 rue des Lilas
    # 93200"), read before the prices that would take "11e" for euros and 93200 for an amount.
    arrondissements = find_arrondissements(text, places, gates, taken) if has_digit or roman_ordinal_in(text) else []
    if arrondissements:
        taken += [(z.start, z.end) for z in arrondissements]
    addresses = find_addresses(text) if gates & STREET else []
    address_spans = [(a.start, a.end) for a in addresses] if addresses else []
    if addresses:
        taken += address_spans
    numbers = read_numbers(text, taken, units) if has_digit else []
    prices = prices_of(text, numbers, goods) if numbers else []
    handoffs = find_handoffs(text, platforms, phones, handles, links) if platforms or handles or links else []
    landmarks = "place" in triggers
    if has_digit or places or landmarks or may_name_a_town(text):
        spans = taken + [(p.start, p.end) for p in prices] if prices else taken
        if handles or handoffs:  # "@centrale_lyon", "snap: plug.lyon69": an account's name, not a place
            spans = spans + [(h.start, h.end) for h in handles] + _account_names(text, handoffs)
        zones = find_zones(text, places, spans, landmarks, gates, arrondissements, addresses, hits)
    else:
        zones = []
    if prices and (zones or phones):
        currency = _currency_told(text, hits, numbers, prices, zones, phones, places, addresses)
        if currency is not None:
            prices = [_with_product(price, price.product, currency) for price in prices]

    named: list[Hit] = []
    if handles or links or handoffs:
        named = [hit for item in (*handles, *links) for hit in lex.embedded(item.value, item.start, item.end)]
        named += [
            hit
            for handoff in handoffs
            if handoff.value and not handoff.value.startswith(("+", "@", "http", "t.me"))
            for hit in lex.embedded(handoff.value, handoff.start, handoff.end)
        ]
    implied: frozenset[str] = _NO_IMPLIED
    if hours or zones or addresses:
        # Opening hours and delivery areas are a service; days alone ("ce week-end") and a meeting
        # point ("porte de la Chapelle", "bât B") are not; an address is a courier's round.
        served = any(h.start or h.end for h in hours) or (not addresses and any(z.kind != "place" for z in zones))
        implied = frozenset((["service"] if served else []) + (["logistics"] if addresses else []))
    payment_ids = len(wallets) + len(ibans)
    model = current_model() if learned and len(text) <= LEARNED_CHARS else None
    probability = model.probability(folded) if model is not None else None
    verdict = classify(
        text, hits, prices, numbers, handoffs, payment_ids, named[:3], implied, address_spans, probability
    )
    if prices:
        # Only products the verdict names: "poudre blanche" beside "lessive" prices no cocaine.
        product_hits = [h for h in verdict.counted if h.entry.kind == "product" and h.entry.code in verdict.products]
        if product_hits:
            starts = [hit.start for hit in product_hits]
            longest = max(hit.end - hit.start for hit in product_hits)
            prices = [_with_product(p, _product_of(p, product_hits, text, starts, longest)) for p in prices]

    evidence = _evidence(text, verdict.counted, verdict.doses, prices, handoffs, phones)
    if verdict.overruled and model is not None:
        evidence += model.explain(folded, text, verdict.drug_trade)
    categories = verdict.categories
    version = f"{lex.version}+{model.version}" if model is not None else lex.version
    if verdict.drug_trade and model is not None:
        # What the trade message does, as the categories' learned layer revises the rules' reading.
        sorter = learned_categories.current_model()
        categories, because = sorter.revise(categories, folded, text, implied & _STRUCTURAL)
        evidence += because
        version = f"{version}+{sorter.version}"
    if wallets or ibans:
        evidence += [_ev(Evidence, (w.start, w.end, w.address, f"wallet.{w.currency}")) for w in wallets]
        evidence += [_ev(Evidence, (i.start, i.end, text[i.start : i.end], "iban")) for i in ibans]
    if hours:
        evidence += [_ev(Evidence, (h.span[0], h.span[1], text[h.span[0] : h.span[1]], "hours")) for h in hours]
    if zones:
        evidence += [_ev(Evidence, (z.start, z.end, text[z.start : z.end], f"zone.{z.kind}")) for z in zones]
    if addresses:
        evidence += [_ev(Evidence, (a.start, a.end, a.text, "address")) for a in addresses]
    if len(evidence) > 1:
        evidence.sort()

    return Detection(
        verdict.drug_trade,
        verdict.score,
        categories,
        verdict.products,
        tuple(prices),
        tuple(handoffs),
        tuple(dict.fromkeys(f.value for f in phones)) if phones else (),
        tuple(dict.fromkeys(f.value for f in links)) if links else (),
        tuple(dict.fromkeys(f.value for f in handles)) if handles else (),
        tuple(wallets),
        tuple(ibans),
        tuple(dict.fromkeys(f.value for f in emails)) if emails else (),
        tuple(hours),
        _distinct(zones),
        tuple(addresses),
        tuple(evidence),
        version,
        truncated,
    )


_cached = lru_cache(maxsize=CACHE_SIZE)(_detect)


def clear_cache() -> None:
    """Forget every cached detection (to measure, or after swapping lexicon files in place)."""
    _cached.cache_clear()


def _evidence(
    text: str,
    counted: Sequence[Hit],
    doses: Sequence[Dose],
    prices: Sequence[Price],
    handoffs: Sequence[Handoff],
    phones: Sequence[Found],
) -> list[Evidence]:
    """The evidence of the words that counted and of the findings the score rests on."""
    evidence = [_ev(Evidence, (h.start, h.end, text[h.start : h.end], h.entry.rule)) for h in counted]
    if prices:
        evidence += [_ev(Evidence, (p.start, p.end, text[p.start : p.end], "price")) for p in prices]
    if doses:
        evidence += [_ev(Evidence, (d.start, d.end, text[d.start : d.end], "dose")) for d in doses]
    if handoffs:
        evidence += [_ev(Evidence, (h.start, h.end, text[h.start : h.end], f"handoff.{h.platform}")) for h in handoffs]
    if phones:
        evidence += [_ev(Evidence, (f.start, f.end, text[f.start : f.end], "phone")) for f in phones]
    return evidence


def _account_names(text: str, handoffs: Sequence[Handoff]) -> list[tuple[int, int]]:
    """The spans of the account names written after a platform ("snap: plug.lyon69")."""
    spans = []
    for handoff in handoffs:
        value = handoff.value
        if value and text.endswith(value, 0, handoff.end):
            spans.append((handoff.end - len(value), handoff.end))
    return spans


def _currency_told(
    text: str,
    hits: Sequence[Hit],
    numbers: Sequence[Number],
    prices: Sequence[Price],
    zones: Sequence[Zone],
    phones: Sequence[Found],
    places: Sequence[Hit],
    addresses: Sequence[Address],
) -> str | None:
    """The currency the places and phone numbers of a message tell for its prices, where they
    tell one: in an English message with no currency written ("10 a g, come thru Brixton",
    "B n W 3 for 25 … 07700 900245": pounds; not in French, where strain names such as "London
    Pound Cake" and foreign numbers are common and euros the rule), and for a bare "$" in Canada,
    Australia or New Zealand, in French too ("Montréal … Pot 8$ le gramme"), unless a town is
    followed by an American state ("Melbourne, FL")."""
    called = [phone.value for phone in phones]
    if not addresses and not any(number.currency for number in numbers):
        langs = {hit.entry.lang for hit in hits}
        return currency_of_places(zones, called, places) if "en" in langs and "fr" not in langs else None
    if not dollars_unnamed(text, [price.currency for price in prices]) or american_address(text, zones):
        return None
    currency = currency_of_places(zones, called, places)
    if currency is None and _CANADIAN_TRANSFER.search(text) is not None:
        return "CAD"  # "e-transfer or cash": Interac, Canada's bank transfer, where no place says otherwise
    return currency if currency in OTHER_DOLLARS else None


def _distinct(zones: Sequence[Zone]) -> tuple[Zone, ...]:
    """Each zone once ("MENU LYON … Lyon + Villeurbanne": Lyon once); the evidence keeps every mention."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for zone in zones:
        if (zone.kind, zone.value) not in seen:
            seen.add((zone.kind, zone.value))
            kept.append(zone)
    return tuple(kept)


def _with_product(price: Price, product: str | None, currency: str | None = None) -> Price:
    # Direct construction: dataclasses.replace costs several times more, once per price.
    currency = currency or price.currency
    return Price(price.amount, currency, price.quantity, price.unit, product, price.start, price.end, price.stated)


def _nothing(version: str, truncated: bool) -> Detection:
    none = ()
    return Detection(
        False, _NO_SCORE, none, none, none, none, none, none, none, none, none, none, none, none, none,
        none, version, truncated,
    )  # fmt: skip


def detect_many(
    texts: Iterable[str], lexicon: Lexicon | None = None, *, cache: bool = True, learned: bool = True
) -> list[Detection]:
    """``detect`` over many messages (the lexicon is compiled once per process either way)."""
    lex = lexicon or default_lexicon()
    return [detect(text, lex, cache=cache, learned=learned) for text in texts]
