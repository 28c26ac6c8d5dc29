"""What a trade message does, each combination on a message of the kind that taught it."""

from __future__ import annotations

import pytest

from filiere.extract import detect


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        # Jargon names the trade; it offers nothing by itself.
        ("🔌 Ancien num grillé, nouveau num : 06 39 98 45 67, ajoutez-moi sur Signal", {"handoff"}),
        # A product with its price, each or by the piece, is on offer.
        ("Xanax 2mg en barrettes 5€ la pièce, Rivotril aussi", {"offer"}),
        ("molly caps 20 each, xan bars 5 a bar", {"offer"}),
        # A meeting point is where it is sold, not a delivery area.
        ("Crack : le caillou 15€, dispo porte de la Chapelle tous les soirs", {"offer"}),
        # Promotions and vetting are the seller's words, whatever they say of orders.
        ("🎁 Carte fidélité : 10 commandes = 1 pochon de beuh offert", {"promo"}),
        # A dose with a word of asking is an order.
        ("Salut, 2g de weed stp", {"order"}),
    ],
)
def test_categories(text: str, categories: set[str]) -> None:
    found = detect(text, cache=False)
    assert found.drug_trade
    assert set(found.categories) == categories


def test_a_sellers_question_is_an_offer_not_an_order() -> None:
    found = detect("Qui veut du proto pour ce soir ? 25 la bonbonne, livré", cache=False)
    assert "order" not in found.categories
    assert "offer" in found.categories
