"""What a trade message does (offer, promo, service, handoff, order, logistics, verification,
payment): each category by the summed weight of its cues, then by the combinations read in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from filiere.extract.doses import Dose
from filiere.extract.lexicon import Hit

CATEGORY_MIN = 2  # summed cue weight a category needs to be reported
ASKED = 2  # summed weight of a buyer's words ("je veux", "need", "svp") that make an order
SELLERS_QUESTION = 2  # offer words this strong turn a question into a seller's ("Qui veut du proto ?")
# A seller's messages even when they name a product and an order: vetting, promotions.
SELLERS = frozenset({"verification", "promo"})


@dataclass(frozen=True, slots=True)
class Findings:
    """What the other detectors found that tells a category: prices (``priced``: one with its unit),
    hand-offs, payment identifiers, doses, how many products are named (``listed``: named in words,
    not only by emoji), the categories other detectors imply (hours: service, addresses: logistics)
    and whether a price is a multi-buy."""

    priced: bool
    prices: bool
    handoffs: bool
    payment_ids: int
    doses: Sequence[Dose]
    products: int
    listed: int
    implied: frozenset[str]
    multibuy: bool = False  # a multi-buy price ("3 for 25", "100 les 2"): a promotion


def categories(cues: Sequence[Hit], text: str, found_by: Findings) -> set[str]:
    """Categories of a trade message from its ``cues`` and what the detectors found.

    The combinations: a product asked for ("?", "stp", "je veux") is an order, and the address in
    it is the buyer's own; a dose with a pickup or stock word is a courier's message; a product
    with a price, an availability word or beside other products named in words is an offer,
    unless a courier or a buyer writes it; emoji alone decorate ("🍀❄️"), they list nothing.
    Jargon that names the trade ("🔌", "pochon", "la frappe") says who writes, not that something
    is offered.
    """
    totals: dict[str, int] = {}
    doses = found_by.doses
    in_doses = {at for dose in doses for at in range(dose.start, dose.end)} if doses else None
    for hit in cues:
        if in_doses and hit.start in in_doses:
            continue  # "3 pochons" in an order or a round is a quantity, not a seller's word
        code = hit.entry.code
        if code == "offer" and hit.entry.jargon:
            continue
        totals[code] = totals.get(code, 0) + hit.entry.weight
    found = {code for code, total in totals.items() if total >= CATEGORY_MIN}
    if found_by.handoffs:
        found.add("handoff")
    if found_by.payment_ids:
        found.add("payment")
    named = bool(found_by.products or doses)
    offer = totals.get("offer", 0)
    asked_for = totals.get("order", 0)
    asked = "?" in text or asked_for >= ASKED or bool(doses and asked_for)  # "2g de weed stp"
    if named and asked and offer < SELLERS_QUESTION and "logistics" not in found and not SELLERS & found:
        found.add("order")
        found.discard("offer")
        found.discard("service")  # "livré à Nanterre" is part of the order, not an advertised service
        return found | (found_by.implied - {"logistics", "service"})  # the place in an order is the buyer's
    found.discard("order")  # "commande", "cmd" in a seller's message: the customers' orders
    found |= found_by.implied
    if named and "logistics" in totals and not offer:
        found.add("logistics")  # a dose with a pickup, stock or drop word: a courier's message
    if "logistics" in found:
        found.discard("service")
        if offer < 3:
            found.discard("offer")
    elif found_by.priced or (named and (found_by.prices or offer or found_by.listed > 1)):
        found.add("offer")
    if found_by.multibuy and "offer" in found:
        found.add("promo")  # a seller's multi-buy ("3 for 25", "100 les 2"); a buyer's is an order
    return found
