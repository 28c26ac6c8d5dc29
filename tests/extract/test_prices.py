"""Prices as dealers write them, and numbers that are not prices."""

from __future__ import annotations

import pytest

from filiere.extract import detect
from filiere.extract.figures import read_numbers
from filiere.extract.prices import find_prices, prices_of


def _read(text: str) -> list[tuple[float, float | None, str | None]]:
    """The prices ``detect`` reads in ``text``, as (amount, quantity, unit)."""
    return [(p.amount, p.quantity, p.unit) for p in detect(text, cache=False).prices]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("70 le G", (70.0, "EUR", 1.0, "g")),
        ("60 les 10g", (60.0, "EUR", 10.0, "g")),
        ("£10/g", (10.0, "GBP", 1.0, "g")),
        ("3 G = 180", (180.0, "EUR", 3.0, "g")),
        ("le pochon 10€", (10.0, "EUR", 1.0, "pochon")),
        ("5g/40€", (40.0, "EUR", 5.0, "g")),
        ("$20 a gram", (20.0, "USD", 1.0, "g")),
        ("20 balles le g", (20.0, "EUR", 1.0, "g")),
        ("la plaquette à 250", (250.0, "EUR", 1.0, "plaquette")),
        ("3k le kil", (3000.0, "EUR", 1.0, "kg")),
        ("3,5g 30e", (30.0, "EUR", 3.5, "g")),
        ("1 taz 10€", (10.0, "EUR", 1.0, "pill")),
        ("Margherita 9€", (9.0, "EUR", None, None)),
    ],
)
def test_price(text: str, expected: tuple[float, str, float | None, str | None]) -> None:
    prices, _ = find_prices(text)
    assert [(p.amount, p.currency, p.quantity, p.unit) for p in prices] == [expected]


def test_several_prices_and_their_spans() -> None:
    text = "Beuh: 10€ le g | Shit 60 les 10g"
    prices, quantities = find_prices(text)
    assert [text[p.start : p.end] for p in prices] == ["10€ le g", "60 les 10g"]
    assert [(q[2], q[3]) for q in quantities] == [(1.0, "g"), (10.0, "g")]


@pytest.mark.parametrize("text", ["rdv 14h30 3g", "2 pochons", "on est 3 G", "code 4521", "le 93 et le 94"])
def test_no_price(text: str) -> None:
    assert find_prices(text)[0] == []


def test_excluded_spans_are_not_amounts() -> None:
    text = "Appelle le 06 39 98 12 34 pour 10g"
    assert find_prices(text, [(11, 25)])[0] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les 3g c'est 30", (30.0, "EUR", 3.0, "g")),
        ("2 zips 300", (300.0, "EUR", 2.0, "oz")),
        ("3k€ le kil", (3000.0, "EUR", 1.0, "kg")),
        ("€ 20 a g", (20.0, "EUR", 1.0, "g")),
    ],
)
def test_more_ways_of_writing_a_price(text: str, expected: tuple[float, str, float | None, str | None]) -> None:
    prices, _ = find_prices(text)
    assert [(p.amount, p.currency, p.quantity, p.unit) for p in prices] == [expected]


def test_numbers_keep_their_words() -> None:
    numbers = read_numbers("le 93, 10€, 5 pochons, 2 pizzas, 12eme")
    assert [(n.number, n.currency, n.unit) for n in numbers] == [
        (93.0, None, None),
        (10.0, "EUR", None),
        (5.0, None, "pochon"),
        (2.0, None, None),
        (12.0, None, None),
    ]
    text = "10€, 5 pochons"
    assert [(p.amount, p.quantity, p.unit) for p in prices_of(text, read_numbers(text))] == [(10.0, 5.0, "pochon")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8th £40, Q £70, half oz £130", [(40.0, 1.0, "eighth"), (70.0, 0.25, "oz"), (130.0, 0.5, "oz")]),
        ("an 8th for 35", [(35.0, 1.0, "eighth")]),
        ("a QP 900", [(900.0, 4.0, "oz")]),
        ("half key £17.5k", [(17500.0, 0.5, "kg")]),  # a key: a kilo ("2 keys for £12" at a locksmith's: none)
        ("un quart once 60$, l'once à 200", [(60.0, 0.25, "oz"), (200.0, 1.0, "oz")]),  # Quebec's ounces
    ],
)
def test_quantities_said_in_words(text: str, expected: list[tuple[float, float, str]]) -> None:
    # The unit phrases come from the lexicon, as in a detection: "Q" is a quarter ounce, not 1 of anything.
    assert _read(text) == expected


def test_arrondissements_are_no_euros() -> None:
    found = detect("Livraison Paris 11e, 12e et 20e, 10e le G")
    assert [(p.amount, p.unit) for p in found.prices] == [(10.0, "g")]
    assert [z.value for z in found.zones] == ["Paris 11", "Paris 12", "Paris 20"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each tier is the price of the product its line names before it, or of the one it names
        ("Beuh 10€ le G, 3G 25€, shit 6€ le G", [(10.0, 1.0, "cannabis_herb"), (25.0, 3.0, "cannabis_herb"),
                                                 (6.0, 1.0, "cannabis_resin")]),
        ("Coke 70 le G, 2G 130 | MD 40 le G", [(70.0, 1.0, "cocaine"), (130.0, 2.0, "cocaine"), (40.0, 1.0, "mdma")]),
        ("5g de beuh pour 40€", [(40.0, 5.0, "cannabis_herb")]),
        ("3g de coke 200€", [(200.0, 3.0, "cocaine")]),
    ],
)  # fmt: skip
def test_tiers_and_their_products(text: str, expected: list[tuple[float, float, str]]) -> None:
    assert [(p.amount, p.quantity, p.product) for p in detect(text).prices] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le kilo de shit à 2 500€", [(2500.0, "EUR")]),
        ("Caisse du jour 1 250€", [(1250.0, "EUR")]),
        ("Cali zips $250, 1/8 $40, 1/4 $70", [(250.0, "USD"), (40.0, "USD"), (70.0, "USD")]),
        ("Menu: bud £10/g, 3.5 for £30, half oz £120, oz £220", [(10.0, "GBP"), (30.0, "GBP"), (120.0, "GBP"),
                                                                  (220.0, "GBP")]),
    ],
)  # fmt: skip
def test_amounts_in_thousands_fractions_and_commas(text: str, expected: list[tuple[float, str]]) -> None:
    found = detect(text).prices
    assert [(p.amount, p.currency) for p in found] == expected
    if "half oz" in text:  # a comma ends a price: £30 is not the half ounce's
        assert [(p.quantity, p.unit) for p in found][2:] == [(0.5, "oz"), (1.0, "oz")]


@pytest.mark.parametrize(
    "text",
    [
        "Commande de 2G à 14h30 au métro",
        "C'est le 3e étage, code 1234",
        "Prochain: 33 rue de la République 93200, 2G",
        "Mon fils fume du shit depuis la 4e.",  # a school year
        "ma fille est en 4e et fume du shit",
        "dispatch: commande #142 → 3g ❄️ à Pantin",  # an order's number
        "2 barrettes achetées = la 3e offerte",  # a promotion's third unit, not 3 €
        "2e pochon offert ce soir 🍀",
        "la 3e barrette à moitié prix",
        "carte fidélité : ton 5e achat est gratuit",
        "ajoute mon 2e compte au cas où celui-ci saute",
        "Carte fidélité : au bout de 10 commandes la 11e est gratuite",
        # Paid, transferred or poured, a count is no money.
        "je suis payé 3 fois par mois",
        "il a payé 10 fois plus cher ailleurs",
        "payé 15/06/2024",
        "versé 20 cl de codéine",
        "viré 15 gars",
        "on a payé 10 tours",
        "payé 30 secondes",
    ],
)
def test_times_ranks_and_addresses_are_no_amounts(text: str) -> None:
    assert detect(text).prices == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La barrette de 20", [(20.0, 1.0, "barrette")]),
        ("Pochon 20e, 3 pochons 50e", [(20.0, 1.0, "pochon"), (50.0, 3.0, "pochon")]),
        ("Demi-kilo de shit 1300", [(1300.0, 0.5, "kg")]),
        ("Coke £50 for 0.5", [(50.0, 0.5, None)]),
        ("Amnesia dispo, le 10e le g", [(10.0, 1.0, "g")]),  # "e" for euros after an article, then its unit
        ("la jaune le 20e la barrette", [(20.0, 1.0, "barrette")]),
        ("client dans le 11e, 2 plaquettes", []),  # a rank ending its clause: an arrondissement, no 11 €
        ("5e offerts pour ta 1ere commande de beuh", [(5.0, None, None)]),  # euros offered: no article, no noun
        ("pochon 20e offert pour 3 achetés", [(20.0, 1.0, "pochon")]),
        ("Envoi postal possible +8€", [(8.0, None, None)]),  # a fee, not a calling code
        ("Pochon 20e livraison offerte", [(20.0, 1.0, "pochon")]),  # a price, then a free delivery
        ("T'as mon 20e ?", [(20.0, None, None)]),  # a debt: a possessive ranks only a thing after it
        ("Rends-moi mon 20e stp", [(20.0, None, None)]),
        ("20e le pochon offert 1 feuille", [(20.0, 1.0, "pochon")]),
        ("Plaquette 250e livraison offerte", [(250.0, 1.0, "plaquette")]),
        ("+33 6 39 98 12 34, +3 g offerts", []),
        ("zips $180, half zip $100", [(180.0, 1.0, "oz"), (100.0, 0.5, "oz")]),
    ],
)
def test_french_ways_of_pricing_a_unit(text: str, expected: list[tuple[float, float, str | None]]) -> None:
    assert _read(text) == expected


def test_a_duration_after_a_product_is_no_price() -> None:
    assert detect("5g de beuh dans 20 minutes").prices == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("saisie de 2 500 000€", [(2500000.0, None)]),
        ("les 3 100€", [(100.0, None)]),  # a count, then an amount
        ("tel 06 12 34 56 78 500€ le kilo", [(500.0, 1.0)]),
        ("£20 for 2 hours of parking", [(20.0, None)]),
        ("mettre 250g de sucre à 180 degrés", []),
        ("rdv le 1/4 à 20€", [(20.0, None)]),
    ],
)
def test_what_is_not_a_quantity_or_an_amount(text: str, expected: list[tuple[float, float | None]]) -> None:
    exclude = [(4, 18)] if text.startswith("tel") else None  # the phone number, as the pipeline finds it
    prices = detect(text).prices if exclude is None else find_prices(text, exclude)[0]
    assert [(p.amount, p.quantity) for p in prices] == expected


def test_a_product_in_brackets_names_its_price() -> None:
    found = detect("Tarifs: 70€ le G (coke), 10€ le G (beuh)")
    assert [p.product for p in found.prices] == ["cocaine", "cannabis_herb"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ça fait 80 en tout.", [(80.0, None, None)]),
        ("Ok 70 le G + 10 le cachet, donc 90.", [(70.0, 1.0, "g"), (10.0, 1.0, "pill"), (90.0, None, None)]),
        ("j'ai 20 ans", []),
        ("Lyrica 3€ la gélule", [(3.0, 1.0, "pill")]),
        ("Gelato $60 an 8th, 2 8ths for $110", [(60.0, 1.0, "eighth"), (110.0, 2.0, "eighth")]),
        ("an 8ball for $180", [(180.0, 1.0, "eighth")]),
        ("$300 a zip / Pre-rolls 3 for $25", [(300.0, 1.0, "oz"), (25.0, 3.0, "joint")]),  # not the zip's ounce
    ],
)
def test_amounts_said_in_chat_and_counted_units(
    text: str, expected: list[tuple[float, float | None, str | None]]
) -> None:
    assert _read(text) == expected


def test_the_cheap_look_for_money_words_lets_every_word_of_the_patterns_through() -> None:
    from filiere.extract.prices import _MONEY_AFTER, _MONEY_BEFORE, _may_say_money

    for pattern in (_MONEY_AFTER, _MONEY_BEFORE):
        # The words of the pattern's first alternation: "(?:\\b(?:payer|paie|…)" or "(?:en tout|…)".
        words = pattern.pattern.replace("\\b", "").replace("(?:", "").split(")")[0].split("|")
        assert len(words) >= 9
        for word in words:
            assert _may_say_money(f"x {word} 20"), word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nos £35 a tank, 2 tanks £65", [(35.0, "GBP", 1.0, "bonbonne"), (65.0, "GBP", 2.0, "bonbonne")]),
        ("Balloons £3 or 10 balloons £25", [(3.0, "GBP", 1.0, "ballon"), (25.0, "GBP", 10.0, "ballon")]),
        ("THC vapes £35 a pen, 2 pens £60", [(35.0, "GBP", 1.0, "vape"), (60.0, "GBP", 2.0, "vape")]),
        ("5€ le joint, 20€ les 5 joints", [(5.0, "EUR", 1.0, "joint"), (20.0, "EUR", 5.0, "joint")]),
        ("California roll 8 pcs $9", [(9.0, "USD", 8.0, "piece")]),
        ("Baguette 1,20€, 3 pour 3€", [(1.2, "EUR", None, None), (3.0, "EUR", 3.0, None)]),  # a price, unlike "2 for 1"
        ("sourdough £4.50, 6 cookies for £10", [(4.5, "GBP", None, None), (10.0, "GBP", 6.0, None)]),
        ("Ket £20/g. Mandy pills 3 for £20", [(20.0, "GBP", 1.0, "g"), (20.0, "GBP", 3.0, "pill")]),  # pills, not 3 g
        ("Il a payé 140 pour les 2G ?", [(140.0, "EUR", 2.0, "g")]),
        ("la savonnette à 1k2 si tu prends les 4", [(1200.0, "EUR", 1.0, "savonnette")]),
        ("table for 4 people £50", [(50.0, "GBP", None, None)]),  # people are no count of goods
        # "N units at P": the price of all N in a menu's tiers, of one when a total after it adds up.
        ("3 pochons à 25 les 3", [(25, "EUR", 3, "pochon")]),
        ("5 taz à 40€ / 10 taz à 70€", [(40, "EUR", 5, "pill"), (70, "EUR", 10, "pill")]),
        (
            "1 taz 10€ / 5 taz à 40€ / 10 taz à 70€",
            [(10, "EUR", 1, "pill"), (40, "EUR", 5, "pill"), (70, "EUR", 10, "pill")],
        ),
        ("2 plaquettes à 200 = 400€", [(200, "EUR", 1, "plaquette"), (400, "EUR", 2, "plaquette")]),
        ("2 taz à 10, 20€ les 3 buvards", [(10, "EUR", 1, "pill"), (20, "EUR", 3, "tab")]),  # each taz at 10
        ("2 oz at £220 = £440", [(220, "GBP", 1, "oz"), (440, "GBP", 2, "oz")]),
        ("2 oz at £220 = £450", [(220, "GBP", 2, "oz"), (450, "GBP", None, None)]),  # no total: as written
        ("10g de jaune à 60", [(60, "EUR", 10, "g")]),  # a weight: the price of all of it
        # A unit phrase after the amount says what it is the price of.
        ("Je prends 5g à 15€ le g", [(15, "EUR", 1, "g")]),
        ("10g à 60€ / le g à 7€", [(60, "EUR", 10, "g"), (7, "EUR", 1, "g")]),  # the next item's unit
        # Units named alone before their price; not before a dose, a count or what is left.
        ("Pills £5", [(5, "GBP", 1, "pill")]),
        ("Tabs £40 for 10", [(40, "GBP", 10, "tab")]),
        ("Pills: 5 for £20", [(20, "GBP", 5, "pill")]),
        ("Taz 250 dispo", []),  # a dose, a count, a label: no price
        ("Taz 300", []),
        ("Semaine 42 : taz dispo", []),
        ("Taz 10€, 6 pour 50€", [(10, "EUR", 1, "pill"), (50, "EUR", 6, "pill")]),
        ("Pills 5 for £20", [(20, "GBP", 5, "pill")]),
        ("acid tabs 250ug, 10 strip for 70", []),
        ("stock low on the mandy pills, 15 left", []),
        ("Plus de taz, 520 à rendre", []),
        ("pochons de 10 faits", [(10, "EUR", 1, "pochon")]),
        # Swiss francs.
        ("MDMA suisse 80 CHF le g", [(80, "CHF", 1, "g")]),
        ("je t'envoie 160 francs par Twint", [(160, "CHF", None, None)]),
        ("Loyer 1 850 CHF", [(1850, "CHF", None, None)]),
        ("Montant: 5000 francs CFA", []),  # not Swiss
    ],
)
def test_counts_and_units_written_around_a_price(
    text: str, expected: list[tuple[float, str, float | None, str | None]]
) -> None:
    assert [(p.amount, p.currency, p.quantity, p.unit) for p in detect(text, cache=False).prices] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zone 2 coke £60", [(60.0, None, None)]),  # a count must start its item
        ("Open till 11 tonight coke £70", [(70.0, None, None)]),
        ("1g 10 €2g 18 €3g 25 €", [(10.0, 1.0, "g"), (18.0, 2.0, "g"), (25.0, 3.0, "g")]),
        ("2k24 vibes 3g £30", [(30.0, 3.0, "g")]),  # the year, not 2,240
    ],
)
def test_counts_signs_and_thousands_read_no_further(
    text: str, expected: list[tuple[float, float | None, str | None]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("yo got da ting, 10 a g n 25 for 3g. come thru brixton or i drop sw2", "GBP"),  # a London district
        ("Boston delivery, 60 a gram of white", "USD"),  # the most populous Boston
        ("Manchester & Salford, bud 10 a g", "GBP"),
        ("Bud 10 a g, drops in Camden and Enfield", "GBP"),  # London's boroughs, not the larger US towns
        ("Bud 10 a g, 3g for 25, text 07700 900123", "GBP"),  # a British number
        ("Beuh 10 le g, 3g pour 25, appelle le +44 7700 900123", "EUR"),  # French words: euros
        ("Livraison Lyon, beuh 10 le g", "EUR"),
        ("Bud 10 a g, 3g for €25, delivering Leeds", "EUR"),  # a currency written: the message's
        ("Bud 10 a g, Manchester and Boston", "EUR"),  # two countries: no guess
        # A name of towns of several countries: the largest's if five times the next, else Britain's.
        ("delivering Perth, 10 a g", "AUD"),
        ("delivering Gloucester 10 a g", "GBP"),
        ("Snap drops: Brixton, Peckham, Camberwell. 10 a g", "GBP"),  # Camberwell is Australian too
        ("delivering Perth, Dundee, Stirling 10 a g", "GBP"),  # the country the names share
        ("delivering Halifax, 10 a g", "GBP"),  # Canada's is not eight times larger
        ("delivering Stoke, 10 a g", "GBP"),  # a British town of no known size
        ("07700 900123 delivering Hull 10 a g", "GBP"),  # a British number: the towns say nothing more
        ("delivering London and Kent, 10 a g", "GBP"),  # an English county
        ("Drops in Geneva 80 a g", "CHF"),  # eight times the next Geneva
        ("Drops in Bray, 80 a g", "EUR"),  # Ireland's, the one with people
        ("delivering Hobart 20 a g", "AUD"),
    ],
)
def test_an_amount_without_currency_takes_the_country_of_its_places(text: str, currency: str) -> None:
    assert {price.currency for price in detect(text, cache=False).prices} == {currency}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Za 3.5 £30 | Moroccan £10/g", [(30.0, 3.5, None), (10.0, 1.0, "g")]),  # the sign is the next figure's
        ("shard 0.1 $50", [(50.0, 0.1, None)]),  # a weight beside its price
        ("Spice bag €9.50, 3-in-1 €8", [(9.5, None, None), (8.0, None, None)]),
        ("Zone 2 £5, set meal for 2 £22", [(5.0, None, None), (22.0, None, None)]),  # a zone, people: no weight
        ("Deliveroo paye mal, 3€50 la livraison", [(3.5, None, None)]),  # three euros fifty, the French way
    ],
)
def test_a_sign_belongs_to_the_figure_it_is_written_against(
    text: str, expected: list[tuple[float, float | None, str | None]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le G de C à 50 au lieu de 70", [(50.0, 1.0, "g"), (70.0, 1.0, "g")]),
        ("8th for £30 instead of £35", [(30.0, 1.0, "eighth"), (35.0, 1.0, "eighth")]),
        ("pochon 20€ (au lieu de 25)", [(20.0, 1.0, "pochon"), (25.0, 1.0, "pochon")]),
        ("10€ le g, pas 10 minutes", [(10.0, 1.0, "g")]),  # a time, not the price it was
        ("Le 5g à 50, pas 2024", [(50.0, 5.0, "g")]),  # a year: far from the price
        ("£30 an 8th was 25th", [(30.0, 1.0, "eighth")]),  # a date
        ("Weed £10 a g, was 50 for 5", [(10.0, 1.0, "g")]),  # a former price of its own quantity
        ("Beuh 10€ le g au lieu de 12 la semaine dernière", [(10.0, 1.0, "g"), (12.0, 1.0, "g")]),
        ("xans £3 a pill, was £4", [(3.0, 1.0, "pill"), (4.0, 1.0, "pill")]),  # a small amount with its sign
    ],
)
def test_the_price_a_promotion_replaces(text: str, expected: list[tuple[float, float, str]]) -> None:
    assert _read(text) == expected


def test_a_currency_not_written_is_marked_as_inferred() -> None:
    prices = detect("£10/g, 3 for 25, or 70 le G").to_dict()["prices"]
    assert [(p["amount"], p["currency"], p["currency_stated"]) for p in prices] == [
        (10.0, "GBP", True),  # written
        (25.0, "GBP", False),  # the message's other currency
        (70.0, "GBP", False),
    ]
    assert detect("70 le G").to_dict()["prices"][0]["currency_stated"] is False  # euros by default
    assert detect("10 a g, come thru Brixton").prices[0].stated is False  # its country's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Millions and billions of a currency, English thousands after the sign.
        ("Police seized £1.2m of cocaine and £85,000 in cash", [(1_200_000, "GBP"), (85_000, "GBP")]),
        ("the stash house held $1.3 million in cash", [(1_300_000, "USD")]),
        ("saisie de 2 millions d'euros de cocaïne", [(2_000_000, "EUR")]),
        ("Border Force seize £40m of cocaine", [(40_000_000, "GBP")]),
        ("2014 Honda Civic, 98k miles, $6,800 OBO", [(6_800, "USD")]),
        ("running 5m from the station, 10 quid", [(10, "GBP")]),  # metres, no currency: no millions
    ],
)
def test_millions_and_thousands_of_a_currency(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(p.amount, p.currency) for p in detect(text).prices] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police seized 4kg of cocaine and £60,000 in cash",  # read in the text's order, and joined by "and"
        "Police seized 4kg of cocaine and 60 000 € in cash",
        "held 40 kilos of fentanyl and $1.3 million",  # a haul's worth
        "tu prends 20 pochons de beuh et 10 de shit",  # a second count, no price
    ],
)
def test_a_haul_and_its_worth_make_no_price(text: str) -> None:
    assert all(p.quantity is None for p in detect(text).prices)
    assert [n.start for n in read_numbers(text)] == sorted(n.start for n in read_numbers(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£20 m8", [(20, "GBP")]),  # a mate, no millions
        ("fence 1.8m £30 per panel", [(30, "GBP")]),  # metres, then the sign of the next amount
        ("Wax $25\nM30s hit me for price", [(25, "USD")]),
        ("1 kilo £30,000, half £16,000, quarter £8,500", [(30_000, "GBP"), (16_000, "GBP"), (8_500, "GBP")]),
    ],
)
def test_what_is_no_million_and_thousands_in_lists(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(p.amount, p.currency) for p in detect(text).prices] == expected


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Le client de Bagnolet a payé que 60 au lieu de 80", 60),
        ("C'est bon j'ai viré 40 sur ton Lydia", 40),
        ("Charbonneur payé 80 la journée", 80),
    ],
)
def test_a_bare_amount_paid_or_transferred_is_money(text: str, amount: float) -> None:
    assert [p.amount for p in detect(text).prices][:1] == [amount]


@pytest.mark.parametrize("text", ["£10 M&S voucher", "£10 M/F", "€5 M. Dupont", "£20 m from station", "£10 m"])
def test_an_m_that_says_no_million(text: str) -> None:
    assert [p.amount for p in detect(text).prices] == [float(text[1:].split()[0])]


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("A$1,500 an ounce", "AUD"),
        ("CA$1,500", "CAD"),
        ("NZ$50 a tinnie", "NZD"),
        ("US$2.5 million", "USD"),
        ("ASAP$20", "USD"),  # a word's last letter, not a country's
        ("Cali $20", "USD"),
    ],
)
def test_a_dollar_with_its_country_written_against_it(text: str, currency: str) -> None:
    assert [p.currency for p in detect(text).prices] == [currency]


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Montréal 🍁 Livraison Hochelaga, Plateau. Pot 8$ le gramme", "CAD"),
        ("hey can I grab an ounce of the gas for $220? I'm in Toronto", "CAD"),
        ("Sydney: Newtown, Marrickville. Smartwhip tank $45", "AUD"),
        ("weed $10 a g in Chicago", "USD"),
        ("$20 a g, text 0491 570 118", "AUD"),  # an Australian number alone
        ("Melbourne, FL drops $40 a g", "USD"),  # an American address
        ("Toronto, US$20 a g", "USD"),  # the country written against the sign
    ],
)
def test_a_bare_dollar_is_the_dollar_of_the_places_named(text: str, currency: str) -> None:
    assert {p.currency for p in detect(text, cache=False).prices} == {currency}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Units counted one by one, "à" or "at" a price: each at that price.
        ("Frère mets moi 3 pochons à 10 balles", [(10.0, 1.0, "pochon")]),
        ("Il prend 2 barrettes à 25", [(25.0, 1.0, "barrette")]),
        ("5 taz à 10 chacun", [(10.0, 1.0, "pill")]),
        ("I got 3 bags at 20", [(20.0, 1.0, "pochon")]),
        # All of them at that price: an article before, a total after; a weight is a total.
        ("les 3 pochons à 25", [(25.0, 3.0, "pochon")]),
        ("le gars veut 4 pochons à 80 au total", [(80.0, 4.0, "pochon")]),
        ("5G à 300", [(300.0, 5.0, "g")]),
        ("2 plaquettes à 200 = 400€", [(200.0, 1.0, "plaquette"), (400.0, 2.0, "plaquette")]),
        # A price "each" is for the unit named before it, not a "piece".
        ("Tabs $20 each, 5 for $80", [(20.0, 1.0, "tab"), (80.0, 5.0, "tab")]),
        ("Puffs THC 30€ pièce, 2 pour 50€", [(30.0, 1.0, "vape"), (50.0, 2.0, "vape")]),
        ("Cachets 10€ l'unité, 5 pour 40", [(10.0, 1.0, "pill"), (40.0, 5.0, "pill")]),
        ("Xanax 2mg en barrettes 5€ la pièce", [(5.0, 1.0, "barrette")]),  # past a dose's measure
        ("Buvards LSD 10€ pièce", [(10.0, 1.0, "tab")]),  # a name after the unit's word
        ("cailloux dispo 15€ la pièce", [(15.0, 1.0, "rock")]),
        ("💊 220mg presses £5 each", [(5.0, 1.0, "piece")]),  # a dose's measure names no item
        ("Slice $3.50 each", [(3.5, 1.0, "piece")]),
        # Only the trade's goods, named on the price's line: shops price pens, caps and gold bars each.
        ("Tabs 10€ le carton\nBriquets 2€ pièce", [(10.0, 1.0, "tab"), (2.0, 1.0, "piece")]),
        ("Disposable gloves £3 each", [(3.0, 1.0, "piece")]),
        ("Pens 2€ pièce", [(2.0, 1.0, "piece")]),
        ("Gold bars £1000 each", [(1000.0, 1.0, "piece")]),
        ("Omega 3 capsules £8 each", [(8.0, 1.0, "piece")]),
        ("Weighs 12 stone, £10 a week", [(10.0, None, None)]),
        ("Disposables $35 each, 2 for $60", [(35.0, 1.0, "vape"), (60.0, 2.0, "vape")]),
    ],
)
def test_the_unit_a_price_is_each_for(text: str, expected: list[tuple[float, float | None, str | None]]) -> None:
    assert _read(text) == expected


def test_an_interac_transfer_makes_a_bare_dollar_canadian() -> None:
    found = detect("Deliveries Plateau, Verdun tonight. $10 a gram. E-transfer or cash.", cache=False)
    assert {price.currency for price in found.prices} == {"CAD"}
    # The places' dollar stands: Melbourne's is Australian.
    found = detect("Melbourne delivery, $300 an oz, e-transfer", cache=False)
    assert {price.currency for price in found.prices} == {"AUD"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 light for 25, 2 dark for 20", [(25.0, 3.0, "crack"), (20.0, 2.0, "heroin")]),
        ("3 beuh pour 25", [(25.0, 3.0, "cannabis_herb")]),
        ("2 white wines for 20", []),  # two words: what the colour is of, not a product
        ("Wine offer: 3 white for 20, 3 red for 20", []),  # a list where other words are counted so
    ],
)
def test_a_bare_amount_for_a_count_of_a_product(text: str, expected: list[tuple[float, float, str]]) -> None:
    found = detect(text, cache=False, learned=False)
    assert [(p.amount, p.quantity, p.product) for p in found.prices] == expected


def test_a_word_after_an_amount_taken_by_another_finding_leaves_the_amount() -> None:
    # "after 10pm" is an opening time: the 25 before it is still an amount.
    text = "3 for 25 after 10pm"
    assert [n.number for n in read_numbers(text, [(9, 19)])] == [3.0, 25.0]
    found = detect("Tabs 3 for £25 after 10pm", cache=False)
    assert [(p.amount, p.quantity) for p in found.prices] == [(25.0, 3.0)]
