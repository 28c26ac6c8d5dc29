"""Trade read in conversations: buyers' orders, dispatchers' tours, couriers' rounds, vetting.

The rule under test: a quantity of a product (by name, slang or emoji) with an address, a
delivery word or a request is trade, and so is vetting before an order; the same words about
flour, parcels, a bank or a friend's party are not.
"""

from __future__ import annotations

import pytest

from filiere.extract import detect

TOUR = "Tournée :\n1) 95 rue de Paris, 93230 Romainville – 3g 🍫\n2) 94 rue des Jardins, 94200 Ivry – 2g ❄️"


@pytest.mark.parametrize(
    ("text", "categories", "products"),
    [
        ("Salut ! 1g de beuh stp", {"order"}, {"cannabis_herb"}),
        ("wsh t'aurais un 20 de jaune pour ce soir ?", {"order"}, {"cannabis_resin"}),
        ("need 2 baggies of the white pls", {"order"}, {"cocaine"}),
        (TOUR, {"logistics"}, {"cannabis_resin", "cocaine"}),
        ("Drops: 1) 22 Baker Street 2g 🍀 2) 9 Mill Lane 1g ❄️, cash only", None, {"cannabis_herb", "cocaine"}),
        ("Récup à 14h03 chez la nourrice, 29 rue Voltaire", {"logistics"}, set()),
        ("les keufs tournent vers la gare, on coupe", {"logistics"}, set()),
        ("Il me reste 3 pochons de verte et 2g de C", {"logistics"}, {"cannabis_herb", "cocaine"}),
        ("Bienvenue. Envoie ta commande et ton adresse, et un vocal pour la vérif", {"verification"}, set()),
        ("Pas de commande sans vocal, on vérifie tout le monde", {"verification"}, set()),
        ("🎁 PROMO : 1 acheté = 1 offert sur la CC ❄️ ce week-end", None, {"cocaine"}),
    ],
)
def test_conversation_trade(text: str, categories: set[str] | None, products: set[str]) -> None:
    found = detect(text)
    assert found.drug_trade, found.evidence
    assert set(found.products) == products
    if categories is not None:
        assert categories <= set(found.categories), found.categories


@pytest.mark.parametrize(
    "text",
    [
        "Il me faut 500 g de farine et 2 œufs stp",
        "Je prends 2 g de safran pour la paella stp",
        "Tournée de livraison : 1) 3 rue Hoche - 2 cartons d'eau 2) 12 av. Foch - 1 pack de lait",
        "Votre colis sera livré demain entre 8h et 13h au 5 rue des Lilas",
        "Selfie avec ta carte d'identité pour valider ton compte bancaire en ligne",
        "Envoie-moi ton adresse pour l'anniv, je t'envoie l'invitation",
        "T'es dispo ce soir pour un ciné ?",
        "Can you grab 2 bags of ice and some limes for the party?",
        "Mon neveu a mangé du chocolat 🍫 svp",
        "Il neige ❄️ promo ski -20%",
        "On recrute des livreurs à scooter, payé 4€ la course + bonus",
        "pas de 4g ici, je t'appelle quand je suis en bas",
    ],
)
def test_same_words_elsewhere_are_not_trade(text: str) -> None:
    found = detect(text)
    assert not found.drug_trade, found.evidence


def test_a_dose_is_evidence() -> None:
    found = detect("Salut ! 1g de beuh stp")
    doses = [item.text for item in found.evidence if item.rule == "dose"]
    assert doses == ["1g de beuh"]


def test_street_names_are_not_words_of_the_message() -> None:
    # "Jardins" would be a garden look-alike, "Blanche" cocaine: inside an address they are names.
    found = detect(TOUR)
    assert not any(item.rule.startswith("lookalike.") for item in found.evidence)
    assert detect("Livré au 3 rue Blanche, 75009 Paris").products == ()


def test_buyer_address_is_not_logistics_of_an_order() -> None:
    found = detect("1g de ❄️ et 2g de 🍀 svp, je suis au 12 rue Carnot")
    assert found.categories == ("order",)
    assert [a.street for a in found.addresses] == ["rue Carnot"]
