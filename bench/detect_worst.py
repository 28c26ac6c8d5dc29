"""The detection of hostile long messages: CPU time at 16,000 and 64,000 characters, and their ratio.

    python bench/detect_worst.py

Each shape repeats what one detector reads (prices, thousands, hours, days, arrondissements,
postcodes, towns, hand-offs) until the message is long; a detector that goes over the text once
per item takes about 4 times as long for 4 times the text (ratio near 4), one that goes over it
once per item *and* per character about 16 times (ratio near 16: quadratic, a message can stall a
worker). The per-text cache is off; the detectors run compiled unless ``FILIERE_PURE_PYTHON=1``.
"""

from __future__ import annotations

import time

from filiere.extract import compiled, default_lexicon, detect

SHAPES = {
    "fractions": "1/8 ",
    "eighths": "an 8th ",
    "unit prices": "10€ le G ",
    "thousands": "2 500 ",
    "bare amounts, money words": "ça fait 80 en tout ",
    "hours": "lundi 18h-2h, ",
    "bare hours after days": "Mon-Sat 9-7, ",
    "days alone": "samedi ",
    "arrondissements": "Paris 18, ",
    "UK outward codes": "SE1, ",
    "towns": "Lyon, Villeurbanne, ",
    "districts after towns": "Tottenham N17 ",
    "counted bundles": "2 pies $30, ",
    "units named before prices": "Balloons £3 ",
    "landmarks": "Penn Station Getty Square ",
    "later hours on days": "10h-2h, vendredi jusqu'à 5h, ",
    "hand-offs": "Signal 06 39 98 12 34 ",
    "values in brackets": "06 39 98 12 34 (Signal + WhatsApp) ",
    "handles": "@plug_92 ",
    "capitals": "AB",
    "spaces after a day": "Samedi" + " " * 200 + "x 10h-18h ",
    "counted jargon": "20 bag £20, ",
    "rewritten runs beside hits": "@ab_01234 " + "x" * 20 + " Signal " + "y" * 32 + " ",
    "emoji": "🍀❄️💊",
    "quotations opened, never closed": "refrain « beuh 10 le g ",
    "quoted lines of a song": "refrain « beuh 10 le g » ",
    "former prices": "le G à 50 au lieu de 70, ",
    "American addresses": "Evanston, IL 60201 ",
    "emoji pictures": "🍫 Triple choc brownie £4 ",
    "accounts after ID": "Threema (ID 7HPK2R9D) ",
    "neighbourhoods after towns": "Lyon: Ab, Cd, ",
    "accounts later in the clause": "New Snap after the last one got banned: dub.grn.24 ",
    "the only platform": "Signal uniquement : coke_gros.69 ",
    "fees after a plus sign": "+1€ ",
    "ranks before a gift": "la 3e barrette offerte, ",
    "stations": "Kentish Town station ",
    "arrondissements with slashes": "Marseille 13e/14e/15e ",
    "English thousands": "£1,000 ",
    "French thousands": "1 000€ ",
    "a haul and its worth": "2kg of weed and £25,000 ",
    "millions": "£1.2m ",
    "hyphenated names": "Croix-Rouge-Bayonne-Anglet-",
    "lists after a word of delivery": "drops: Cabra, Phibsborough, ",
    "neighbourhoods after quartier": "quartier du Panier ",
    "stretched words": "weeeed shiiit ",
    "spaced letters": "c o k e  ",
    "a landmark before stretched words": "cité Aaa Bbb Ccc ",
    "a hyphenated run of towns": "Dallas-Fort Worth-Lyon-3 ",
    "lists after a sign of where": "Leeds ✅ Abc, Bcd, Cde 📍 Brixton, Stockwell, ",
    "units named before a price": "Pills £5 Taz 10€ buvards 10, Pochons 10/20 ",
    "totals and per-unit phrases": "2 plaquettes à 200 = 400€ 5g à 15€ le g ",
    "ranges ending in am or pm": "9-11pm de 20 à 2am 18h ➡️ 3h ",
    "quarters and Saint": "Lille-Sud St Kilda St Ouen ",
    "Australian mobiles": "0491 570 118 ",
    "counted codes priced in a list": "3 light for 25, 2 milk for 5, ",
    "cashtags after Cash App": "Cash App $plug_a1 ",
    "amounts before hours": "£20 after 10pm, ",
    "a courier's tour": "Tournée : Bondy 19h, Hackney Wick 8pm, Govan after 10, ",
    "arrondissements in Roman figures": "dans le XVIIIe et le XIXe, Paris XXe arr., ",
    "neighbourhoods where one is said": "je suis à Croix-Rouge, drops in Moss Side Govanhill Possil ",
}


def _seconds(text: str) -> float:
    start = time.process_time()
    detect(text, cache=False)
    return time.process_time() - start


def main() -> None:
    lexicon = default_lexicon()
    print(f"lexicon {lexicon.version}, detectors {compiled.MODE}")
    print(f"{'shape':28} {'16,000 chars':>13} {'64,000 chars':>13} {'ratio':>6}")
    for name, unit in SHAPES.items():
        short = (unit * (16_000 // len(unit) + 1))[:16_000]
        long = (unit * (64_000 // len(unit) + 1))[:64_000]
        detect(short[:200], cache=False)  # warm the lazy tables
        small, large = _seconds(short), _seconds(long)
        ratio = large / small if small > 0.0005 else float("nan")
        print(f"{name:28} {small:>12.3f}s {large:>12.3f}s {ratio:>6.1f}")


if __name__ == "__main__":
    main()
