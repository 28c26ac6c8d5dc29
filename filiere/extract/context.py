"""Messages read in their conversation: "1 livré ✅", "C'est récup", "Dispo ?" say nothing alone,
but between a courier's tour and a cash drop they are the trade's logistics.

``detect`` judges a message on its own text. ``detect_conversation`` reads the messages of one
conversation in order and also calls trade a message that carries a word of the trade's routine
(a delivery, a pickup, a payment, an order, a check) when enough of the messages around it are
trade on their own text. The reason is stated in the evidence, with the count it rests on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

from filiere.extract.detection import Detection, Evidence
from filiere.extract.lexicon import Lexicon
from filiere.extract.pipeline import detect

WINDOW = 8  # messages read on each side
MIN_TRADE = 2  # messages in the window that must be trade on their own text
CONTEXT = 3.0  # log-odds a trade neighbourhood adds to a message with a word of the routine
# Cues of the trade's routine. Not "offer" or "promo" words, every shop's ("menu", "🔥"), nor "order"
# ones: an order names a product and is read alone; without one, "t'as vu ?" is just a question.
ROUTINE = frozenset({"logistics", "payment", "verification", "service", "handoff"})
_FINDINGS = {"dose": "order", "address": "logistics", "price": "payment"}


def _routine(found: Detection) -> set[str]:
    """The categories a message's own words point to, however weakly; empty if a look-alike is named."""
    codes: set[str] = set()
    for item in found.evidence:
        rule = item.rule
        if rule.startswith("lookalike."):
            return set()
        if rule.startswith("cue."):
            code = rule[4 : rule.index(" ")] if " " in rule else rule[4:]
            if code in ROUTINE:
                codes.add(code)
        elif rule in _FINDINGS:
            codes.add(_FINDINGS[rule])
    return codes


def _logit(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return math.log(probability / (1 - probability))


def could_revise(found: Detection) -> tuple[str, ...]:
    """The categories ``found`` would take among trade neighbours: empty if it is trade on its own,
    names no word of the routine (or a look-alike), or would stay unlikely even so."""
    if found.drug_trade:
        return ()
    codes = _routine(found)
    if not codes or _in_trade(found.score) <= 0.5:
        return ()
    return tuple(sorted(codes))


def _in_trade(score: float) -> float:
    return 1 / (1 + math.exp(-(_logit(score) + CONTEXT)))


def revise(found: Detection, codes: tuple[str, ...], around: int, neighbours: int) -> Detection:
    """``found`` read as trade because ``around`` of its ``neighbours`` are (``codes`` from ``could_revise``)."""
    reason = Evidence(0, 0, "", f"context ({around} of the {neighbours} messages around are trade)")
    # Built directly: ``dataclasses.replace`` costs several times more, and couriers' chats
    # revise hundreds of thousands of messages in a large case.
    return Detection(
        True, round(_in_trade(found.score), 3), codes, found.products, found.prices, found.handoffs, found.phones,
        found.links, found.handles, found.wallets, found.ibans, found.emails, found.hours, found.zones,
        found.addresses, (reason, *found.evidence), found.lexicon, found.truncated,
    )  # fmt: skip


def neighbourhoods(
    trade: Sequence[bool], indexes: Iterable[int], window: int = WINDOW, min_trade: int = MIN_TRADE
) -> Iterator[tuple[int, int, int]]:
    """``(index, trade neighbours, neighbours)`` of each of ``indexes`` with at least ``min_trade``
    trade messages among the ``window`` on each side (``trade``: each message's own verdict, in order).

    >>> list(neighbourhoods([True, False, True, False, False], [1, 3, 4], window=2, min_trade=1))
    [(1, 2, 3), (3, 1, 3), (4, 1, 2)]
    """
    prefix = [0]
    for is_trade in trade:
        prefix.append(prefix[-1] + is_trade)
    for index in indexes:
        low, high = max(0, index - window), min(len(trade), index + window + 1)
        around = prefix[high] - prefix[low] - trade[index]
        if around >= min_trade:
            yield index, around, high - low - 1


def in_context(found: Sequence[Detection], window: int = WINDOW, min_trade: int = MIN_TRADE) -> list[Detection]:
    """The detections of one conversation's messages (in order), revised by their neighbours.

    A message not trade on its own becomes trade when it names a category of the routine and at
    least ``min_trade`` of the ``window`` messages on each side are trade on their own text; its
    categories are those its words point to. Others are returned unchanged (the same objects).
    """
    trade = [item.drug_trade for item in found]
    revised = list(found)
    candidates = (index for index, is_trade in enumerate(trade) if not is_trade)
    for index, around, neighbours in neighbourhoods(trade, candidates, window, min_trade):
        codes = could_revise(found[index])
        if codes:
            revised[index] = revise(found[index], codes, around, neighbours)
    return revised


def detect_conversation(texts: Sequence[str], lexicon: Lexicon | None = None) -> list[Detection]:
    """``detect`` over the messages of one conversation, in order, then ``in_context``."""
    return in_context([detect(text, lexicon) for text in texts])
