"""The classifier's rules, each on the kind of message that taught it."""

from __future__ import annotations

import pytest

from filiere.extract import detect


@pytest.mark.parametrize(
    ("text", "products"),
    [
        ("4-MMC 💎 30€ le G, retour jeudi", ("cathinone",)),
        ("Tina 💎 80 le G, livraison discrète", ("methamphetamine",)),
        ("MD 💎 40 le G, livraison discrète", ("mdma",)),
    ],
)
def test_a_faint_emoji_beside_another_product_is_its_decoration(text: str, products: tuple[str, ...]) -> None:
    assert detect(text, cache=False).products == products


def test_a_question_about_a_drug_is_not_an_order() -> None:
    assert not detect("C'est quoi la kétamine ?", cache=False).drug_trade
    assert not detect("is ket dangerous?", cache=False).drug_trade


@pytest.mark.parametrize(
    "text",
    ["T'as combien de barrettes de shit ?", "jcherche du bon shit, t'as quoi ?", "Quelqu'un a un plan C ce soir ? svp"],
)
def test_asking_for_a_product_is_an_order(text: str) -> None:
    found = detect(text, cache=False)
    assert found.drug_trade
    assert "order" in found.categories


@pytest.mark.parametrize(
    "text",
    [
        "Huile THC 30% 10ml 70€, pas du CBD hein 😉",
        "Runner wanted to shift packs, £100/day + £10 per drop, no snitches",
        "Ice in, half teener 60, quarter 100, no fronts",
    ],
)
def test_words_of_the_trade_beat_the_look_alike_around_them(text: str) -> None:
    assert detect(text, cache=False).drug_trade


@pytest.mark.parametrize(
    "text",
    [
        "Bonbonnes de gaz butane 13 kg 35€, livraison sur toute la métropole pour vos barbecues",
        "Vinted : si un vendeur demande un paiement en coupon PCS, c'est une arnaque, signalez-le !",
    ],
)
def test_gas_bottles_and_fraud_warnings_are_not_trade(text: str) -> None:
    assert not detect(text, cache=False).drug_trade


@pytest.mark.parametrize(
    "text",
    [
        "Lessive en poudre blanche 5 kg à 9,90€ ! Promo jusqu'à dimanche, stock limité",
        "Sel fin en cristaux, sachet de 500 g à 2€, livraison offerte dès 3 sachets",
    ],
)
def test_a_price_by_weight_of_groceries_is_no_trade(text: str) -> None:
    found = detect(text, cache=False)
    assert not found.drug_trade
    assert found.products == ()


def test_several_words_of_the_trade_outweigh_a_landmark() -> None:
    text = "Charbon de 14h à 22h, payé 80 la journée. Le guetteur se met au coin de la boulangerie"
    assert detect(text, cache=False).drug_trade


def test_payment_coupons_in_a_fraud_warning_do_not_outweigh_it() -> None:
    text = "Arnaque : un vendeur exige un coupon PCS ou Transcash et le code ? Ne payez jamais, signalez l'annonce"
    assert not detect(text, cache=False).drug_trade


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("ice and crystal avail, 80 a point, text before u come", "methamphetamine"),
        ("Nouveau num pour les clients 🍀❄️ : 06 39 98 52 03, Signal only", "cannabis_herb"),
    ],
)
def test_two_ambiguous_readings_of_one_trade_agree(text: str, product: str) -> None:
    found = detect(text, cache=False)
    assert found.drug_trade
    assert product in found.products


def test_an_ambiguous_word_beside_a_look_alike_is_not_listed() -> None:
    found = detect("❄️ Neige prévue demain, chaînes obligatoires, livraisons reportées", cache=False)
    assert not found.drug_trade
    assert found.products == ()


@pytest.mark.parametrize(
    ("text", "products"),
    [
        ("Xanax 2mg, la plaquette à 20, livraison Paris 11e", ("benzodiazepine",)),
        ("tramadol 50mg no script needed, 100 tabs shipped discreet", ("opioid",)),
        ("Shit jaune, la plaquette de 100 à 350", ("cannabis_resin",)),
        ("2 plaquettes de beuh", ("cannabis_herb",)),
        ("Hash 2 eighths £50", ("cannabis_resin",)),  # eighths of hash, not herb
        ("cristaux 40 le g, beuh 10 le g", ("cannabis_herb", "mdma")),  # no weed comes in crystals
    ],
)
def test_a_measure_beside_another_product_measures_it(text: str, products: tuple[str, ...]) -> None:
    assert detect(text, cache=False).products == products


@pytest.mark.parametrize(
    "text",
    [
        "tu prends 2 plaquettes et 30 pochons de beuh chez Momo",
        "Bsr c pour 3 barrettes et un 10 de beuh a Sevran, batiment B",
    ],
)
def test_a_cannabis_measure_counted_on_its_own_is_the_resin(text: str) -> None:
    assert detect(text, cache=False).products == ("cannabis_herb", "cannabis_resin")


def test_a_covert_channel_is_context_for_an_emoji_menu() -> None:
    found = detect("moved to Threema, ID in my bio. menu posted there 🍀❄️", cache=False)
    assert set(found.products) == {"cannabis_herb", "cocaine"}


def test_a_price_names_only_a_product_the_verdict_names() -> None:
    found = detect("Lessive en poudre blanche 5 kg à 9,90€ ! Promo jusqu'à dimanche", cache=False)
    assert found.products == ()
    assert [price.product for price in found.prices] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "2 b's n a w pls m8, usual place",
        "where r u?? 3 waitin outside the offy, 2 x £20 w n 1 x £10 b. HURRY UP",
        "1 Cali + 1 filtré, le livreur t'appelle 5 min avant",
    ],
)
def test_counts_of_two_products_are_an_order(text: str) -> None:
    assert detect(text, cache=False).drug_trade


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("Feds on the high street, go dark for an hour, nobody answers the line", True),
        ("12 sittin at the corner store, 2 unmarked chargers. keep the burners off", True),
        ("attention la police tourne dans le quartier ce soir", False),  # the police alone
        ("the feds arrested him yesterday, it was on the news", False),
        ("Cops everywhere on the high street after the match, text me when you're home safe", False),
        ("les flics sont passés au magasin, contactez le gérant", False),  # a hand-off hides nothing
    ],
)
def test_a_lookout_names_the_police_beside_what_to_hide(text: str, trade: bool) -> None:
    assert detect(text, cache=False).drug_trade is trade


def test_a_cover_story_in_a_payment_reference_is_not_the_look_alike() -> None:
    found = detect("cashapp $cloud w the note 'pizza' n ill have ur 8th ready", cache=False, learned=False)
    assert found.drug_trade
    assert "cannabis_herb" in found.products
    # The same reference for a real pizza names no product: no trade.
    assert not detect("venmo me 12 for the pizza, put pizza in the note", cache=False, learned=False).drug_trade


@pytest.mark.parametrize(
    "text",
    [
        "Commande boulangerie, en libellé mettre: farine blanche 5kg",  # a look-alike far from the reference
        "Booking ref AB12: ski trip, fresh snow expected, bring the white jacket",
    ],
)
def test_a_look_alike_away_from_the_reference_is_believed(text: str) -> None:
    assert not detect(text, cache=False, learned=False).drug_trade


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("Fleurs CBD lab tested, 90% thc, 10 le g", True),
        ("Fleurs CBD lab tested, THC 22 %, 10 le g", True),
        ("Fleurs CBD lab tested, THC < 0,2 %, livraison offerte", False),
        ("Fleurs CBD 15% THC <0,2% 8€ le g, livraison 48h", False),  # 15 % is the CBD's
    ],
)
def test_thc_far_above_the_legal_limit_is_no_cbd_shop(text: str, trade: bool) -> None:
    assert detect(text, cache=False, learned=False).drug_trade is trade


def test_a_price_by_the_gram_is_no_weather() -> None:
    assert detect("Snow ❄️ 80 a g, 2 for 150. Pure Peruvian no cut. Delivery 7 days a week", cache=False).drug_trade
    assert not detect("Snow ❄️ warning tonight, roads icy, deliveries delayed", cache=False).drug_trade


def test_a_welcome_discount_on_a_first_order_is_no_vetting() -> None:
    text = "Courses livrées en 30 min 🛒 -10€ sur ta première commande avec le code BIENVENUE, livraison de 8h à minuit"
    assert not detect(text, cache=False).drug_trade


@pytest.mark.parametrize(
    ("text", "unit"),
    [("💎 dispo ce soir, 20 le caillou", "rock"), ("stones ready, £10 a rock", "rock")],
)
def test_a_price_by_the_rock(text: str, unit: str) -> None:
    found = detect(text, cache=False)
    assert found.drug_trade
    assert [price.unit for price in found.prices] == [unit]


@pytest.mark.parametrize(
    "text",
    [
        "I saw a white cat and a brown dog",
        "get a brown and a white bread from the shop pls",
        "2 white and 2 brown loaves please",
    ],
)
def test_colours_are_not_counted_codes(text: str) -> None:
    assert not detect(text, cache=False, learned=False).drug_trade


@pytest.mark.parametrize(
    ("text", "promo"),
    [
        ("Molly caps £10 each or 5 for £40", True),
        ("Frappe cali dispo 10€ le pochon / 3 pour 25", True),
        ("c.o.c dispo 60 le g, 100 les 2", True),
        ("Shit jaune mousseux 60 les 10g", False),  # a weight in a price list
    ],
)
def test_a_multi_buy_is_a_promotion(text: str, promo: bool) -> None:
    found = detect(text, cache=False, learned=False)
    assert found.drug_trade
    assert ("promo" in found.categories) is promo


def test_counts_written_after_emoji_are_an_order() -> None:
    assert detect("🍫 x2 ❄️ x1 to the usual 🏠 pls", cache=False).drug_trade


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("hemp tea, 20 bags £6.50, organic", False),  # twenty tea bags, priced
        ("a 20 bag pls, usual spot", True),  # a twenty-pound bag
        ("two 20 bags and a 10 bag, outside in 5", True),
    ],
)
def test_a_figure_counting_what_a_price_is_for_is_no_jargon(text: str, trade: bool) -> None:
    assert detect(text, cache=False, learned=False).drug_trade is trade


@pytest.mark.parametrize(
    "text",
    [
        "recipe says 1 oz of butter and an 8th of a cup of sugar, anyone know that in grams?",
        "Vendeur Leboncoin qui exige un paiement en Transcash ou PCS = arnaque. Ne payez jamais comme ça !",
        "Ce soir soupe à l'oseille et quiche, tu ramènes le pain ?",
    ],
)
def test_kitchen_measures_and_fraud_warnings_are_no_trade(text: str) -> None:
    assert not detect(text, cache=False).drug_trade


@pytest.mark.parametrize(
    "text",
    ["Dépôt ce soir 23h au même endroit, ramène toute l'oseille et le carnet", "ya du ❄️ ce soir frérot ?"],
)
def test_the_takings_dropped_and_availability_asked_are_trade(text: str) -> None:
    assert detect(text, cache=False, learned=False).drug_trade


def test_an_ambiguous_word_out_of_trade_names_no_product() -> None:
    found = detect("Pokémon cards new batch in ⚡ booster boxes £110, singles from £2, collection only Leyton")
    assert not found.drug_trade and found.products == ()  # a lightning bolt, not ecstasy
    news = detect("Opération anti-drogue : 3 kg de beuh saisis, la blanche et la verte circulaient au lycée")
    assert "cannabis_herb" in news.products  # talk about drugs lists what it names


def test_products_a_cbd_shop_would_set_aside_are_listed_when_the_message_is_trade() -> None:
    text = "🎂 cake carts 2g £40, gummies 500mg £25, all lab tested. dm to order"
    rules = detect(text, cache=False, learned=False)
    assert not rules.drug_trade and rules.products == ()  # the rules read a licensed shop ("lab tested")
    found = detect(text, cache=False)
    assert found.drug_trade and found.products == ("cannabis_other",)  # the learned layer reads a dealer


@pytest.mark.parametrize(
    ("text", "products"),
    [
        ("mandy crystals £30 a g, pills £5", ("mdma",)),  # not methamphetamine's crystal
        ("20 w 10 b bagged already, drop the P at the usual", ("crack", "heroin")),
        ("line open ⚪🟤 ready, usual spots, text the new number", ("crack", "heroin")),
    ],
)
def test_couriers_codes_name_their_products(text: str, products: tuple[str, ...]) -> None:
    assert detect(text, cache=False).products == products


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("je retourne au charbon demain 8h 😩", False),  # back to work
        ("on prend la blanche ou le rosé pour ce soir ?", False),  # wine
        ("La zone bleue c'est 1h30 max, mets ton disque", False),  # parking
        ("grab the dark roast beans, 1kg bag, the good ones", False),
        ("where's the plug for the hair straighteners?", False),
        ("Le gérant du four veut la recette de la semaine dimanche, pas un euro en moins", True),
        ("2 pints of lean left", True),
    ],
)
def test_everyday_idioms_and_the_spots_own_words(text: str, trade: bool) -> None:
    assert detect(text, cache=False).drug_trade is trade


@pytest.mark.parametrize(
    "text",
    [
        "shut the line, 12 about",
        "Ton livreur arrive dans 15 min, voiture grise. Rien au tel, pas de noms de produits.",
        "Coupe pas la blanche avec le bicar cette fois, les clients se plaignent",
    ],
)
def test_the_lines_own_words_without_a_product(text: str) -> None:
    assert detect(text, cache=False, learned=False).drug_trade


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("« la beuh dans le sac, les condés en bas » mdr le refrain de ouf", False),  # a song quoted
        ("“shotting on the block since year 9” the lyrics on this one are crazy", False),
        ("Nouveau refrain 🎶 « Amnesia 10 le g, Jaune 20 la barrette, Coke 70 le g »", True),  # a menu in quotes
        ("« beuh et jaune » refrain de ouf, passe au 12 rue des Lilas à 18h", True),  # and an address
        ("bagging 'em up to this song 🔥 zips $120, percs $20, nothin' stepped on", True),  # no quotation
        ("Ce soir « beuh, jaune, coke, livraison 7/7. Et le refrain de la semaine : « la frappe »", True),
    ],
)
def test_a_song_quoted_is_no_trade_but_a_menu_in_quotes_is(text: str, trade: bool) -> None:
    found = detect(text, cache=False)
    assert found.drug_trade is trade
    if not trade and "beuh" in text:
        assert found.products == ("cannabis_herb",)  # what the song names is still listed


@pytest.mark.parametrize(
    ("text", "products"),
    [
        ("cc t dispo pr 1 pochon de beuh ?", ("cannabis_herb",)),  # "coucou", the greeting
        ("CC ! t'aurais des champis pour ce week-end ?", ("psilocybin",)),
        ("cc 0.5 à 40, g à 70", ("cocaine",)),  # before a figure: the product
        ("CC de qualité 💯 80 le gramme", ("cocaine",)),
        ("jsuis en bas du bat C avec tes 2 barrettes", ("cannabis_resin",)),  # a building's letter
        ("Les pochons de 10 sont de retour 🍀", ("cannabis_herb",)),  # "retour" is no tower
        ("cc dispo 60 le g", ("cocaine",)),  # before a trade word: the product
        ("cc, md, ket dispo 24/7", ("cocaine", "mdma", "ketamine")),  # a list
        ("cc les gars, ce soir ouverture 18h-2h, beuh dispo", ("cannabis_herb",)),
        ("On fait un tour. H dispo 50 le g", ("heroin",)),  # a sentence's end, not "tour H"
    ],
)
def test_a_greeting_or_a_building_letter_is_no_cocaine(text: str, products: tuple[str, ...]) -> None:
    assert detect(text, cache=False).products == products


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        # A product's plain word inside its price counts as a priced product; an ambiguous one does not
        # (a courier's "3 light for 25" or a shop's "3 white for 20"), nor do colours a shop's list prices.
        ("3 beuh pour 25", True),
        ("2 xanax for 10", True),
        ("Chocolate sale at the factory shop: 2 dark for 5, 2 milk for 5, 2 white for 5", False),
        ("3 light for 25, 2 dark for 20", True),
        # A parcel's words do not hide a product named with its dose; alone, a strong word may be its content.
        ("Ton colis (10g d'Amnesia) est parti ce matin, suivi Colissimo", True),
        ("La Poste : votre colis 'Carte de randonnée Hindu Kush' est en point relais", False),
        # The deal point's own phone; a football pitch's is no jargon.
        ("Frero jte passe le tel du four, l'autre a sauté avec le petit", True),
        ("Le tel du terrain de foot c'est le 06 39 98 12 45, réservation le samedi", False),
        ("Le rap de rue c'est toujours 'je bicrave, je fais des liasses', ça me saoule", False),
    ],
)
def test_a_product_priced_a_parcel_and_the_points_phone(text: str, trade: bool) -> None:
    assert detect(text, cache=False, learned=False).drug_trade is trade


def test_a_mask_gives_the_reading_of_its_words_and_weighs_nothing_else() -> None:
    # "speed trap" hides "speed" and "trap" and is given as evidence; the sale beside it still counts.
    text = "speed trap on the A40, drop still on: 2 x 3.5 of gelato £60, be outside"
    found = detect(text, cache=False, learned=False)
    assert found.drug_trade
    assert "amphetamine" not in found.products
    assert any(e.text == "speed trap" and e.rule.startswith("lookalike.transport") for e in found.evidence)
    assert not detect("got caught in a speed trap doing 36 in a 30, £100 fine", cache=False, learned=False).drug_trade


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("Hi, Right to Rent check tomorrow: a photo of your ID and a selfie holding it. Who referred you?", False),
        # A dealer's vetting beside the same word: a price, a delivery, a menu.
        ("New customers: selfie holding your ID + who referred you, then £10 a g, right to rent flat for pickup", True),
    ],
)
def test_an_identity_check_yields_to_a_landlords_word_unless_it_is_a_sale(text: str, trade: bool) -> None:
    assert detect(text, cache=False, learned=False).drug_trade is trade


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("prega dispo, 10 la boîte, livraison le soir", True),  # pregabalin: a drug outside the taxonomy
        ("Vends Ritaline LP 20 / Concerta 36, 3€ le comprimé", True),
        ("Sirop de codéine dispo ce soir, pas besoin d'ordonnance 😉, 25 le flacon", True),
        ("Le Lyrica me fait dormir toute la journée", False),  # a patient
        ("Mon fils prend de la Ritaline depuis 2 ans, ça l'aide en classe", False),
        ("Ritalin shortage again, 3 pharmacies called, none have it", False),
    ],
)
def test_medicines_resold_and_medicines_taken(text: str, trade: bool) -> None:
    assert detect(text, cache=False).drug_trade is trade
    assert detect(text, cache=False).products in ((), ("opioid",))  # pregabalin, methylphenidate: no code
