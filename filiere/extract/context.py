"""Messages read in their conversation: "1 livré ✅", "C'est récup", "Dispo ?" say nothing alone,
but between a courier's tour and a cash drop they are the trade's logistics.

``detect`` judges a message on its own text. ``detect_conversation`` reads the messages of one
conversation in order and also calls trade a message that carries a word of the trade's routine
(a delivery, a pickup, a payment, an order, a check) when enough of the messages around it are
trade on their own text. The reason is stated in the evidence, with the count it rests on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

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


def in_context(found: Sequence[Detection], window: int = WINDOW, min_trade: int = MIN_TRADE) -> list[Detection]:
    """The detections of one conversation's messages (in order), revised by their neighbours.

    A message not trade on its own becomes trade when it names a category of the routine and at
    least ``min_trade`` of the ``window`` messages on each side are trade on their own text; its
    categories are those its words point to. Others are returned unchanged (the same objects).
    """
    alone = [item.drug_trade for item in found]
    prefix = [0]
    for is_trade in alone:
        prefix.append(prefix[-1] + is_trade)
    revised = list(found)
    for index, item in enumerate(found):
        if item.drug_trade:
            continue
        low, high = max(0, index - window), min(len(found), index + window + 1)
        around = prefix[high] - prefix[low]
        if around < min_trade:
            continue
        codes = _routine(item)
        if not codes:
            continue
        score = 1 / (1 + math.exp(-(_logit(item.score) + CONTEXT)))
        if score <= 0.5:
            continue
        reason = Evidence(0, 0, "", f"context ({around} of the {high - low - 1} messages around are trade)")
        # Built directly: ``dataclasses.replace`` costs several times more, and couriers' chats
        # revise hundreds of thousands of messages in a large case.
        revised[index] = Detection(
            True, round(score, 3), tuple(sorted(codes)), item.products, item.prices, item.handoffs, item.phones,
            item.links, item.handles, item.wallets, item.ibans, item.emails, item.hours, item.zones, item.addresses,
            (reason, *item.evidence), item.lexicon, item.truncated,
        )  # fmt: skip
    return revised


def detect_conversation(texts: Sequence[str], lexicon: Lexicon | None = None) -> list[Detection]:
    """``detect`` over the messages of one conversation, in order, then ``in_context``."""
    return in_context([detect(text, lexicon) for text in texts])
