"""Opening hours, delivery zones and couriers' street addresses."""

from __future__ import annotations

import pytest

from filiere.extract import detect
from filiere.extract.addresses import find_addresses
from filiere.extract.hours import DAYS, find_hours
from filiere.extract.zones import find_zones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Livraison 7j/7 de 14h à 2h", ("14:00", "02:00", DAYS)),
        ("du lundi au samedi 18h-4h sauf jeudi", ("18:00", "04:00", ("mon", "tue", "wed", "fri", "sat"))),
        ("open 6pm-2am every day", ("18:00", "02:00", DAYS)),
        ("H24 7j/7", ("00:00", "24:00", DAYS)),
        ("dispo de 18 à 4h", ("18:00", "04:00", None)),
        ("11:00-23:00 mon-sat", ("11:00", "23:00", DAYS[:6])),
        ("le week-end de 20h à 5h", ("20:00", "05:00", ("sat", "sun"))),
        ("tous les jours", (None, None, DAYS)),
    ],
)
def test_hours(text: str, expected: tuple[str | None, str | None, tuple[str, ...] | None]) -> None:
    assert [(h.start, h.end, h.days) for h in find_hours(text)] == [expected]


@pytest.mark.parametrize("text", ["rdv à 14h30", "j'ai 2 ans", "10 le g"])
def test_no_hours(text: str) -> None:
    assert find_hours(text) == []


def _zones(text: str) -> list[tuple[str, str]]:
    return [(z["kind"], z["value"]) for z in detect(text).to_dict()["zones"]]


def test_zones_from_words_and_numbers() -> None:
    assert _zones("Livraison Paris 18 et tout le 93") == [("arrondissement", "Paris 18"), ("departement", "93")]
    assert _zones("zones 92/93/94") == [("departement", "92"), ("departement", "93"), ("departement", "94")]
    assert _zones("on livre Saint-Denis et Aubervilliers") == [
        ("commune", "Saint-Denis"),
        ("commune", "Aubervilliers"),
    ]
    assert ("place", "cité des Bosquets") in _zones("RDV cité des Bosquets bât B")
    assert ("postcode", "93200") in _zones("12 rue des Lilas 93200 Saint-Denis")


def test_ambiguous_city_needs_a_preposition() -> None:
    assert _zones("livraison sur Tours ce soir") == [("city", "Tours")]
    assert _zones("on fait des tours en scooter") == []


@pytest.mark.parametrize("text", ["60 les 10g", "20000 balles", "appelle le 06 39 98 12 34", "10€ le g"])
def test_numbers_that_are_not_zones(text: str) -> None:
    assert find_zones(text, [], []) == [] or _zones(text) == []


def test_addresses_of_a_tour() -> None:
    text = "1) 12 rue des Lilas 93200 Saint-Denis - 2 pochons\n2) 4 av. Jean Jaurès, Aubervilliers 1 taz"
    found = find_addresses(text)
    assert [(a.number, a.street, a.postcode, a.commune) for a in found] == [
        ("12", "rue des Lilas", "93200", "Saint-Denis"),
        ("4", "av. Jean Jaurès", None, None),
    ]
    assert [text[a.start : a.end] for a in found] == [a.text for a in found]


def test_address_name_stops_at_ordinary_words() -> None:
    (found,) = find_addresses("Passe au 3 bis rue de la République demain 14h")
    assert (found.number, found.street) == ("3bis", "rue de la République")


def test_no_address_without_street_type() -> None:
    assert find_addresses("j'ai 2 places de parking et 3 pochons") == []
