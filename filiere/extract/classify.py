"""Is a message part of selling drugs? An additive score over named signals, each with its evidence.

Every signal adds or removes a fixed amount of log-odds (the table below), so a score can be read
back as a sum of reasons. Without a product or a sign of illicit trade (its jargon, a covert
channel, vetting, a dose sent to an address), the rules never call a message trade, however many
ordinary sales words (delivery, promo, new number) it has: pizza shops use those too. The learned
layer may, when it is sure (``learned.TRADE``): it reads the whole message's words, not the
lexicon's ("1 livré ✅", a courier's count of deliveries, which the labelled set calls trade).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from filiere.extract.belief import ALWAYS_BELIEVED, DRUG_TALK, believed_lookalikes, near_any, only_quoted
from filiere.extract.categories import Findings
from filiere.extract.categories import categories as _categories
from filiere.extract.doses import Dose, find_doses, measures_other, trade_quantity
from filiere.extract.figures import Number
from filiere.extract.handoffs import Handoff
from filiere.extract.learned import DOUBT as LEARNED_DOUBT
from filiere.extract.learned import RULES_SURE as LEARNED_RULES_SURE
from filiere.extract.learned import TRADE as LEARNED_TRADE
from filiere.extract.lexicon import Hit
from filiere.extract.prices import Price
from filiere.extract.signals import Signals
from filiere.extract.signals import agree as _agree
from filiere.extract.signals import by_code as _by_code
from filiere.extract.signals import collect as _collect
from filiere.extract.signals import is_counted as _counted

BIAS = -3.0
STRONG_PRODUCT = {3: 3.0, 2: 2.4, 1: 1.5}  # first product, by the term's weight
MORE_PRODUCTS = 0.5  # each further product code, up to MORE_PRODUCTS_CAP
MORE_PRODUCTS_CAP = 1.0
WEAK_PRODUCT = 2.0  # an ambiguous product word ("jaune", "❄️") kept thanks to trade context
SLANG_WEIGHT = 2  # an ambiguous word this strong counts beside any sales word, price or question
WEAK_AGREE = 0.8  # an ambiguous word and an emoji naming the same product ("la CC ❄️", "jaune 🍫")
JARGON_FIRST, JARGON_MORE, JARGON_CAP = 2.5, 0.7, 1.4
CUE = {1: 0.3, 2: 0.8, 3: 1.2}  # per category, by its strongest cue
CUES_CAP = 3.0
PRICE_WITH_UNIT = 1.5
PRICED_PRODUCT = 1.2  # an amount written next to a product ("lean 40€")
BARE_PRICE = 0.4
DRUG_QUANTITY = 1.0
HANDOFF_VALUE = 0.6
PAYMENT_ID = 0.6
QUESTION = 0.8  # a question naming a product, with a word of asking for it: a customer
DOSE_ERRAND = 2.0  # a dose ("2g 🍀") with an address, a delivery or courier word, or a request
LOOKALIKE = {1: 0.7, 2: 2.0, 3: 3.0}  # per kind of look-alike, by its strongest word
LOOKALIKE_MORE, LOOKALIKE_CAP = 1.0, 2.0  # each further word of the same kind
GATE_CEILING = -1.0  # score ceiling without product or jargon, and in news reports
LOOKALIKE_VETO = 3  # the weight of a look-alike word that decides alone beside ambiguous words
NEWS_VETO = 3  # the weight of a news word ("interpellé", "seized") that makes a message a report

CANNABIS = frozenset({"cannabis_herb", "cannabis_resin", "cannabis_other"})
# Hand-offs to these are a sign of illicit trade by themselves: shops and restaurants do not use them.
COVERT_PLATFORMS = frozenset({"potato", "threema", "wickr", "session", "bot"})
TRADE_CONTEXT = frozenset({"offer", "order", "logistics"})
# Words around a dose that make it an order or a round: a request, a delivery, a pickup, a payment.
ERRANDS = frozenset({"order", "logistics", "service", "payment"})
# Vetting is a check before an order or a delivery, not a bank's identity check.
VETTED = frozenset({"order", "service", "handoff"})
VETTING_ALONE = 4  # summed weight of verification cues that is vetting without an order word
# The words of a sale, a round, a payment or a hand-off: beside them, vetting is a dealer's.
_SALE_CUES = frozenset({"offer", "service", "logistics", "payment", "handoff"})
# Talk whose firm words (weight 3) the learned layer's "trade" does not overrule; not the pharmacy's,
# whose words are also the street's euphemisms ("ton ordonnance est prête").
FIRM_TALK = frozenset({"news", "prevention"})
SONG_TALK = 2  # the weight of a word about a song ("refrain", "lyrics") beside the lines it quotes
# What a lookout tells couriers to hide, drop or switch beside a word for the police: words of the
# couriers' logistics ("go dark", "burners", "stash it"), not a hand-off ("text me when you're home").
HIDING = frozenset({"logistics"})
# A count for an amount, or an amount for a count: "5 for £40", "3 pour 25", "3 = 180", "100 les 2".
_MULTIBUY = re.compile(
    r"\d{1,3}\s?(?:for|pour|=)\s?[£$€]?\s?\d[\d.,]*\s?(?:[£$€]|euros?|quid)?"
    r"|[£$€]?\s?\d[\d.,]*\s?(?:[£$€]|euros?|balles)?\s?les\s?\d{1,3}",
    re.IGNORECASE,
)
UNWEIGHED = frozenset({"weather"})  # look-alikes nobody sells by the gram
# Look-alikes of the way goods travel, not of the goods: a parcel's words ("Colissimo", "le
# facteur") weigh nothing against a product named plainly with a dose, a price or the trade's own
# words ("Ton colis (10g d'Amnesia) est parti"); alone, a strong word may be a parcel's content
# ("votre colis 'Carte de randonnée Hindu Kush'", "Weed membrane 2m x 10m").
CARRIERS = frozenset({"parcel"})
RULES_SURE = math.log(LEARNED_RULES_SURE / (1 - LEARNED_RULES_SURE))  # the rules' score the learned layer leaves
GRAM_PRICE_FLOOR = 4.0  # euros (or pounds, dollars) a gram: the price of drugs, not of flour or tea
GROCERY_GRAM_PRICE = 0.5  # below this a gram, a price by weight is groceries ("250 g à 6€", "5 kg 9,90€")
GROCERY = 3.0  # log-odds a grocery price removes, as a look-alike word of weight 3 does
JARGON_OUTWEIGHS = 2  # this many words of the trade's jargon halve a look-alike's penalty
_GRAMS = {"g": 1.0, "kg": 1000.0}
_MEASURE_OF = re.compile(r"s?\s?(?:de\s|d'|d’|of\s)", re.IGNORECASE)  # "2 plaquettes de ...": the next one's


@dataclass(slots=True)
class Verdict:
    """The classification of one message and the hits that counted."""

    drug_trade: bool
    score: float
    categories: tuple[str, ...]
    products: tuple[str, ...]
    counted: list[Hit] = field(default_factory=list)
    doses: list[Dose] = field(default_factory=list)
    overruled: bool = False  # the learned layer's verdict, against the rules'


_START = itemgetter(0)  # a hit's start, read in C when sorting


def _lookalike_penalty(hits: Sequence[Hit]) -> float:
    best = _by_code(hits)
    penalty = sum(LOOKALIKE[weight] for weight in best.values())
    extra = len({hit.entry.term for hit in hits}) - len(best)
    return penalty + min(LOOKALIKE_MORE * extra, LOOKALIKE_CAP)


def _without_vague_emoji(weak: list[Hit], strong: Sequence[Hit]) -> list[Hit]:
    """A faint emoji ("💎": crystals of anything) beside a word naming another product is that product's
    decoration ("4-MMC 💎", "Tina 💎"), not a second product."""
    named = {hit.entry.code for hit in (*strong, *weak) if not hit.entry.emoji}
    if not named:
        return weak
    return [hit for hit in weak if not (hit.entry.emoji and hit.entry.weight == 1 and hit.entry.code not in named)]


def _per_gram(price: Price) -> float:
    """The price of one gram, or infinity when the price is not by weight."""
    grams = _GRAMS.get(price.unit or "")
    if grams is None or not price.quantity:
        return math.inf
    return price.amount / (price.quantity * grams)


def _without_measures(weak: list[Hit], strong: Sequence[Hit], text: str) -> list[Hit]:
    """A word that is also a measure or a pack ("plaquette", "tabs", "cristaux") beside a product of
    another kind measures that product ("xanax 2mg plaquette à 20", "tramadol 100 tabs", "3MMC
    cristaux"), unless it cannot (``_measures_none``)."""
    named = {hit.entry.code for hit in (*strong, *weak) if not hit.entry.unit}
    return [
        hit for hit in weak if not hit.entry.unit or not named - {hit.entry.code} or _measures_none(hit, named, text)
    ]


def _measures_none(hit: Hit, named: set[str], text: str) -> bool:
    """Whether a measure word names its own product beside ``named``: a resin's measure counted on
    its own beside the herb ("2 plaquettes et 30 pochons de beuh"; "2 plaquettes de beuh" is a
    measure of it), or the measure of another drug beside cannabis alone, which comes in no
    crystals, tabs or caps ("cristaux 40 le g, beuh 10 le g", "2 tabs et un pochon")."""
    code = hit.entry.code
    if code == "cannabis_resin":
        return named == {"cannabis_herb"} and _counted(text, hit) and _MEASURE_OF.match(text, hit.end) is None
    return code not in CANNABIS and named <= CANNABIS


def _without_counts(signals: Signals, prices: Sequence[Price]) -> None:
    """A word of jargon led by a figure ("20 bag": a twenty-pound bag) is no jargon where the figure
    counts the things a price is for ("20 bags £6.50" of tea): neither jargon nor a cue there."""
    counts = {price.start for price in prices if price.quantity is not None}
    counted = {id(hit) for hit in signals.jargon if hit.entry.term[:1].isdigit() and hit.start in counts}
    if counted:  # by identity: a set lookup per hit, not a comparison with each counted one
        signals.jargon = [hit for hit in signals.jargon if id(hit) not in counted]
        signals.cues = [hit for hit in signals.cues if id(hit) not in counted]


def _multibuy(text: str, prices: Sequence[Price]) -> bool:
    """Whether a price is a multi-buy: a count of units for an amount ("5 for £40", "3 pour 25",
    "100 les 2"), not a weight in a price list ("60 les 10g")."""
    return any(
        price.quantity and price.quantity >= 2 and _MULTIBUY.fullmatch(text, price.start, price.end) for price in prices
    )


def _near(price: Price, hits: Sequence[Hit], reach: int = 25) -> bool:
    """Whether a product word is written beside ``price``, or inside it unless ambiguous ("3 coke
    for 150"; not "3 white for 20", "2 dark for 5": a shop's wine, chocolate, paint)."""
    return any(
        hit.end <= price.start <= hit.end + reach
        or price.end <= hit.start <= price.end + reach
        or (price.start <= hit.start < price.end and not hit.entry.weak)
        for hit in hits
    )


def classify(
    text: str,
    hits: Sequence[Hit],
    prices: Sequence[Price],
    numbers: Sequence[Number],
    handoffs: Sequence[Handoff],
    payment_ids: int,
    named: Sequence[Hit] = (),
    implied: frozenset[str] = frozenset(),
    addresses: Sequence[tuple[int, int]] = (),
    learned: float | None = None,
) -> Verdict:
    """The verdict on ``text`` from what the detectors found in it.

    ``named`` are trade words found inside account names and links ("t.me/lacentrale_idf");
    ``implied`` are categories other detectors imply (hours: service, addresses: logistics);
    ``addresses`` are the spans of street addresses; ``learned`` is the learned layer's probability
    that the message is trade (``filiere.extract.learned``): above ``learned.TRADE`` it is trade
    and its ambiguous words count, below ``learned.DOUBT`` the rules' trade verdict is overruled,
    except where a look-alike decides alone (no) or the rules are sure (``learned.RULES_SURE``).
    """
    sure = learned is not None and learned >= LEARNED_TRADE
    signals = _collect(hits, addresses, text)
    if signals.weak and numbers:
        signals.weak = [hit for hit in signals.weak if not measures_other(text, hit)]
    if named:
        signals.jargon.extend(named)
    if signals.drugs:
        signals.jargon.extend(signals.drugs)
    if prices and signals.jargon:
        _without_counts(signals, prices)
    cue_codes: dict[str, int] = {}  # the strongest weight per category
    checks = 0  # summed weight of verification cues
    strong_cue = False  # sales words of any shop ("livraison", "promo") do not make "jaune" a drug
    police = hiding = False
    references: list[Hit] = []  # payment references ("in the note", "ref")
    for hit in signals.cues:
        entry = hit.entry
        code, weight = entry.code, entry.weight
        if weight > cue_codes.get(code, 0):
            cue_codes[code] = weight
        if entry.disguise:
            references.append(hit)
        elif entry.police:
            police = True
        elif weight >= 2 and code in HIDING:
            hiding = True
        if code == "verification":
            checks += weight
        elif weight >= 2 and code in TRADE_CONTEXT:
            strong_cue = True
    grocery = False
    if prices:
        # Nitrous oxide is sold by the kilo, cheap by the gram: its bottles are no groceries.
        grocery = any(_per_gram(price) < GROCERY_GRAM_PRICE for price in prices) and not any(
            hit.entry.code == "nitrous_oxide" for hit in (*signals.strong, *signals.weak)
        )
        if grocery:  # a price by weight of flour or salt is no sign of trade, and not an offer
            groceries = [price for price in prices if _per_gram(price) < GROCERY_GRAM_PRICE]
            prices = [price for price in prices if _per_gram(price) >= GROCERY_GRAM_PRICE]
    doses = find_doses(text, numbers, signals.strong + signals.weak) if numbers else []
    if grocery and doses:  # "sachet de 500 g à 2€" weighs salt, not a dose
        doses = [dose for dose in doses if not any(p.start <= dose.start < p.end for p in groceries)]
    # A dose with somewhere to take it, or someone asking for it: an order or a courier's round.
    errand = bool(doses) and (bool(addresses) or "?" in text or not ERRANDS.isdisjoint(cue_codes))
    # Vetting: checks asked before an order or a delivery, or several checks at once.
    vetting = checks >= 2 and (checks >= VETTING_ALONE or not VETTED.isdisjoint(cue_codes))
    # A lookout's warning: the police named beside what to hide or drop ("feds on the high street,
    # go dark", "12 outside, keep the burners off"), not the police alone ("les keufs tournent").
    lookout = police and hiding
    # A payment reference with its cover story ("put pizza in the note", "ref 'pizza'"): hiding a
    # sale, when a product is named (paying friends back for a real pizza hides nothing) and every
    # look-alike word is the reference's ("commande boulangerie … libellé : farine" is a bakery's).
    covered = [hit for hit in signals.lookalikes if hit.entry.code not in ALWAYS_BELIEVED]
    cover = bool(
        references
        and covered
        and (signals.strong or signals.weak)
        and all(near_any(hit, references) for hit in covered)
    )
    licensed = False  # a licensed shop's firm words: the legal THC limit, no sale to minors
    if cover or any(hit.entry.code == "legal_cbd" for hit in signals.lookalikes):
        signals.lookalikes = believed_lookalikes(signals.lookalikes, text, cover)
        licensed = any(h.entry.code == "legal_cbd" and h.entry.weight >= LOOKALIKE_VETO for h in signals.lookalikes)
        # A licensed shop checks an ID for the buyer's age: no vetting.
        vetting = vetting and not licensed
    # The trade's practices count as its own words: vetting, a lookout's warning, a cover story.
    practice = vetting or lookout or cover
    priced = gram_price = drug_quantity = valued_handoff = covert = False
    if prices:
        priced = any(price.unit is not None for price in prices)
        gram_price = any(p.unit == "g" and p.quantity and p.amount / p.quantity >= GRAM_PRICE_FLOOR for p in prices)
    if numbers:
        drug_quantity = any(number.unit is not None and trade_quantity(text, number) for number in numbers)
    if handoffs:
        valued_handoff = any(handoff.value is not None for handoff in handoffs)
        covert = any(handoff.platform in COVERT_PLATFORMS for handoff in handoffs)
    # Two readings are read in a sales message only (a promotion, an offer, an order, a price);
    # three or more, or a menu of three products' emoji, stand alone.
    agreement = _agree(signals.weak, text) if len(signals.weak) > 1 else 0
    agree = agreement > 1 or (agreement == 1 and (bool(prices) or max(cue_codes.values(), default=0) >= 2))
    context = bool(
        signals.strong or signals.jargon or priced or drug_quantity or strong_cue or valued_handoff or doses or agree
        or covert or practice or sure
    )  # fmt: skip
    lookalikes = _by_code(signals.lookalikes) if signals.lookalikes else {}
    # Talk about drugs (news, care) names them even with ambiguous words: listed, never scored.
    talk = bool(lookalikes.keys() & DRUG_TALK)
    # Slang that is rarely anything else ("md", "ket", "xan": weight 2) needs less: any sales word
    # of weight 2, a price, or a question around it.
    sales = bool(prices) or "?" in text or max(cue_codes.values(), default=0) >= 2
    if context or talk:
        weak = signals.weak
    elif sales and signals.weak:
        weak = [hit for hit in signals.weak if hit.entry.weight >= SLANG_WEIGHT and not hit.entry.emoji]
    else:
        weak = []
    if weak and (signals.strong or len(weak) > 1):
        weak = _without_vague_emoji(weak, signals.strong)
        weak = _without_measures(weak, signals.strong, text)
    own_words = bool(signals.jargon or covert or practice)  # the trade's own words, not only its shapes
    illicit = own_words or gram_price or errand
    counted: list[Hit] = [*signals.strong, *weak, *signals.cues, *signals.lookalikes, *named, *signals.drugs]
    if signals.masks:
        counted += signals.masks
    if len(counted) > 1:
        counted.sort(key=_START)

    # Legal CBD: its cannabis words are not the drug, unless the trade's jargon says otherwise.
    named_hits = [*signals.strong, *weak]
    products_hits = named_hits
    set_aside = "legal_cbd" in lookalikes and not own_words
    if set_aside:
        # Licensed shops price by the gram and deliver too: only the trade's own words tell otherwise.
        products_hits = [hit for hit in products_hits if hit.entry.code not in CANNABIS]
        illicit = False
    products = tuple(dict.fromkeys([hit.entry.code for hit in products_hits])) if products_hits else ()

    score = BIAS
    strong_codes = _by_code(signals.strong) if signals.strong else {}
    if strong_codes:
        score += STRONG_PRODUCT[max(strong_codes.values())]
    elif weak and (context or sales):
        score += WEAK_PRODUCT + (WEAK_AGREE if agree else 0.0)
    if len(products) > 1:
        score += min(MORE_PRODUCTS * (len(products) - 1), MORE_PRODUCTS_CAP)
    jargon = len(signals.jargon) + covert + (practice and not signals.jargon)
    if jargon:
        score += JARGON_FIRST + min(JARGON_MORE * (jargon - 1), JARGON_CAP)
    if cue_codes:
        score += min(sum(map(CUE.__getitem__, cue_codes.values())), CUES_CAP)
    if priced:
        score += PRICE_WITH_UNIT
    elif prices and products_hits and any(_near(price, products_hits) for price in prices):
        score += PRICED_PRODUCT
    elif prices:
        score += BARE_PRICE
    if drug_quantity:
        score += DRUG_QUANTITY
    if valued_handoff:
        score += HANDOFF_VALUE
    if payment_ids:
        score += PAYMENT_ID
    if products and "?" in text and "order" in cue_codes:
        score += QUESTION
    if errand:
        score += DOSE_ERRAND
    if lookalikes:
        # The trade's own words, several of them, outweigh a look-alike word around them: a job ad
        # for couriers who "récup le matos au four", a lookout "au coin de la boulangerie".
        believed = signals.lookalikes
        if signals.strong and (doses or priced or drug_quantity or own_words):
            believed = [hit for hit in believed if hit.entry.code not in CARRIERS]
        penalty = _lookalike_penalty(believed) if believed else 0.0
        # Payment coupons are named by fraud warnings too: they do not count here.
        own = sum(hit.entry.code != "payment" for hit in signals.jargon)
        score -= penalty / 2 if own >= JARGON_OUTWEIGHS else penalty
    if grocery:
        score -= GROCERY
    if not products and not illicit:
        score = min(score, GATE_CEILING)
    # Only ambiguous words, beside a word that plainly names something else ("lessive en poudre
    # blanche", "snow warning … ice"), and none of the trade's own words nor a price by the gram of
    # something never sold by the gram (snow at 80 a g; saffron is): the something else.
    sold_by_weight = gram_price and lookalikes.keys() <= UNWEIGHED
    # The words of vetting alone are no trade words against such a word either: landlords, banks and
    # dating apps check an identity and ask who sent you too ("Right to Rent check … a selfie holding it"),
    # but not beside a price or the words of a sale, a round or a payment (a dealer vets his customers).
    vetoed = (
        not signals.strong
        and max(lookalikes.values(), default=0) >= LOOKALIKE_VETO
        and not sold_by_weight
        and (
            not own_words
            or (
                not (weak or covert or lookout or cover or prices)
                and _SALE_CUES.isdisjoint(cue_codes)
                and all(hit.entry.code == "verification" for hit in signals.jargon)
            )
        )
    )
    # A report of a seizure or an arrest ("interpellé", "saisis", "charged with") names the trade's
    # words without being trade, unless it leaves a contact to order from.
    vetoed = vetoed or (lookalikes.get("news", 0) >= NEWS_VETO and not valued_handoff)
    # A song's lines quoted and talked about: every word of trade inside the quotation, and nothing
    # of a sale (a price, a contact, an address) anywhere. A menu in quotes is still a menu.
    vetoed = vetoed or (
        lookalikes.get("music", 0) >= SONG_TALK
        and not (prices or handoffs or addresses)
        and only_quoted(text, [*signals.strong, *weak, *signals.jargon, *signals.cues])
    )
    if vetoed:
        score = min(score, GATE_CEILING)

    drug_trade = score > 0
    # A look-alike that decides alone is the rules' firmest "no": the learned layer does not overrule
    # it. Nor firm talk about drugs ("j'ai eu une descente horrible", "parlez-en avec vos ados") in
    # a message with no word nor shape of trade and no question: the layer has learned the
    # products' names, not who is talking.
    quiet = not (own_words or cue_codes or prices or handoffs or "?" in text)
    if sure and talk and quiet and max(lookalikes.get(code, 0) for code in FIRM_TALK) >= LOOKALIKE_VETO:
        sure = False
    # Nor a licensed shop's menu that states the law (THC under the limit, no sale to minors; a THC
    # above it unbelieves those words) without the trade's own words: the layer knows the strains.
    if sure and set_aside and licensed:
        sure = False
    sure = sure and not vetoed
    # Nor does it overrule the rules' firmest "yes" (a named product with its price, jargon): a few
    # words it has only seen in look-alikes, padded onto a menu, must not hide it.
    doubted = learned is not None and learned < LEARNED_DOUBT and score < RULES_SURE
    overruled = learned is not None and drug_trade != sure and (sure or doubted)
    if overruled:
        assert learned is not None  # strictly between 0 and 1 (``learned.LOGIT_BOUND``)
        drug_trade = sure  # the learned layer is sure where the rules are not: its word stands
        score = math.log(learned / (1 - learned))
        if drug_trade and set_aside:
            # Trade after all: the cannabis words a CBD shop's words had set aside name the drug.
            products_hits = named_hits
            products = tuple(dict.fromkeys([hit.entry.code for hit in products_hits]))
    if not drug_trade and weak and not talk:
        # Out of trade and of talk about drugs, an ambiguous word is what it says: icing sugar,
        # snow on the roads, mushrooms on toast, a lightning bolt.
        products = tuple(dict.fromkeys(hit.entry.code for hit in products_hits if not hit.entry.weak))
    probability = round(1 / (1 + math.exp(-score)), 3)
    categories: tuple[str, ...] = ()
    if drug_trade:
        listed = len({hit.entry.code for hit in products_hits if not hit.entry.emoji})
        findings = Findings(
            priced,
            bool(prices),
            bool(handoffs),
            payment_ids,
            doses,
            len(products),
            listed,
            implied,
            _multibuy(text, prices),
        )
        found = _categories(signals.cues, text, findings)
        categories = tuple(sorted(found))
    return Verdict(drug_trade, probability, categories, products, counted, doses, overruled)
