"""Neighbourhoods named in lists (``filiere/extract/quarters.py``), read through ``detect``."""

from __future__ import annotations

import pytest

from filiere.extract import detect


def _zones(text: str) -> list[tuple[str, str]]:
    return [(zone.kind, zone.value) for zone in detect(text, cache=False).zones]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a town and a colon.
        (
            "Cardiff: Splott, Adamsdown, Grangetown. 20 a g",
            [("city", "Cardiff"), ("commune", "Splott"), ("commune", "Adamsdown"), ("commune", "Grangetown")],
        ),
        # After a word of delivery, in a list that names a town the gazetteer knows.
        (
            "🍀 Northside drops: Cabra, Phibsborough, Drumcondra\n🌿 Weed €20 a bag",
            [("commune", "Cabra"), ("commune", "Phibsborough"), ("commune", "Drumcondra")],
        ),
        (
            "Same menu, same areas (Brixton, Stockwell, Clapham).",
            [("commune", "Brixton"), ("commune", "Stockwell"), ("commune", "Clapham")],
        ),
        (
            "10e le pochon, livraison Saint-Denis, Le Port et Saint-Paul",
            [("commune", "Saint-Denis"), ("commune", "Le Port"), ("commune", "Saint-Paul")],
        ),
        # After a town and a sign.
        (
            "Nouveau sur Grenoble ✅ Villeneuve, Mistral, Teisseire. Filtré 6€ le g",
            [("commune", "Grenoble"), ("commune", "Villeneuve"), ("commune", "Mistral"), ("commune", "Teisseire")],
        ),
        # Anywhere, a list of places half of which are known towns, two at least.
        (
            "🥦 Zkittlez £10/g\n📍 Brixton, Stockwell, Clapham, Peckham\n🕐 12pm-3am",
            [("commune", "Brixton"), ("commune", "Stockwell"), ("commune", "Clapham"), ("commune", "Peckham")],
        ),
    ],
)
def test_neighbourhoods_listed_with_a_town(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tournée de ce soir : 19h Bondy (2 clients), 20h30 Noisy-le-Sec, 22h Romainville. Tu encaisses 420€",
            [("commune", "Bondy"), ("commune", "Noisy-le-Sec"), ("commune", "Romainville")],
        ),
        (
            "Tonight's run: Handsworth 6-8, Aston 8-10, Erdington after 10. Bring back £560",
            [("commune", "Handsworth"), ("commune", "Aston"), ("commune", "Erdington")],
        ),
        (
            "Tournée : Guillotière à 20h, Croix-Rousse à 21h, Villeurbanne à 22h. Prends 20 barrettes",
            [("commune", "Guillotière"), ("commune", "Croix-Rousse"), ("commune", "Villeurbanne")],
        ),
    ],
)
def test_a_couriers_tour_names_each_stop_with_its_time(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Livraison à domicile : Déjeuner 12h-14h, Dîner 19h-22h, Brunch 11h-15h",  # a timetable
        "Delivery route today: Warehouse 8am, Depot 10am, Loading 12pm",  # no town: no tour's stops
        "Service alert: Route 9 buses skip stops from 9pm-5am, Jan 12-14, Feb 2-3",  # dates
        "Tournée : Amnesia 14h-16h, Gelato 16h-18h à Lyon",  # the lexicon's words
        "Planning de la semaine à Lyon : Piscine 10h, Judo 14h, Solfège 17h30",  # no town among the stops
        "TV tonight: Eastenders 7:30pm, Coronation Street 8pm, Newsnight 10:30pm. Long route to work tomorrow",
        "Bus route 42: Gare Routière 7h10, Mairie 7h25, Hôpital 7h40, Lycée 7h55",
    ],
)
def test_timetables_that_are_no_tour(text: str) -> None:
    assert all(kind != "commune" for kind, _ in _zones(text)), _zones(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ket €30 a g. Drops Salthill, Knocknacarra. 9pm-4am",  # no name known: maybe no places at all
        "Livraison Rapide et Discrète, 10 le g",  # words of service
        "Lille: Amnesia, Gelato. 10e le g",  # a menu of the lexicon's words
        "Paris : Lundi, Mardi, Jeudi. 20h-2h",  # days
        "New drop: Pink Kush 3.5g $38",  # a colon after a word that is no word of place
        "drops: Nike, Adidas, Puma 10 a g",  # fewer than half of the names are towns
        "Drops London, Sour Diesel, Cheese 10 a g",
        "Zones Lyon, Nord, Sud, Est, Ouest 10€",
        "Livraison Paris, Bon Appétit 10€",  # two names: too few to tell a list of places
        "Livraison Paris, Nike, Adidas 10€",  # a town first, then too few names to be its neighbourhoods
        "Nike, Adidas, Puma, Reebok £20",  # a list anywhere, no town in it
        "Lyon 😂 Ahah, Mdr, Ptdr 2g",  # an emoji that says no where
        "Leeds 🌧️ Rain, Wind, Cold, 2g",
        "Livraison Marseille, Julien, Kevin, Sofiane 10€",  # people
        "Delivering London, Nike, Adidas, Puma",
        "Paris, Lyon, Jean, Paul 2g",
        "Paris ✅ Homme, Femme 10€",  # after a sign, no town among them
        "Lyon, Paris, Carrefour, Auchan 10€",  # as many unknown names as towns
        "Livraison Lyon, Printemps, Été, Automne, Hiver",  # seasons after a town
    ],
)
def test_lists_that_are_no_neighbourhoods(text: str) -> None:
    assert all(kind != "commune" for kind, _ in _zones(text)), _zones(text)


def test_a_list_ending_on_a_word_of_time_is_the_towns_alone() -> None:
    assert _zones("Delivery London and Kent Tomorrow, 10 a g") == [("city", "London"), ("commune", "Kent")]
