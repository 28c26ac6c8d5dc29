"""Opening hours, delivery zones and couriers' street addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from filiere.extract import detect
from filiere.extract.addresses import find_addresses
from filiere.extract.hours import find_hours
from filiere.extract.weekdays import DAYS
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
        ("Livraison de midi à minuit", ("12:00", "00:00", None)),
        ("ouvert 7j/7 midi-minuit", ("12:00", "00:00", DAYS)),
        ("de 18h a minuit", ("18:00", "00:00", None)),
        ("from noon till 2am", ("12:00", "02:00", None)),
    ],
)
def test_hours(text: str, expected: tuple[str | None, str | None, tuple[str, ...] | None]) -> None:
    assert [(h.start, h.end, h.days) for h in find_hours(text)] == [expected]


@pytest.mark.parametrize("text", ["rdv à 14h30", "j'ai 2 ans", "10 le g", "on mange à midi", "score à la mi-temps 2-1"])
def test_no_hours(text: str) -> None:
    assert find_hours(text) == []


def _zones(text: str) -> list[tuple[str, str]]:
    return [(z["kind"], z["value"]) for z in detect(text).to_dict()["zones"]]


def test_zones_from_words_and_numbers() -> None:
    assert _zones("Livraison Paris 18 et tout le 93") == [("arrondissement", "Paris 18"), ("departement", "93")]
    assert _zones("on livre dans le 93 et 94 ce soir") == [("departement", "93"), ("departement", "94")]
    assert _zones("Livraison entre 10 et 12 pochons") == []  # no departement before: counts
    assert _zones("ket £25 a g, collection only Hackney Wick") == [("commune", "Hackney Wick")]  # not Hackney
    assert _zones("zones 92/93/94") == [("departement", "92"), ("departement", "93"), ("departement", "94")]
    assert _zones("on livre Saint-Denis et Aubervilliers") == [
        ("commune", "Saint-Denis"),
        ("commune", "Aubervilliers"),
    ]
    assert ("place", "cité des Bosquets") in _zones("RDV cité des Bosquets bât B")
    assert ("postcode", "93200") in _zones("12 rue des Lilas 93200 Saint-Denis")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lundi au jeudi 18h-2h, vendredi samedi 18h-5h", [("mon", "tue", "wed", "thu"), ("fri", "sat")]),
        ("Mon-Fri 10am-10pm, Sat-Sun 12pm-2am", [DAYS[:5], ("sat", "sun")]),
        ("Dispo de midi à minuit, le dimanche de 15h à 22h", [None, ("sun",)]),
        ("7j/7 12h-14h et 19h-minuit", [DAYS, DAYS]),
        ("Samedi et dimanche 12h-4h", [("sat", "sun")]),
    ],
)
def test_each_range_has_its_own_days(text: str, expected: list[tuple[str, ...] | None]) -> None:
    assert [h.days for h in find_hours(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On est ouvert jusqu'à 3h", [(None, "03:00")]),
        ("Open from 6pm", [("18:00", None)]),
        ("Ouvert dès 10h, livraison jusqu'à minuit", [("10:00", "00:00")]),
        ("Dispo après 18h", [("18:00", None)]),
        ("Visible à Bobigny le soir après 19h", []),  # a sale's viewing, no opening
        ("Supplément nuit +15€ après 1h, on livre jusqu'à 5h", [(None, "05:00")]),  # a surcharge's hour
        (
            "Tournée : Cenon 17h-18h, Lormont 18h-19h30, Floirac après 20h",
            [("17:00", "18:00"), ("18:00", "19:30"), ("20:00", None)],
        ),
        ("Livraison 14h-18h et 20h-2h, fermé après les fêtes", [("14:00", "18:00"), ("20:00", "02:00")]),
    ],
)
def test_hours_open_at_one_end(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert [(h.start, h.end) for h in find_hours(text)] == expected


def test_what_an_address_holds_is_no_zone_but_its_postcode_and_commune() -> None:
    assert _zones("Je suis devant le 13 rue Paul Bert") == []
    assert _zones("14 rue de Paris 93100 Montreuil") == [("postcode", "93100"), ("commune", "Montreuil")]
    (found,) = find_addresses("4 rue Danton 94200 Ivry-sur-Seine interphone 12B")
    assert found.commune == "Ivry-sur-Seine"


def test_dates_and_doors_are_no_zones() -> None:
    assert _zones("Livraison le samedi 14/03 à Saint-Denis") == [("commune", "Saint-Denis")]
    assert _zones("Livraison au 45 bd Voltaire, porte 3") == []
    assert _zones("RDV porte de la Chapelle") == [("place", "porte de la Chapelle")]


def test_lists_of_arrondissements_and_postcodes() -> None:
    assert _zones("Paris 18e 19e 20e") == [("arrondissement", f"Paris {n}") for n in (18, 19, 20)]
    assert _zones("Paris 18, 19 et 20") == [("arrondissement", f"Paris {n}") for n in (18, 19, 20)]
    assert _zones("Livraison Lyon 3e, 7e et 8e") == [("arrondissement", f"Lyon {n}") for n in (3, 7, 8)]
    assert _zones("Livraison Paris 11/12/20 de 18h à 2h") == [("arrondissement", f"Paris {n}") for n in (11, 12, 20)]
    assert _zones("📍 Marseille 13 / 14 / 15 📍") == [("arrondissement", f"Marseille {n}") for n in (13, 14, 15)]
    assert _zones("Marseille 3 - 15 - 16, livraison") == [("arrondissement", f"Marseille {n}") for n in (3, 15, 16)]
    # Two figures with a slash or a dash are a date, a fraction, a score or a mark: the first alone.
    assert _zones("RDV Paris 12/06 à 15h") == [("arrondissement", "Paris 12")]
    assert _zones("Lyon 3/4 des habitants") == [("arrondissement", "Lyon 3")]
    assert _zones("Résultat : Paris 2 - 1") == [("arrondissement", "Paris 2")]
    assert _zones("Paris 11 / 12, beuh 10€") == [("arrondissement", "Paris 11"), ("arrondissement", "Paris 12")]
    assert _zones("Livraison Paris 18/19, 12h-2h") == [("arrondissement", "Paris 18"), ("arrondissement", "Paris 19")]
    assert _zones("Fête Paris 18/19 juin") == [("arrondissement", "Paris 18")]
    assert _zones("Match Marseille 13/06/24 au Vélodrome") == [("arrondissement", "Marseille 13")]  # a date
    assert _zones("Paris 18, 10/20 la beuh") == [("arrondissement", "Paris 18")]  # a slash after a comma's figure
    assert _zones("Paris 18/10 le g") == [("arrondissement", "Paris 18")]  # the last of slashes before a price
    assert _zones("Paris 18, 10 balles le pochon") == [("arrondissement", "Paris 18")]
    assert _zones("je livre le 11e et le 12ème") == [("arrondissement", "11"), ("arrondissement", "12")]
    assert _zones("Livraison 13001 à 13016, Aix") == [("postcode", "13001"), ("postcode", "13016"), ("commune", "Aix")]
    assert _zones("livraison 75011 75012") == [("postcode", "75011"), ("postcode", "75012")]


@pytest.mark.parametrize("text", ["le 3e étage", "fais le 20e les 2g", "le 20e anniversaire"])
def test_ordinals_that_are_not_arrondissements(text: str) -> None:
    assert ("arrondissement", "3") not in _zones(text) and ("arrondissement", "20") not in _zones(text)


def test_arrondissements_in_roman_figures() -> None:
    # As Parisians write them: of the city before them, or of the one city the message names, else the number.
    assert _zones("On livre dans le XVIIIe et le XIXe, pochon 10€") == [
        ("arrondissement", "18"),
        ("arrondissement", "19"),
    ]
    assert _zones("Livraison Paris XXe et Montreuil") == [("arrondissement", "Paris 20"), ("commune", "Montreuil")]
    assert _zones("Livraison sur Lyon, dans le VIIe") == [("city", "Lyon"), ("arrondissement", "Lyon 7")]
    assert _zones("Livraison dans le 18e et le XIXe, beuh 10 le G") == [
        ("arrondissement", "18"),
        ("arrondissement", "19"),
    ]
    assert _zones("Livraison dans le XIe arr., le XIIe aussi, coke 70 le G") == [
        ("arrondissement", "11"),
        ("arrondissement", "12"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Livraison : au XIXe siècle déjà",
        "Livraison de la Ve République au XXe siècle",
        "Livraison du IIe Empire",
        "Livraison Marseille, dans le XVIIe",  # Marseille has sixteen
        "livraison dans le xviiie",  # small letters: a word, not figures
        "Livraison possible : ce meuble date du XVIIIe, 450€",  # no word of place
        "Livraison du XIe Prix littéraire",
        "Livraison : un château du XVIIe, visite 10€",  # "du" and "au" say centuries too often
        "Livraison : mon arrière-grand-père est né au XIXe",
        "Livraison : on passe au IIIe acte",
    ],
)
def test_roman_ordinals_that_are_not_arrondissements(text: str) -> None:
    assert all(kind != "arrondissement" for kind, _ in _zones(text)), _zones(text)


def test_british_postcodes() -> None:
    assert _zones("delivering SE1, SE15 and Peckham") == [
        ("postcode", "SE1"),
        ("postcode", "SE15"),
        ("commune", "Peckham"),
    ]
    assert _zones("drop at SE15 4QF tonight") == [("postcode", "SE15 4QF")]
    assert _zones("N1/N7/E8 only") == [("postcode", "N1"), ("postcode", "N7"), ("postcode", "E8")]


@pytest.mark.parametrize("text", ["take your B12 every day", "stuck on the M4 again", "yeah, B12 helps"])
def test_letters_and_figures_that_are_not_postcodes(text: str) -> None:
    assert _zones(text) == []


def test_ambiguous_city_needs_a_preposition() -> None:
    assert _zones("livraison sur Tours ce soir") == [("commune", "Tours")]  # 140,000 people: no city
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


def test_departements_by_name_and_as_said() -> None:
    assert _zones("Seine-Saint-Denis et Val-de-Marne") == [("departement", "93"), ("departement", "94")]
    assert _zones("on livre tout le 9-3") == [("departement", "93")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on se voit samedi", []),  # a day alone is no opening hours
        ("je t'ai envoyé 50€ samedi, livraison de 14h à 2h", [("14:00", "02:00", None)]),
        ("Livraison 18h-2h sauf le dimanche", [("18:00", "02:00", DAYS[:6])]),
        ("fermé le dimanche", []),
        ("je suis au taf jusqu'à 19h", []),  # nothing opens or delivers
        (
            "de 12h à 14h et de 19h à 23h du lundi au samedi",
            [("12:00", "14:00", DAYS[:6]), ("19:00", "23:00", DAYS[:6])],
        ),
        ("10h-22h le week-end, 18h-2h en semaine", [("10:00", "22:00", DAYS[5:]), ("18:00", "02:00", DAYS[:5])]),
    ],
)
def test_days_only_where_they_are_said(text: str, expected: list[tuple[str | None, str | None, object]]) -> None:
    assert [(h.start, h.end, h.days) for h in find_hours(text)] == expected


def test_hours_open_at_both_ends_far_apart_keep_what_lies_between() -> None:
    found = detect("Ouvert dès 14h. Beuh 10€ le G, shit 6€ le G, coke 70 le G. Livraison jusqu'à 2h")
    assert len(found.prices) == 3
    assert [(h.start, h.end) for h in found.hours] == [("14:00", None), (None, "02:00")]


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("Livraison Paris 18, 10 balles le pochon", [("arrondissement", "Paris 18")]),
        ("Paris 20, 5 pochons", [("arrondissement", "Paris 20")]),
        ("Livraison Paris 06 39 98 12 11", [("city", "Paris")]),  # the phone's figures are no arrondissement
        ("je suis au 3e, porte gauche", []),
        ("vitamins B6, B12 and D3", []),
        ("take the M6 and M1 north", []),
        ("Samsung S10 5GB data", []),
        ("il reste 9.3 g dans le sachet", []),
        ("rdv le 14/03 devant la gare", []),
        ("14/03/24", []),
    ],
)
def test_what_is_no_zone(text: str, zones: list[tuple[str, str]]) -> None:
    assert _zones(text) == zones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Office open Mon-Fri 8:30am-5pm", [("08:30", "17:00", DAYS[:5])]),
        ("Mon-Fri 8am-6pm, Sat 9am-1pm", [("08:00", "18:00", DAYS[:5]), ("09:00", "13:00", ("sat",))]),
        ("Open 2pm-2am Fri & Sat only", [("14:00", "02:00", ("fri", "sat"))]),
        ("12pm till midnight, 7 days", [("12:00", "00:00", DAYS)]),
        ("the cleaner can come between 9am and 12pm", [("09:00", "12:00", None)]),
        ("du lundi au samedi 18h-4h sauf jeudi", [("18:00", "04:00", ("mon", "tue", "wed", "fri", "sat"))]),
        ("Yard sale Sat 7am-1pm, couch $80", [("07:00", "13:00", ("sat",))]),  # one short day, its range
        ("Glasgow, 7 days, 4pm til 2am", [("16:00", "02:00", DAYS)]),
        ("I sat there 9am-1pm", [("09:00", "13:00", None)]),
        ("Mon taf 9h-17h", [("09:00", "17:00", None)]),  # French "mon", not Monday
        ("Read The Sun. Wed 9am-1pm", [("09:00", "13:00", ("wed",))]),
        # Lists of days, but not the day that starts a span after them.
        (
            "Mon, Wed, Fri 8am-5pm, Tue/Thu 10am-7pm",
            [("08:00", "17:00", ("mon", "wed", "fri")), ("10:00", "19:00", ("tue", "thu"))],
        ),
        ("lundi, mercredi et vendredi de 10h à 18h", [("10:00", "18:00", ("mon", "wed", "fri"))]),
        ("drivers out til 4am fri/sat, sun-thurs til 1. pre-order b4 10", [(None, "04:00", ("fri", "sat"))]),
    ],
)
def test_english_hours_and_days(text: str, expected: list[tuple[str | None, str | None, object]]) -> None:
    assert [(h.start, h.end, h.days) for h in find_hours(text)] == expected


def test_towns_of_the_gazetteer_where_a_place_is_expected() -> None:
    assert _zones("Ipswich + Colchester, 7 days 9am-1am") == [("commune", "Ipswich"), ("commune", "Colchester")]
    assert _zones("On livre Bordeaux, Mérignac, Pessac, Talence 14h-2h") == [
        ("city", "Bordeaux"),
        ("commune", "Mérignac"),
        ("commune", "Pessac"),
        ("commune", "Talence"),
    ]
    assert ("commune", "Thornton Heath") in _zones("running Croydon & Thornton Heath till 3am")
    assert ("commune", "Épinay") in _zones("secteur Saint-Denis / Épinay, 18h-2h")  # Épinay-sur-Seine


def test_a_metropolis_is_read_wherever_it_is_written() -> None:
    assert _zones("Chicago plug, $10 a gram") == [("city", "Chicago")]
    assert _zones("Tabs $10\nPhiladelphia, Mon-Thu 3pm-11pm") == [("city", "Philadelphia")]
    assert _zones("San Diego: Chula Vista, National City, 9am-9pm") == [
        ("city", "San Diego"),
        ("city", "Chula Vista"),
        ("commune", "National City"),
    ]


def test_british_districts_written_after_their_town() -> None:
    assert _zones("2 8ths for £65, in Tottenham N17") == [("commune", "Tottenham"), ("postcode", "N17")]
    assert _zones("I'm in Bootle, L20, £20?") == [("commune", "Bootle"), ("postcode", "L20")]
    assert _zones("Glasgow G42, 5pm-3am") == [("city", "Glasgow"), ("postcode", "G42")]
    assert _zones("Zones: M14, M15 from 1pm") == [("postcode", "M14"), ("postcode", "M15")]


def test_american_towns_followed_by_their_state_or_zip_code() -> None:
    assert _zones("Flu shots $40. 1420 Maple St, Evanston, IL 60201") == [
        ("commune", "Evanston"),
        ("postcode", "60201"),
    ]
    assert _zones("1BR apt $1,450/mo. Astoria, 11102. Open house") == [("commune", "Astoria"), ("postcode", "11102")]
    assert _zones("Reading, 12345 steps today") == [("postcode", "12345")]  # a British town: no state to follow
    assert _zones("Evanston, 11102 $ owed") == []  # a sum, not a ZIP code
    assert ("commune", "Hope") in _zones("Hope, ID 83836, 3 bags")
    assert _zones("Baltimore, MD 21201 plug") == [("city", "Baltimore"), ("postcode", "21201")]
    assert _zones("Bakersfield, CA delivery, bud 10 a g") == [("city", "Bakersfield")]
    # A state's code that is a drug's name in capitals, a phone number, an amount: no address.
    for text in ("Green, MD 20 a g", "Bud 10 a g, call Logan, 07700 900245", "Logan, 15000 €", "Tyler, 10000 quid"):
        assert _zones(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Reading is fun at 3pm",
        "Jackson said 20 quid",
        "Hope you got the 2 bags",
        "Charlotte owes me 20",  # a metropolis's name that is a first name too
        "Phoenix at 9pm",
        "Queens of the Stone Age at 8pm",
        "Hope, ID 3 bags",  # an identity document: "ID" is a state only with a ZIP code after it
    ],
)
def test_a_town_alone_is_no_zone(text: str) -> None:
    assert _zones(text) == []


def test_gazetteer_is_attributed_and_well_formed() -> None:
    from filiere.extract.gazetteer import GAZETTEER, gazetteer

    head = GAZETTEER.read_text(encoding="utf-8").splitlines()[:3]
    assert "GeoNames" in head[0] and "CC BY 4.0" in head[0] and head[2] == "name\tcountry\tpopulation"
    towns = gazetteer()
    assert len(towns) > 10000 and towns["Talence"] > 5000 and towns["Southend"] == towns["Southend-on-Sea"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Towns of Australia, Canada and New Zealand; Melbourne is Australia's, not Florida's.
        (
            "Melbourne 🚗 Fitzroy, Collingwood & Richmond. 2pm-midnight",
            [("city", "Melbourne"), ("commune", "Fitzroy"), ("commune", "Collingwood"), ("city", "Richmond")],
        ),
        ("Ottawa/Gatineau delivery, $100 min", [("city", "Ottawa"), ("city", "Gatineau")]),
        # A list of towns written with hyphens, not a hyphenated name made of towns' names.
        (
            "Livraison Bayonne-Anglet-Biarritz, 10 le g",
            [("commune", "Bayonne"), ("commune", "Anglet"), ("commune", "Biarritz")],
        ),
        # Two neighbourhoods of the quarters' list (Reims's Croix-Rouge; Bellevue of several towns)
        ("Yanis tu fais Bellevue + Croix-Rouge, 30 pochons", [("commune", "Bellevue"), ("commune", "Croix-Rouge")]),
        ("Livraison Aix-Marseille, 10 le g", [("commune", "Aix"), ("city", "Marseille")]),
        (
            "livraison Marseille-Aubagne-La Ciotat, 10 le g",
            [("city", "Marseille"), ("commune", "Aubagne"), ("commune", "La Ciotat")],
        ),
        (
            "livraison Concarneau, Saint-Nazaire, Armentières, 10€ le g",
            [("commune", "Concarneau"), ("commune", "Saint-Nazaire"), ("commune", "Armentières")],
        ),
        ("delivering Southend SS1, 10 a g", [("city", "Southend"), ("postcode", "SS1")]),
        ("delivering Southend Tonight, 10 a g", [("city", "Southend")]),
        (
            "livraison Roubaix-Croix-Wasquehal 10€",
            [("commune", "Roubaix"), ("commune", "Croix"), ("commune", "Wasquehal")],
        ),
        ("livraison Dax-Mont-de-Marsan 10€", [("commune", "Dax"), ("commune", "Mont-de-Marsan")]),
        ("delivering Dallas-Fort Worth, 10 a g", [("city", "Dallas"), ("city", "Fort Worth")]),
        (
            "Livraison Bayonne-Anglet-Biarritz-Côte Basque 10€",  # a word that is no town at the end
            [("commune", "Bayonne"), ("commune", "Anglet"), ("commune", "Biarritz")],
        ),
        ("Livraison Aix-Marseille-Provence 10€", [("commune", "Aix"), ("city", "Marseille")]),
        (
            "Livraison Bayonne-Anglet-Biarritz Dimanche 10€",
            [("commune", "Bayonne"), ("commune", "Anglet"), ("commune", "Biarritz")],
        ),
        ("Delivery Reading this week 10 a g", []),  # "delivery" before a capitalised word is no word of place
        ("Kingston, NY 12401 tonight", [("commune", "Kingston"), ("postcode", "12401")]),  # not Canada's
        # A short name is a town alone, not a word of a longer name; "The Pas" is not "Pas".
        ("300kg found at Port Botany", []),
        (
            "3 adresses : Créteil, Vitry et Bonneuil, 5€",
            [("commune", "Créteil"), ("commune", "Vitry"), ("commune", "Bonneuil")],
        ),
        ("350€, remise en main propre sur Nantes. Pas d'échange", [("city", "Nantes")]),
        # A word of place reaches across a capitalised word, not across the end of a sentence.
        ("12 zips to drop in Croydon. Driver £20/drop", [("commune", "Croydon")]),
        ("€2.1m of cannabis herb in Co. Kildare", [("commune", "Kildare")]),
    ],
)
def test_towns_of_more_countries_and_names_that_are_no_lists(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A neighbourhood after "quartier" is a commune's kind of zone, without its particle.
        (
            "Chambre à louer, Montpellier quartier Antigone, 450€/mois",
            [("city", "Montpellier"), ("commune", "Antigone")],
        ),
        ("Quartier Croix-Rousse, Lyon 4e. 650€", [("commune", "Croix-Rousse"), ("arrondissement", "Lyon 4")]),
        ("RDV quartier des Chartrons 20h", [("commune", "Chartrons")]),
        ("Quartier Libre Lyon 10€", [("city", "Lyon")]),  # no neighbourhood's name
        ("quartier des 4000 à La Courneuve", [("place", "quartier des 4000"), ("commune", "La Courneuve")]),
        ("outside Brixton Tube in 10, got the £30", [("place", "Brixton Tube")]),
        ("Big tube of weed £20", []),  # a tube in small letters is no station
        # Ages are no departements; "ou" joins arrondissements.
        ("étudiante de préférence, 20-25 ans, 450€", []),
        ("Three men aged 24, 31 and 45 were charged in Liverpool", [("city", "Liverpool")]),
        ("livraison 92/93/94 ce soir", [("departement", "92"), ("departement", "93"), ("departement", "94")]),
        (
            "livrer sur Marseille 13e ou 14e, 380€",
            [("arrondissement", "Marseille 13"), ("arrondissement", "Marseille 14")],
        ),
    ],
)
def test_neighbourhoods_stations_ages_and_alternatives(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(z.kind, z.value) for z in detect(text).zones] == expected


def test_gazetteer_knows_every_country_of_a_name() -> None:
    from filiere.extract.gazetteer import every_country, short_names, town_countries

    assert town_countries()["Melbourne"] == "AU" and every_country()["Bayonne"] == {"FR", "US"}
    assert "Southend" in short_names() and "Pas" not in short_names() and "Southend-on-Sea" not in short_names()


def test_capitalised_words_shaped_like_short_days_are_no_days() -> None:
    # "Ton", "Fat", "Sed": a capital and two letters of a day's name, not a day (nor a crash).
    text = "Ton 10h-12h et 14h-16h, Fat Sed Sat 9am-1pm"
    assert [h.days for h in find_hours(text)] == [None, None, ("sat",)]
    for first in "MTWFS":
        for rest in ("on", "ue", "ues", "ed", "hu", "hur", "hurs", "ri", "at", "un"):
            find_hours(f"{first}{rest} 10h-12h et 14h-16h")  # every pairing is read without an error


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("GAZETTEER", "# towns\nname\tcountry\tpopulation\nTalence\tFR\t43000\nRezé\tFR\tmany\n", "population"),
        (
            "QUARTERS",
            "# quarters\nname\tcity\tcountry\nMirail\tToulouse\tFR\nBorderouge Toulouse FR\n",
            "neighbourhood",
        ),
    ],
)
def test_a_bad_gazetteer_row_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, says: str
) -> None:
    from filiere.errors import FormatError
    from filiere.extract import gazetteer

    bad = tmp_path / f"{name.lower()}.tsv"
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setattr(gazetteer, name, bad)
    caches = (gazetteer.gazetteer, gazetteer.town_countries, gazetteer._read_gazetteer)
    for cached in caches:
        cached.cache_clear()
    try:
        with pytest.raises(FormatError, match=says) as raised:
            gazetteer.gazetteer()
        assert f"{bad}:4" in str(raised.value)
    finally:
        for cached in caches:
            cached.cache_clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Round done boss. Govan, Drumchapel and Easterhouse sorted, 3 no-shows in Possil.",
            [("commune", "Govan"), ("commune", "Drumchapel"), ("commune", "Easterhouse")],  # "in" alone: no
        ),
        (
            "Je suis en tournée sur Paillade et Petit Bard jusqu'à 22h",
            [("commune", "Paillade"), ("commune", "Petit Bard")],
        ),
        ("yo lemme get 10g of the hash for 60, drop to Wythenshawe tonight", [("commune", "Wythenshawe")]),
        ("the Tenderloin is rough tonight", []),  # alone, no word of place: not read, as a small town
        ("Dis à Fischer que je passe, et documentaire sur Gagarine ce soir", []),  # people, not the estates
        ("On dîne à La Source ce soir ?", []),
    ],
)
def test_neighbourhoods_of_the_quarters_list(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the cleaner can come Wednesday between 9am and 12pm", [("09:00", "12:00", ("wed",))]),
        ("Vide-grenier dimanche 14/04 de 8h à 18h à Villejuif", [("08:00", "18:00", ("sun",))]),  # a date between
        ("Barber's open Mon-Sat 9-7, skin fade £18", [("09:00", "19:00", ("mon", "tue", "wed", "thu", "fri", "sat"))]),
        (
            "Mon-Fri 10-6, Sat 10-4",
            [("10:00", "18:00", ("mon", "tue", "wed", "thu", "fri")), ("10:00", "16:00", ("sat",))],
        ),
        ("lun-sam 10-19", [("10:00", "19:00", ("mon", "tue", "wed", "thu", "fri", "sat"))]),
        ("Can view any evening after 6pm", [("18:00", None, None)]),  # a start needs no word of opening
        ("je suis au taf jusqu'à 19h", []),  # an end alone does
        ("Lundi 2-0 pour le PSG", []),  # a score, not hours
        ("Mon-Sat 9-7.5 km", [(None, None, ("mon", "tue", "wed", "thu", "fri", "sat"))]),  # days, no hours
    ],
)
def test_hours_in_bare_figures_and_their_days(text: str, expected: list[tuple[str | None, str | None, object]]) -> None:
    assert [(h.start, h.end, h.days) for h in find_hours(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Viewings Sat 11-3. Text 07700 900355", [("11:00", "15:00", ("sat",))]),
        ("Training Tuesdays & Thursdays 6-7:30pm at the park", [("18:00", "19:30", ("tue", "thu"))]),
        (
            "Mon-Fri 9am-7pm, Sat 9-5, Sun closed",
            [("09:00", "19:00", ("mon", "tue", "wed", "thu", "fri")), ("09:00", "17:00", ("sat",))],
        ),
        ("Open 8-6 every day", [("08:00", "18:00", DAYS)]),
        ("Open daily noon-midnight", [("12:00", "00:00", DAYS)]),
        ("9am till late, 7 days", [("09:00", None, DAYS)]),
        ("Retrait à la ferme le mercredi 16h-19h", [("16:00", "19:00", ("wed",))]),  # a farm, not "fermé"
        ("Samedi 8 juin, 9h-18h, au city stade", [("09:00", "18:00", ("sat",))]),
        ("Fri & Sat only, 10pm-5am", [("22:00", "05:00", ("fri", "sat"))]),
    ],
)
def test_hours_as_sellers_write_them(text: str, expected: list[tuple[str | None, str | None, object]]) -> None:
    assert [(h.start, h.end, h.days) for h in detect(text, cache=False).hours] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Livraison Ajaccio et tout le 2A, beuh 15 le g", [("commune", "Ajaccio"), ("departement", "2A")]),
        ("Drop in Drogheda done, got the €300", [("commune", "Drogheda")]),  # "in" inside the capitalised run
        ("Behind the retail park, Dagenham RM9. £8", [("commune", "Dagenham"), ("postcode", "RM9")]),
        (
            "Grenoble / Échirolles / Saint-Martin-d'Hères, 80 le g",
            [
                ("commune", "Grenoble"),
                ("commune", "Échirolles"),
                ("commune", "Saint-Martin-d'Hères"),
            ],
        ),
        ("Héro dispo à Roubaix, 40 le g", [("commune", "Roubaix")]),  # 99,000 people: a commune
        ("delivering Greater Manchester £10 a g", [("city", "Manchester")]),
        (
            "2 white 2 brown, drop to Small Heath, £10 each",
            [("commune", "Small Heath")],
        ),  # not "Heath": the longer name
        ("Two Guys & A Van $95/hr, Jersey City and Hoboken", [("city", "Jersey City"), ("commune", "Hoboken")]),
    ],
)
def test_towns_inside_runs_of_capitalised_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Can I pick up at Penn Station? an 8ball for $180?", [("place", "Penn Station")]),
        ("Round the back of Union Station, Denver. $20 a rock", [("place", "Union Station"), ("city", "Denver")]),
        ("Brixton Academy, £45 each", [("place", "Brixton Academy")]),  # the venue, not the district
        (
            "Remise en main propre gare de Lyon ou Villeurbanne 420€",
            [("place", "gare de Lyon"), ("commune", "Villeurbanne")],
        ),
        ("The Station pub 8pm", []),
        ("Le livreur est là, bâtiment 4, en face du Lidl. 45€ stp", []),  # where in a building: no zone
        ("bât 93 à 20h, 50€", []),  # nor a departement
    ],
)
def test_landmarks_before_towns_and_buildings_no_zone(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lille / 10h–2h, vendredi-samedi jusqu'à 5h", [("10:00", "02:00", None), (None, "05:00", ("fri", "sat"))]),
        ("Open 10am-10pm daily, Fri till 2am", [("10:00", "22:00", DAYS)]),  # not right after a range: unread
        ("Je bosse samedi jusqu'à 19h, livraison 20h-2h", [("20:00", "02:00", None)]),  # work, not hours
        ("10h-22h le week-end, 18h-2h en semaine", [("10:00", "22:00", ("sat", "sun")), ("18:00", "02:00", DAYS[:5])]),
    ],
)
def test_later_on_some_days(text: str, expected: list[tuple[str | None, str | None, object]]) -> None:
    assert [(h.start, h.end, h.days) for h in detect(text, cache=False).hours] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Party on Saturday 12-10-2024",  # a date
        "Friday 12-14 years old",
        "samedi 10-12 ans",
        "Sat 15-20 people coming",
        "Sunday 6-4 6-3 tennis",
        "Sunday 6-0",
    ],
)
def test_figures_after_a_day_that_are_no_hours(text: str) -> None:
    assert [h for h in find_hours(text) if h.start is not None] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Tom\nFinsbury Park Station at 9, 2g", [("place", "Finsbury Park Station")]),  # not across lines
        ("Black Market 10 a g", []),
        ("Check my eBay Market 2g", []),  # not inside a word
        ("RDV parking 93200 Saint-Denis, 20 le g", [("postcode", "93200"), ("commune", "Saint-Denis")]),
        ("Only Weed 10 a g", []),
        ("Welcome To Paradise, 3g 30", []),
        ("delivering Bootle Kirkby Huyton 2g 40", [("commune", "Bootle"), ("commune", "Kirkby")]),
        ("Driving down from Leeds M1 southbound 2g", [("city", "Leeds")]),  # a motorway
        ("Delivering Newcastle 3g 30", [("city", "Newcastle")]),  # not the small US Newcastle
    ],
)
def test_what_the_review_found_read_as_zones(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Landmarks: French places by their noun, English stations named before a small "station".
        ("Départ 5h au péage du Boulou, 2 000€ le voyage", [("place", "péage du Boulou")]),
        ("Paris ↔ aéroport d'Orly forfait 45€", [("city", "Paris"), ("place", "aéroport d'Orly")]),
        ("on est au parc de la Tête d'Or pour 23h", [("place", "parc de la Tête d'Or")]),
        ("Dimanche 8h-17h, place des Acacias\nEmplacement 10 €", [("place", "place des Acacias")]),
        ("need 2 rocks, usual place 10 mins", []),  # a place, no name
        ("MDMA £40/g. Meet outside Kentish Town station, cash only", [("place", "Kentish Town station")]),
        ("runners meet at Hanley bus station at 9", [("place", "Hanley bus station")]),
        ("i'm outside the Fruitvale BART at 9", [("place", "Fruitvale BART")]),
        ("The Fire station is closed at 9", []),
        ("Which station? 10 a g", []),
        ("je viens à la place de Karim à 20h", []),  # "instead of", no square
        ("cancer stade 4, camping 4 étoiles à 20h", []),
        # Arrondissements listed with slashes are arrondissements, not prices.
        (
            "Livraison Marseille 13e/14e/15e, 10€ le déplacement",
            [
                ("arrondissement", "Marseille 13"),
                ("arrondissement", "Marseille 14"),
                ("arrondissement", "Marseille 15"),
            ],
        ),
        # A district code that is also a motorway or a vitamin, after the town its area is named for.
        (
            "Delivering Birmingham B10, B11, B12 daily 1pm-1am",
            [
                ("city", "Birmingham"),
                ("postcode", "B10"),
                ("postcode", "B11"),
                ("postcode", "B12"),
            ],
        ),
        ("Leeds M1 closed again at 5", [("city", "Leeds")]),
        # Neighbourhoods listed after their town.
        (
            "Skunk £10 a g. Only doing Cardiff: Splott, Adamsdown, Grangetown.",
            [
                ("city", "Cardiff"),
                ("commune", "Splott"),
                ("commune", "Adamsdown"),
                ("commune", "Grangetown"),
            ],
        ),
        (
            "Chicago: Austin & Garfield Park. (773) 555-0188",
            [
                ("city", "Chicago"),
                ("city", "Austin"),
                ("commune", "Garfield Park"),
            ],
        ),
        ("Paris : Livraison Rapide et Discrète 24h", [("city", "Paris")]),
        ("Lille: Amnesia, Gelato, Zkittlez 10e le g", [("city", "Lille")]),  # a menu, not neighbourhoods
        ("Lyon : Beuh, Shit, Coke 🔥 20h", [("city", "Lyon")]),
        ("Toulouse : Paypal, Lydia, Espèces. 20h", [("city", "Toulouse")]),
        ("Come to my place Saturday, £20 a g", []),
        ("Laisse la place Julie elle est enceinte, 20h", []),
        ("Attention, contrôles de police place Bellecour ce soir 20h", [("place", "place Bellecour")]),
        ("Outside Brixton station in 10, bring the 50", [("place", "Brixton station")]),
        ("Metro station at 9pm", []),
        ("Le 3e pochon offert ce soir 20h", []),  # a promotion's rank, no arrondissement
        (
            "Tottenham N17, N15. Manchester M62 closed at 9",
            [
                ("commune", "Tottenham"),
                ("postcode", "N17"),
                ("postcode", "N15"),
                ("city", "Manchester"),
            ],
        ),
        (
            "London: Brixton SW2, Peckham SE15 9pm",
            [
                ("city", "London"),
                ("commune", "Brixton"),
                ("postcode", "SW2"),
                ("commune", "Peckham"),
                ("postcode", "SE15"),
            ],
        ),
        ("Manchester M62 closed westbound at 9", [("city", "Manchester")]),  # a motorway
        ("Same-day delivery across Bath & Bristol before 2pm", [("commune", "Bath"), ("city", "Bristol")]),
    ],
)
def test_landmarks_lists_and_districts(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # No figure and no place of the lexicon: the towns of the gazetteer are still read.
        ("Beuh dispo, livraison sur Romainville ce soir", [("commune", "Romainville")]),
        ("weed and carts, delivering to Garland tonight", [("city", "Garland")]),
        ("who's got mandy, I'm in Harrogate", [("commune", "Harrogate")]),
        # A first name is a town in a list of towns, not after a word of place alone.
        ("Le snap de la frappe a changé, demande à Hugo il a le nouveau", []),
        ("Drops in Marion, Florence & Albert tonight, 2g of coke", []),  # people, however many are towns
        ("Livraison Jean, Paul, Pierre, Jacques, 2g", []),
        # A town's name that leads a street's or a landmark's is no town.
        ("any plug near Oxford St? need a g of coke", []),
        ("who's got mandy near Temple Bar", []),
        ("dont go near Albert rd with the bags, feds", []),
        ("man sold heroin from a flat in Kenmore Street", []),
        ("codeine 30mg ready at Hillside Pharmacy", []),
        ("Delivering Slough close to the station, 2 bags", [("commune", "Slough")]),  # a word, not a street's
        (
            "Covering Salford St Helens and Wigan, 2 bags",
            [("commune", "Salford"), ("commune", "St Helens"), ("commune", "Wigan")],
        ),
        ("Drops in Eugene 9pm, 2 bags", [("commune", "Eugene")]),  # a first name after a word of delivery
        ("Je vais à Louvain-la-Neuve, 2g de beuh", [("commune", "Louvain-la-Neuve")]),
        ("delivering Croydon tonight, 2 bags of white", [("commune", "Croydon")]),
        # Names of small towns that are countries or words here.
        ("Heroin deaths in Scotland fell last year", []),
    ],
)
def test_towns_without_figures_first_names_and_streets(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(zone.kind, zone.value) for zone in detect(text, cache=False).zones] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ouvert 18h ➡️ 3h. Ajoutez sur snap", [("18:00", "03:00", None)]),
        ("Open 4pm → 1am, add snap", [("16:00", "01:00", None)]),
        ("Pot 8$ le gramme. 7 jours sur 7, de 11h à 23h", [("11:00", "23:00", tuple(DAYS))]),
        # A range whose second end alone says am or pm: both ends in the same half of the day, or across.
        ("drops in Moss Side and Hulme 9-11pm, £5 delivery", [("21:00", "23:00", None)]),
        ("Your parcel is out for delivery, driver arriving between 2-4pm", [("14:00", "16:00", None)]),
        ("open 11-2am weekends, £10 a g", [("11:00", "02:00", ("sat", "sun"))]),  # as shops write it
        ("Collect between 9-12am", [("09:00", "12:00", None)]),  # "12am" as many write it
        ("Dispo 19-12am", [("19:00", "00:00", None)]),  # midnight after a 24-hour start
        ("Livraison 20h-2h 06 39 98 12 34", [("20:00", "02:00", None)]),  # a phone number's start: no minutes
        ("Livraison de 20 à 2am", [("20:00", "02:00", None)]),  # a start on the 24-hour clock
        ("7 jours sur 7 mais pas le lundi, 14h-2h", [("14:00", "02:00", ("tue", "wed", "thu", "fri", "sat", "sun"))]),
        ("score 18 à 4h", []),  # no am or pm: a range only after "de", "from", "entre"
        # An end alone, on a courier's round; "till about".
        ("Je suis en tournée sur Paillade jusqu'à 22h, envoyez vos adresses", [(None, "22:00", None)]),
        ("drops in Footscray till about 10pm", [(None, "22:00", None)]),
        # A chain of days is a list, unless two of it are side by side; two days closed leave both out,
        # and a day after a comma is open.
        ("Tournée lundi-mercredi-vendredi 17h-22h", [("17:00", "22:00", ("mon", "wed", "fri"))]),
        ("Mon-Fri-Sat 10am-6pm", [("10:00", "18:00", ("mon", "tue", "wed", "thu", "fri"))]),
        ("Closed Sunday, Mon-Sat 9am-5pm", [("09:00", "17:00", ("mon", "tue", "wed", "thu", "fri", "sat"))]),
        ("Fermé les dimanches et lundis, 10h-20h", [("10:00", "20:00", ("tue", "wed", "thu", "fri", "sat"))]),
        (
            "Service 12h-14h et 19h30-22h, fermé dimanche et lundi",
            [
                ("12:00", "14:00", ("tue", "wed", "thu", "fri", "sat")),
                ("19:30", "22:00", ("tue", "wed", "thu", "fri", "sat")),
            ],
        ),
    ],
)
def test_ranges_with_arrows_halves_of_the_day_and_open_ends(text: str, expected: list[tuple[str, str, object]]) -> None:
    assert [(h.start, h.end, h.days) for h in detect(text, cache=False).hours] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Livraison Gand et Alost, beuh 12€ le g", [("city", "Gand"), ("commune", "Alost")]),  # French names
        ("NYC 🗽 Delivering Harlem, Inwood. $20 a g", [("city", "NYC"), ("commune", "Harlem"), ("commune", "Inwood")]),
        ("5g de beuh livré à Lille-Sud vers 21h ?", [("commune", "Lille-Sud")]),  # a quarter of the town
        ("you around St Kilda this arvo? need 2g of coke", [("commune", "St Kilda")]),  # Saint Kilda
        # The first word of a town of two names; "Sur" leading a run of capitals.
        (
            "🔌 livreur dispo sur le 92 : Boulogne, Issy, Levallois, 10€ la livraison",
            [("departement", "92"), ("commune", "Boulogne"), ("commune", "Issy"), ("commune", "Levallois")],
        ),
        ("Héro 40€ le gramme. Sur Moulins et Fives le soir", [("commune", "Moulins"), ("commune", "Fives")]),
        # A figure repeated is no list of departements ("split 50/50", "24/24", "12-12"); a list is.
        ("800 contacts de la centrale, on split 50/50 ?", []),
        ("🔌 Dispo 24/24 sur Potato", []),
        ("Livraison 92/93/94 ce soir", [("departement", "92"), ("departement", "93"), ("departement", "94")]),
        # Before a comma, a list only after a word of place; not sizes, scores, dates, measures.
        ("Zone 93/94, sérieux uniquement", [("departement", "93"), ("departement", "94")]),
        ("dispo en 42-44, remise en main propre", []),
        ("Victoire 21-13, bravo les gars.", []),
        ("Festival 12-13-14 juillet", []),
        ("Bouteilles 33/50/75 cl", []),
        ("Livraison 13/83/84, 60€ le g", [("departement", "13"), ("departement", "83"), ("departement", "84")]),
        # "St-" and "Ste-" for Saint and Sainte.
        ("un 50 de blanche sur St-Denis ?", [("commune", "St-Denis")]),
        # Lists with bullets; a town before its round's hours; a qualifier that is the town's name.
        (
            "MELB FRESH\nSt Kilda • Fitzroy • Collingwood\nBud $25/g",
            [("commune", "St Kilda"), ("commune", "Fitzroy"), ("commune", "Collingwood")],
        ),
        ("Tournée demain : Cenon 17h-18h, Lormont 18h-19h30", [("commune", "Cenon"), ("commune", "Lormont")]),
        ("Reading 8-10pm at the library, kids welcome", []),  # one name and its hours: no round
        ("Sale 9am-5pm this Saturday only, everything half price", []),
        ("Collection East Ham or Barking, £4.2k a kilo", [("commune", "East Ham"), ("city", "Barking")]),
        ("Collection only Smethwick or West Brom", [("commune", "Smethwick")]),  # West is no town
        (
            "Serving Toronto, Mississauga, Brampton. Call (416) 555-0193",
            [
                ("city", "Toronto"),
                ("city", "Mississauga"),
                ("city", "Brampton"),
            ],
        ),
        # British outward codes listed with spaces; arrondissements joined by hyphens.
        ("take the M6 M1 north", []),  # motorways
        ("Galaxy S22 S23 S24 for sale £300", []),  # spaced codes only after a word of place
        ("zones N1 N4 N5 N7 only", [("postcode", "N1"), ("postcode", "N4"), ("postcode", "N5"), ("postcode", "N7")]),
        ("Delivering SW9 B12 bud £10 a g", [("postcode", "SW9")]),  # another area: a vitamin, a strain
        ("Appartement Paris 11e - 3e étage, 1200€", [("arrondissement", "Paris 11")]),
        ("Paris 19e-20e siècles", [("arrondissement", "Paris 19")]),
        (
            "Paris 15e-16e-17e, weed 15€/g",
            [
                ("arrondissement", "Paris 15"),
                ("arrondissement", "Paris 16"),
                ("arrondissement", "Paris 17"),
            ],
        ),
        # Each zone once, however often it is named.
        ("💊 BRISTOL PARTY PACK 💊\nPills £5\n🚚 Bristol + Bath", [("city", "Bristol"), ("commune", "Bath")]),
    ],
)
def test_towns_as_people_write_them(text: str, expected: list[tuple[str, str]]) -> None:
    assert _zones(text) == expected
