"""The detection pipeline: ``detect(text)`` runs every detector, cheapest first, each costly one behind a gate."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from filiere.extract.addresses import find_addresses
from filiere.extract.classify import GATE_CEILING, classify
from filiere.extract.detection import Detection, Evidence
from filiere.extract.handoffs import find_handoffs
from filiere.extract.hours import find_hours
from filiere.extract.identifiers import find_emails, find_handles, find_links, find_phones
from filiere.extract.lexicon import Hit, Lexicon, default_lexicon
from filiere.extract.normalize import fold_variants
from filiere.extract.prices import Price, find_prices
from filiere.extract.wallets import find_ibans, find_wallets
from filiere.extract.zones import find_zones

MAX_CHARS = 64 * 1024  # a longer message is read up to here (its detection says so)

# Gates: cheap looks that decide whether a costlier detector runs at all. Each starts with a
# character class, so the regex engine jumps from candidate to candidate in C.
_DIGIT = re.compile(r"\d")
_PHONE_GATE = re.compile(r"\d\d[\s.\-]?\d\d[\s.\-]?\d\d[\s.\-]?\d\d")
_LINK_GATE = re.compile(r"[a-z0-9]\.[a-z]{2}", re.IGNORECASE)
_IBAN_GATE = re.compile(r"[A-Za-z]{2}\d\d")
_LONG_GATE = re.compile(r"[A-Za-z0-9]{25}")
_HOURS_GATE = re.compile(r"\d\s?(?:h|:\d|am|pm)", re.IGNORECASE)
_SAME_LINE = 60  # how far (characters) a price looks for the product it is the price of
_NO_SCORE = round(1 / (1 + math.exp(-GATE_CEILING)), 3)  # the score of a message with nothing in it


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def _spans(items: Iterable[_Span]) -> list[tuple[int, int]]:
    return [(item.start, item.end) for item in items]


def _product_of(price: Price, products: Sequence[Hit], text: str) -> str | None:
    """The product named nearest to a price on the same line."""
    best: tuple[int, str] | None = None
    for hit in products:
        if hit.end <= price.start:
            gap = price.start - hit.end
            between = text[hit.end : price.start]
        elif hit.start >= price.end:
            gap = hit.start - price.end
            between = text[price.end : hit.start]
        else:
            gap, between = 0, ""
        if gap > _SAME_LINE or "\n" in between:
            continue
        if best is None or gap < best[0]:
            best = (gap, hit.entry.code)
    return best[1] if best else None


def detect(text: str, lexicon: Lexicon | None = None) -> Detection:
    """Read one message for what matters to a narcotics investigation, with the evidence of each finding.

    >>> d = detect("Beuh 🍀 10€ le G, livraison 7j/7")
    >>> d.drug_trade, d.products, [(p.amount, p.unit) for p in d.prices]
    (True, ('cannabis_herb',), [(10.0, 'g')])
    """
    lex = lexicon or default_lexicon()
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    hits = lex.scan(fold_variants(text), text)
    triggers: set[str] = set()
    platforms: list[Hit] = []
    places: list[Hit] = []
    units: list[tuple[int, int, str]] = []
    for hit in hits:
        kind = hit.entry.kind
        if kind == "trigger":
            triggers.add(hit.entry.code)
            if hit.entry.code == "unit":
                units.append((hit.start, hit.end, hit.entry.term))
        elif kind == "platform":
            platforms.append(hit)
        elif kind == "place":
            places.append(hit)

    has_digit = _DIGIT.search(text) is not None
    if not hits and not has_digit and "@" not in text and "." not in text:
        return _nothing(lex.version, truncated)  # most chat: nothing to read further
    phones = find_phones(text) if has_digit and _PHONE_GATE.search(text) else []
    links = find_links(text) if _LINK_GATE.search(text) else []
    emails = find_emails(text) if "@" in text else []
    handles = find_handles(text, emails) if "@" in text else []
    wallets = find_wallets(text) if _LONG_GATE.search(text) else []
    ibans = find_ibans(text) if has_digit and _IBAN_GATE.search(text) else []
    days = "hours" in triggers
    hours = find_hours(text, days) if days or (has_digit and _HOURS_GATE.search(text)) else []
    taken = _spans(phones) + _spans(ibans) + _spans(wallets) + [h.span for h in hours] + _spans(links)
    prices, quantities = find_prices(text, taken, units) if has_digit else ([], [])
    addresses = find_addresses(text) if has_digit else []
    landmarks = "place" in triggers
    zones = find_zones(text, places, taken + _spans(prices), landmarks) if has_digit or places or landmarks else []
    handoffs = find_handoffs(text, platforms, phones, handles, links) if platforms or handles or links else []

    named: list[Hit] = []
    if handles or links or handoffs:
        named = [hit for item in (*handles, *links) for hit in lex.embedded(item.value, item.start, item.end)]
        named += [
            hit
            for handoff in handoffs
            if handoff.value and not handoff.value.startswith(("+", "@", "http", "t.me"))
            for hit in lex.embedded(handoff.value, handoff.start, handoff.end)
        ]
    implied = set()
    if hours or (zones and not addresses):
        implied.add("service")
    if addresses:
        implied.add("logistics")
    verdict = classify(
        text, hits, prices, quantities, handoffs, len(wallets) + len(ibans), named[:3], frozenset(implied)
    )
    product_hits = [hit for hit in verdict.counted if hit.entry.kind == "product"]
    if prices and product_hits:
        prices = [replace(price, product=_product_of(price, product_hits, text)) for price in prices]

    evidence = [Evidence(h.start, h.end, text[h.start : h.end], h.entry.rule) for h in verdict.counted]
    if prices:
        evidence += [Evidence(p.start, p.end, text[p.start : p.end], "price") for p in prices]
    if handoffs:
        evidence += [Evidence(h.start, h.end, text[h.start : h.end], f"handoff.{h.platform}") for h in handoffs]
    if phones:
        evidence += [Evidence(f.start, f.end, text[f.start : f.end], "phone") for f in phones]
    if wallets or ibans:
        evidence += [Evidence(w.start, w.end, w.address, f"wallet.{w.currency}") for w in wallets]
        evidence += [Evidence(i.start, i.end, text[i.start : i.end], "iban") for i in ibans]
    if hours:
        evidence += [Evidence(h.span[0], h.span[1], text[h.span[0] : h.span[1]], "hours") for h in hours]
    if zones:
        evidence += [Evidence(z.start, z.end, text[z.start : z.end], f"zone.{z.kind}") for z in zones]
    if addresses:
        evidence += [Evidence(a.start, a.end, a.text, "address") for a in addresses]
    if len(evidence) > 1:
        evidence.sort()

    return Detection(
        drug_trade=verdict.drug_trade,
        score=verdict.score,
        categories=verdict.categories,
        products=verdict.products,
        prices=tuple(prices),
        handoffs=tuple(handoffs),
        phones=tuple(dict.fromkeys(f.value for f in phones)) if phones else (),
        links=tuple(dict.fromkeys(f.value for f in links)) if links else (),
        handles=tuple(dict.fromkeys(f.value for f in handles)) if handles else (),
        wallets=tuple(wallets),
        ibans=tuple(ibans),
        emails=tuple(dict.fromkeys(f.value for f in emails)) if emails else (),
        hours=tuple(hours),
        zones=tuple(zones),
        addresses=tuple(addresses),
        evidence=tuple(evidence),
        lexicon=lex.version,
        truncated=truncated,
    )


def _nothing(version: str, truncated: bool) -> Detection:
    none = ()
    return Detection(
        False, _NO_SCORE, none, none, none, none, none, none, none, none, none, none, none, none, none,
        none, version, truncated,
    )  # fmt: skip


def detect_many(texts: Iterable[str], lexicon: Lexicon | None = None) -> list[Detection]:
    """``detect`` over many messages (the lexicon is compiled once per process either way)."""
    lex = lexicon or default_lexicon()
    return [detect(text, lex) for text in texts]
