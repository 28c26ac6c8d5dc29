"""What a trade message does (offer, promo, service, handoff, order, logistics, verification,
payment): each category by the summed weight of its cues, then by the combinations read in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from filiere.extract.doses import Dose
from filiere.extract.lexicon import Hit

CATEGORY_MIN = 2  # summed cue weight a category needs to be reported


def categories(
    cues: Sequence[Hit],
    priced: bool,
    handoffs: bool,
    payment_ids: int,
    text: str,
    doses: Sequence[Dose],
    named: bool,
    implied: frozenset[str],
) -> set[str]:
    """Categories of a trade message from its ``cues``, whether a price with its unit (``priced``)
    or a hand-off is written, its payment identifiers, doses, whether it names a product or a dose
    (``named``) and the categories other detectors imply (hours: service, addresses: logistics).

    The combinations: "?" or "stp" with a product is an order, and the address in it is the
    buyer's own; a dose with a pickup or stock word is a courier's message; a price with its
    unit is an offer unless a courier or a buyer writes it.
    """
    totals: dict[str, int] = {}
    in_doses = {at for dose in doses for at in range(dose.start, dose.end)} if doses else None
    for hit in cues:
        if in_doses and hit.start in in_doses:
            continue  # "3 pochons" in an order or a round is a quantity, not a seller's word
        totals[hit.entry.code] = totals.get(hit.entry.code, 0) + hit.entry.weight
    found = {code for code, total in totals.items() if total >= CATEGORY_MIN}
    if handoffs:
        found.add("handoff")
    if payment_ids:
        found.add("payment")
    offer = totals.get("offer", 0)
    # A product asked for ("?", "stp", "je veux") without a seller's words: a customer ordering.
    if named and ("?" in text or "order" in totals) and offer < 3 and "logistics" not in found:
        found.add("order")
        found.discard("offer")
        found.discard("service")  # "livré à Nanterre" is part of the order, not an advertised service
        return found | (implied - {"logistics", "service"})  # the place in an order is the buyer's
    found |= implied
    if named and "logistics" in totals and not offer:
        found.add("logistics")  # a dose with a pickup, stock or drop word: a courier's message
    if "logistics" in found:
        found.discard("service")
        if offer < 3:
            found.discard("offer")
    elif priced:
        found.add("offer")
    return found
