"""The labelled set: its make-up, and the floor the detector must stay above on it.

Three parts. The rules are tuned on ``dev`` only. The held-out part (``heldout``) is never looked
at while tuning rules, so the rules' figures on it are held-out figures; the learned layer is
trained on it too (with ``dev``), so its figures there are training figures, kept as floors that
tell a broken training. The test part (``test``: the blind batches ``final`` to ``final6``) is
neither tuned nor trained on: the one figure of both layers on messages nobody here used. Held-out
figures of the learned layer come from cross-validation (``bench/detect_eval.py --cross``), too slow
for the tests.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from filiere.extract.evaluate import Scores, evaluate, read_labelled

DEVSET = Path(__file__).resolve().parent / "devset.jsonl"
ROWS = list(read_labelled(DEVSET))
FICTION = re.compile(r"^(?:\+33|0033|0)[\s.]?(?:6[\s.]?39[\s.]?98|1[\s.]?99[\s.]?00)")


@pytest.fixture(scope="module")
def scores() -> dict[str, Scores]:
    return evaluate(ROWS)


@pytest.fixture(scope="module")
def rules() -> dict[str, Scores]:
    return evaluate(ROWS, learned=False)


def test_make_up() -> None:
    groups = Counter(row["group"] for row in ROWS)
    assert len(ROWS) >= 570
    assert groups["hard_negative"] * 3 >= len(ROWS)
    assert {row["lang"] for row in ROWS} == {"fr", "en"}
    assert Counter(row["split"] for row in ROWS)["heldout"] >= 100
    assert len({row["id"] for row in ROWS}) == len(ROWS)


def test_phone_numbers_are_fictional() -> None:
    for row in ROWS:
        for number in re.findall(r"(?:\+33\s?|0033\s?|\b0)\d(?:[\s.]?\d\d){4}", row["text"]):
            assert FICTION.match(number), (row["id"], number)


def test_labels_use_the_taxonomy() -> None:
    from filiere.extract import CATEGORIES, PRODUCTS

    for row in ROWS:
        assert set(row["products"]) <= set(PRODUCTS), row["id"]
        assert set(row["categories"]) <= set(CATEGORIES), row["id"]
        assert row["drug_trade"] or not row["categories"], row["id"]


def test_f1_floor_on_tuned_part(scores: dict[str, Scores], rules: dict[str, Scores]) -> None:
    # The team's own tuned rows keep the 0.95, by the rules alone; with the blind batches
    # tuned on after a first blind score, the whole tuned part is a little lower for the rules.
    team = evaluate((row for row in ROWS if not row.get("batch")), learned=False)["dev"]
    assert team.trade.f1 >= 0.95, team.errors
    assert team.products.f1 >= 0.90
    # Every blind batch's tuned half is harder than the team's rows (unseen16, a whole delivery
    # chain written as each actor writes, and unseen17, orders in slang only, scored 0.68 and 0.60
    # blind by the rules): 0.95 on all of them would take lexicon rows written for single messages.
    # The tuned halves of unseen27 and unseen28 (a third very short, a third slang only) took the
    # whole from 0.931 to 0.929; the tuned half of unseen40 (English, a quarter under six words, 0.667
    # by the rules after tuning) took it from 0.921 to 0.916; the odd halves of unseen46 and unseen47,
    # trained on but never tuned on (0.757 and 0.880 by the rules), to 0.910; the odd halves of unseen69 to
    # unseen73 (messages dictated, in emoji, long posts, reviews: 0.75 to 0.88 by the rules after tuning) to 0.8995;
    # those of unseen76 to unseen85 (a deal point's words without products, county lines, after-sale, a seized
    # phone's week, police warnings: 0.72 to 0.96 by the rules after tuning) to 0.890; with unseen86 to
    # unseen88 (very short messages of both sides: 0.68 and 0.73), 0.885; with unseen89 to unseen105 (after an
    # arrest, very short English, after-sale, upstream, medicines: 0.70 to 0.91 by the rules after tuning), 0.878.
    assert rules["dev"].trade.f1 >= 0.875, rules["dev"].errors
    dev = scores["dev"]
    assert dev.trade.f1 >= 0.98, dev.errors  # the learned layer's training rows
    assert dev.products.f1 >= 0.90
    assert dev.categories.f1 >= 0.76


def test_conversation_batch_make_up() -> None:
    batch = [row for row in ROWS if row.get("batch") == "conversations"]
    assert len(batch) >= 150
    assert {row["lang"] for row in batch} == {"fr", "en"}
    assert sum(row["group"] == "hard_negative" for row in batch) >= 50
    assert sum(row["split"] == "heldout" for row in batch) >= 40


def test_f1_floor_on_conversations(scores: dict[str, Scores], rules: dict[str, Scores]) -> None:
    # Buyers', dispatchers' and couriers' messages: the later, harder batch of the labelled set.
    dev, held = scores["conversations/dev"], rules["conversations/heldout"]
    assert dev.trade.f1 >= 0.95, dev.errors
    assert held.trade.f1 >= 0.90, held.errors
    assert held.trade.precision >= 0.95


def test_f1_floor_on_held_out_part(scores: dict[str, Scores], rules: dict[str, Scores]) -> None:
    # The rules on rows nobody tuned them on: the team's own held-out rows keep their floor; the
    # blind batches' held-out parts, harder, have theirs below (unseen9 0.72, unseen15 0.67).
    team = evaluate((row for row in ROWS if not row.get("batch")), learned=False)["heldout"]
    assert team.trade.f1 >= 0.90, team.errors
    assert team.trade.precision >= 0.95
    assert team.products.f1 >= 0.88
    assert rules["heldout"].trade.f1 >= 0.78, rules["heldout"].errors
    assert rules["heldout"].trade.precision >= 0.92
    # With the learned layer, trained on these rows: its fit (cross-validated, about 0.92).
    held = scores["heldout"]
    assert held.trade.f1 >= 0.97, held.errors


def test_unseen_batch_make_up() -> None:
    # Written by others from the words alone, before any rule was tuned on them.
    batch = [row for row in ROWS if row.get("batch") == "unseen"]
    assert len(batch) >= 500
    assert {row["lang"] for row in batch} == {"fr", "en"}
    assert sum(row["group"] == "hard_negative" for row in batch) * 3 >= len(batch)
    assert sum(row["split"] == "heldout" for row in batch) >= 200


def test_f1_floor_on_unseen_batch(scores: dict[str, Scores], rules: dict[str, Scores]) -> None:
    dev, held = scores["unseen/dev"], rules["unseen/heldout"]
    assert dev.trade.f1 >= 0.92, dev.errors
    assert held.trade.f1 >= 0.85, held.errors
    assert held.trade.precision >= 0.95


@pytest.mark.parametrize(
    "name",
    [f"unseen{n}" for n in range(2, 14)],
)
def test_later_blind_batches_make_up(name: str) -> None:
    # Written by others from the words alone; scored once before any rule was changed for them.
    batch = [row for row in ROWS if row.get("batch") == name]
    assert len(batch) >= 300
    assert {row["lang"] for row in batch} <= {"fr", "en"}
    assert sum(row["group"] == "hard_negative" for row in batch) * 3 >= len(batch)


def test_f1_floor_on_second_blind_batch(scores: dict[str, Scores], rules: dict[str, Scores]) -> None:
    # Half of it was tuned on; the rules never were on the other half (every even id).
    dev, held = scores["unseen2/dev"], rules["unseen2/heldout"]
    assert dev.trade.f1 >= 0.93, dev.errors
    assert held.trade.f1 >= 0.82, held.errors
    assert held.trade.precision >= 0.88
    assert scores["unseen3/dev"].trade.f1 >= 0.93
    assert scores["unseen4/dev"].trade.f1 >= 0.93
    assert scores["unseen5/dev"].trade.f1 >= 0.90
    assert scores["unseen6/dev"].trade.f1 >= 0.85


# The later blind batches: odd ids tuned on after a first blind score, even ids never tuned on by
# the rules (the learned layer trains on both). (batch, floor of the rules' F1 and precision on its
# held-out half): what it is, first blind scores (rules alone / with the learned layer).
LATER_BATCHES = [
    ("unseen7", 0.81, 0.89),  # 340 FR/EN, every kind of message: FR 0.870, EN 0.603
    ("unseen8", 0.72, 0.92),  # 360 EN, UK/IE and NA/AU: 0.699 and 0.789
    ("unseen9", 0.70, 0.88),  # 480 FR/EN, many terse orders: 0.723 / 0.878
    ("unseen10", 0.78, 0.89),  # 480 FR/EN, look-alikes made to trick (epoxy resin, party ice): 0.749 / 0.861
    ("unseen11", 0.77, 0.92),  # 480 FR/EN, as each person of the trade writes: 0.778 / 0.881
    ("unseen12", 0.72, 0.87),  # 480 FR/EN, mostly very short messages: 0.724 / 0.835
    ("unseen13", 0.80, 0.95),  # 480 FR/EN, a third very short: 0.814 / 0.890
    ("unseen14", 0.77, 0.91),  # 240 FR, terse orders, courier talk, look-alikes: 0.804 / 0.858
    ("unseen15", 0.64, 0.85),  # 240 EN (UK/US/IE/AU), terse runner talk: 0.667 / 0.800
    ("unseen16", 0.58, 0.85),  # 240 FR/EN, a whole delivery chain, each actor as he writes: 0.679 / 0.798
    ("unseen17", 0.60, 0.85),  # 240 EN, every English, orders in slang only: 0.602 / 0.851
    ("unseen18", 0.50, 0.90),  # 240 FR, France, overseas and Belgium, orders in slang only: 0.637 / 0.823
    ("unseen19", 0.88, 0.94),  # 240 FR, every actor, from the brief alone: 0.890 / 0.957
    ("unseen20", 0.73, 0.91),  # 240 EN (UK/US), every actor, from the brief alone: 0.778 / 0.949
    ("unseen21", 0.85, 0.89),  # 240 FR, a delivery network's back office, each actor: 0.888 / 0.929
    ("unseen22", 0.71, 0.93),  # 240 EN, a line's back office, each actor: 0.696 / 0.891
    ("unseen23", 0.88, 0.89),  # 240 FR, centrales outside Paris, regional slang: 0.870 / 0.927
    ("unseen24", 0.75, 0.85),  # 240 EN, county lines and US plugs, vetting, runners: 0.804 / 0.943
    ("unseen25", 0.84, 0.93),  # 240 FR, every actor, slang and emoji codes: 0.867 / 0.948
    ("unseen26", 0.75, 0.88),  # 240 EN (UK/US/IE), slang only, look-alikes that copy dealers: 0.804 / 0.918
    ("unseen27", 0.86, 0.88),  # 240 FR, a third very short, a third slang only: 0.870 / 0.951
    ("unseen28", 0.76, 0.92),  # 240 EN, a third very short, a third slang only: 0.772 / 0.899
    ("unseen29", 0.80, 0.90),  # 240 FR, SMS style, cité argot, look-alikes sharing it: 0.842 / 0.920
    ("unseen30", 0.72, 0.88),  # 240 EN (UK/US/IE/AU), text-speak, road and plug slang: 0.818 / 0.942
    ("unseen31", 0.70, 0.93),  # 240 FR/EN, the customer's side, the hardest look-alikes: 0.786 / 0.934
    ("unseen32", 0.74, 0.87),  # 240 FR/EN, spelling games (leet, spaced, homoglyphs): 0.812 / 0.923
    ("unseen33", 0.83, 0.87),  # 200 FR/EN, long channel posts and long look-alikes: 0.889 / 0.944
    ("unseen34", 0.81, 0.82),  # 220 FR, groups shaped like a centrale's (tipsters, resellers, IPTV): 0.888 / 0.931
    ("unseen35", 0.80, 0.87),  # 220 EN, the same (betting, crypto calls, sneakers, licensed stores): 0.817 / 0.886
    ("unseen36", 0.60, 0.82),  # 200 EN, very short, slang only: 0.641 / 0.893
    ("unseen37", 0.82, 0.82),  # 200 FR/EN, channel posts and the same shapes without drugs: 0.912 / 0.930
    ("unseen38", 0.74, 0.90),  # 260 FR/EN, a realistic sample in many voices: 0.806 / 0.922
    ("unseen39", 0.84, 0.88),  # 240 FR/EN, a dealer's shapes, other trades (tipsters, snacks): 0.851 / 0.926
    ("unseen40", 0.62, 0.88),  # 240 EN, a realistic sample, a quarter under 6 words: 0.624 / 0.929
    ("unseen41", 0.78, 0.88),  # 240 FR, a realistic sample, a quarter under 6 words: 0.839 / 0.949
    ("unseen42", 0.76, 0.87),  # 260 FR/EN, a realistic sample in many voices: 0.824 / 0.961
    ("unseen43", 0.80, 0.85),  # 240 FR/EN, payment, vetting, couriers; KYC, ads, gig apps: 0.860 / 0.954
    ("unseen44", 0.78, 0.89),  # 260 FR/EN, a realistic sample in many voices: 0.869 / 0.969
    ("unseen45", 0.82, 0.84),  # 240 FR/EN, a dealer's shapes for other trades, again: 0.842 / 0.956
    ("unseen46", 0.68, 0.90),  # 260 FR/EN, a realistic sample, trained on but not tuned on: 0.742 / 0.928
    ("unseen47", 0.68, 0.90),  # 240 FR/EN, short messages of both sides, trained on, not tuned on: 0.817 / 0.982
    ("unseen48", 0.72, 0.92),  # 260 FR/EN, a realistic sample in many voices: 0.833 / 0.974
    ("unseen49", 0.85, 0.88),  # 240 FR/EN, regional voices (Marseille, Belgium, Quebec, darija, drill): 0.907 / 0.959
    ("unseen50", 0.80, 0.90),  # 260 FR/EN, a realistic sample in many voices: 0.870 / 0.987
    ("unseen51", 0.82, 0.95),  # 240 FR/EN, payment and service, and the same shapes in other trades: 0.890 / 0.954
    ("unseen52", 0.78, 0.95),  # 260 FR/EN, a realistic sample in many voices: 0.854 / 0.961
    ("unseen53", 0.76, 0.84),  # 240 EN (UK/IE/US/AU), a quarter under 6 words: 0.812 / 0.968
    ("unseen54", 0.74, 0.93),  # 260 FR/EN, a realistic sample in many voices: 0.816 / 0.943
    ("unseen55", 0.69, 0.87),  # 240 FR/EN, after the advert (orders, vetting, dispatch, couriers): 0.828 / 0.955
    ("unseen56", 0.70, 0.85),  # 260 FR/EN, a realistic sample in many voices: 0.832 / 0.962
    ("unseen57", 0.87, 0.88),  # 240 FR/EN, channels and their look-alikes (shops, tipsters): 0.931 / 0.973
    ("unseen58", 0.80, 0.87),  # 260 FR/EN, a realistic sample in many voices: 0.829 / 0.944
    ("unseen59", 0.75, 0.84),  # 240, 160 FR: each actor of a centrale, across France and Belgium: 0.802 / 0.943
    ("unseen60", 0.70, 0.92),  # 240 FR/EN, short messages (half under six words) of both sides: 0.726 / 0.892
    ("unseen61", 0.74, 0.90),  # 240, 160 FR: a realistic sample in many voices: 0.768 / 0.962
    ("unseen62", 0.82, 0.85),  # 240 FR/EN, 60 % look-alikes as close as can be: 0.857 / 0.949
    # From unseen63 on, the rows tuned on are the even ones (their split is dev) and the odd ones are held out:
    # the scripts of three stops read the even rows' errors while the odd ones were marked dev (swapped back).
    ("unseen63", 0.89, 0.97),  # 247 FR/EN, a centrale over months (bans, burned numbers, files): 0.852 / 0.944
    ("unseen64", 0.88, 0.94),  # 252 FR/EN, rich in fields, in trade and in look-alikes: 0.892 / 0.962
    ("unseen65", 0.88, 0.95),  # 242 FR/EN, three quarters under nine words, both sides: 0.862 / 0.957
    ("unseen66", 0.82, 0.93),  # 254 FR/EN, regional voices (Québec, Réunion, Glasgow, drill): 0.841 / 0.945
    ("unseen67", 0.78, 0.92),  # 247 FR/EN, customers' and couriers' phones, and their ordinary life: 0.809 / 0.952
    ("unseen68", 0.90, 0.95),  # 258 FR/EN, channels and the shops and groups shaped like them: 0.867 / 0.930
    ("unseen69", 0.73, 0.94),  # 260 FR/EN, typed fast or dictated (no punctuation, numbers in words): 0.789 / 0.935
    ("unseen70", 0.82, 0.90),  # 259 FR/EN, code-switching (Darija, verlan, patois, Spanish, Polish): 0.870 / 0.976
    ("unseen71", 0.79, 0.93),  # 260 FR/EN, stories and captions in emoji, and look-alikes made of them: 0.802 / 0.948
    ("unseen72", 0.84, 0.89),  # 200 FR/EN, long posts (rules, FAQ, rotas, terms; long menus of shops): 0.847 / 0.888
    ("unseen73", 0.85, 0.90),  # 260 FR/EN, reviews, complaints, scams and rivalries, and shoppers' own: 0.844 / 0.922
    ("unseen74", 0.89, 0.93),  # 260 FR/EN, a seized phone's day, 70 % ordinary life in the trade's words: 0.857 / 0.921
    ("unseen75", 0.81, 0.86),  # 260 FR/EN, upstream: wholesale, convoys, stash flats, laundering: 0.796 / 0.869
    ("unseen76", 0.79, 0.97),  # 256 FR/EN, a deal point's day, products unnamed (lookouts, shifts): 0.861 / 0.960
    ("unseen77", 0.72, 0.90),  # 259 EN/FR, county lines (runners, smokers, light and dark, re-ups): 0.730 / 0.915
    ("unseen78", 0.77, 0.88),  # 258 FR/EN, payment, shipping and after-sale (coupons, parcels, reviews): 0.783 / 0.866
    ("unseen79", 0.79, 0.95),  # 258 FR/EN, orders by amounts and codes ("un 20", "a 10 of green"): 0.792 / 0.933
    ("unseen80", 0.70, 0.88),  # 253 EN/FR, a seized phone's week, 30 % trade, in its real proportion: 0.677 / 0.908
    ("unseen81", 0.69, 0.83),  # 260 FR/EN, warnings of the police and what to hide, and drivers' groups': 0.738 / 0.847
    ("unseen82", 0.82, 0.81),  # 259 FR/EN, vetting, moves between apps, channels banned and back: 0.855 / 0.959
    ("unseen83", 0.71, 0.82),  # 259 EN, North American and Australian plugs, sneaker and ticket plugs: 0.736 / 0.944
    ("unseen84", 0.93, 0.92),  # 260 FR, centrales' marketing and the same by snacks, barbers, tabacs: 0.965 / 0.979
    ("unseen85", 0.91, 0.89),  # 258 FR, a courier's phone over a week, 35 % trade: 0.885 / 0.942
    # From unseen86 on, the odd rows are tuned on (dev) and the even ones held out, as the merge marks them.
    ("unseen86", 0.61, 0.82),  # 248 EN, very short UK and Irish messages of both sides: 0.661 / 0.843
    ("unseen87", 0.76, 0.89),  # 254 FR, very short messages of centrales and points de deal, SMS, emoji: 0.750 / 0.925
    ("unseen88", 0.86, 0.94),  # 252 FR/EN, a realistic sample in many voices, 40 % trade: 0.880 / 0.961
    ("unseen89", 0.69, 0.90),  # 240 FR/EN, after an arrest or a raid, and families' and neighbours' talk: 0.709 / 0.859
    ("unseen90", 0.68, 0.91),  # 233 EN, very short North American, Australian and UK messages: 0.726 / 0.914
    ("unseen91", 0.69, 0.92),  # 237 FR/EN, after-sale (quality, weight, refunds) and Vinted's, eBay's: 0.731 / 0.906
    ("unseen92", 0.82, 0.97),  # 240 FR, Belgian, Swiss and Quebec French: 0.850 / 0.922
    ("unseen93", 0.85, 0.93),  # 239 FR/EN, voice notes transcribed, long rambling messages: 0.868 / 0.966
    ("unseen94", 0.71, 0.86),  # 240 FR/EN, upstream: importers, nourrices, go-fast, laundering: 0.751 / 0.898
    ("unseen95", 0.82, 0.87),  # 232 FR, a young customer's phone over two weeks, 25 % trade: 0.845 / 0.951
    ("unseen96", 0.74, 0.94),  # 239 FR/EN, money between people of the trade: debts, collectors, threats: 0.817 / 0.966
    ("unseen97", 0.86, 0.92),  # 239 FR/EN, customers among themselves: plans, a guy passed on: 0.864 / 0.962
    ("unseen98", 0.86, 0.87),  # 238 FR/EN, street French and English with darija, verlan, drill slang: 0.887 / 0.961
    ("unseen99", 0.78, 0.91),  # 238 FR/EN, parties, festivals, chemsex, and festivals' own messages: 0.810 / 0.915
    ("unseen100", 0.70, 0.90),  # 240 FR/EN, medicines diverted and resold (pregabalin, Ritalin, codeine): 0.724 / 0.864
    ("unseen101", 0.86, 0.92),  # 237 FR/EN, an operator abroad on a second phone, 35 % trade: 0.893 / 0.971
    ("unseen102", 0.81, 0.90),  # 240 EN/FR, medicines resold, second batch (roxies, trammies, pregabs): 0.820 / 0.947
    ("unseen103", 0.86, 0.90),  # 237 FR/EN, stories and captions in emoji and codes, and shops': 0.865 / 0.954
    ("unseen104", 0.73, 0.82),  # 231 FR, very short messages, second batch: 0.829 / 0.925
    ("unseen105", 0.77, 0.95),  # 239 FR/EN, the trade after an arrest or a seizure, second batch: 0.786 / 0.887
]


@pytest.mark.parametrize(("batch", "f1", "precision"), LATER_BATCHES)
def test_f1_floor_on_later_blind_batches(
    scores: dict[str, Scores], rules: dict[str, Scores], batch: str, f1: float, precision: float
) -> None:
    held = rules[f"{batch}/heldout"]
    assert held.trade.f1 >= f1, held.errors
    assert held.trade.precision >= precision
    assert scores[f"{batch}/dev"].trade.f1 >= 0.90


# The test batches, written from the brief alone by reviewers who never saw the lexicon, the
# rules or the labelled set, and only ever scored: (batch, messages, floor of the rules' F1, floor
# of F1 and of precision with the learned layer), and their first scores.
TEST_BATCHES = [
    # 130 French, 110 English: 0.824 for the code of that day (EN 0.708, FR 0.905)
    ("final", 240, 0.84, 0.94, 0.92),
    # 130 / 130, after the learned layer existed: 0.917 (0.855 rules; 0.816 for the code before)
    ("final2", 260, 0.83, 0.95, 0.94),
    # 130 / 130, written last, after the layer was trained on the held-out rows: 0.934 (FR 0.964,
    # EN 0.904; the rules alone 0.808)
    ("final3", 260, 0.79, 0.92, 0.93),
    # 130 / 130, written last, after the categories' learned layer: 0.958 (FR 0.966, EN 0.950; the
    # rules alone 0.893), categories 0.838
    ("final4", 260, 0.87, 0.94, 0.93),
    # 130 / 130 (three repeating earlier rows left out), written after lexicon 1.15, scored before 1.16:
    # 0.977 (FR 0.992, EN 0.961; the rules alone 0.885), categories 0.852, products 0.925
    ("final5", 257, 0.86, 0.95, 0.95),
    # 130 / 130 (eleven repeating earlier rows left out: "dispo?", "u about", family chat), written after
    # lexicon 1.17: 0.938 on all 260 (FR 0.920, EN 0.956; the rules alone 0.798), 0.955 on the 249 kept;
    # categories 0.856, products 0.863
    ("final6", 249, 0.79, 0.94, 0.94),
    # 130 / 130 (four repeating earlier rows left out), written after this stop's first two batches:
    # 0.974 on all 260 (the rules alone 0.882), categories 0.892, products 0.949
    ("final7", 256, 0.84, 0.93, 0.94),
    # 130 / 130 (eleven repeating earlier rows left out), written after unseen33: 0.947 on all 260
    # (FR 0.957, EN 0.937; the rules alone 0.864), categories 0.877, products 0.913
    ("final8", 249, 0.82, 0.93, 0.94),
    # 130 / 130 (nine repeating earlier rows left out), written after unseen35: 0.943 on all 260
    # (FR 0.940, EN 0.946; the rules alone 0.881), categories 0.835, products 0.941
    ("final9", 251, 0.84, 0.91, 0.93),
    # 130 / 130 (five repeating earlier rows left out), written at the next stop's start, scored at its
    # end: 0.979 on all 260 (FR 0.965, EN 0.992; the rules alone 0.877), categories 0.906, products 0.941
    ("final10", 255, 0.84, 0.95, 0.95),
    # 130 / 130 (14 repeating earlier rows left out), written after final10, scored once after unseen44 and
    # unseen45: 0.970 on all 260 (FR 1.000, EN 0.938; the rules alone 0.880), categories 0.905, products 0.949
    ("final11", 246, 0.84, 0.93, 0.95),
    # 130 / 130 (11 repeating earlier rows left out), written after final11, scored once after unseen46 and
    # unseen47 were trained on (not tuned on): 0.966 on all 260 (FR 0.967, EN 0.966; the rules alone 0.844),
    # categories 0.888, products 0.923
    ("final12", 249, 0.80, 0.93, 0.93),
    # 130 / 130 (one repeating an earlier row left out), written at this stop's start, scored once after
    # unseen48 to unseen51: 0.974 on all 260 (FR 0.974, EN 0.974; the rules alone 0.853), categories 0.942,
    # products 0.942
    ("final13", 255, 0.83, 0.95, 0.95),
    # 130 / 130 (15 repeating earlier rows left out), written at this stop's start, scored once after
    # unseen54 to unseen57 were tuned and trained on: 0.970 on all 260 (FR 0.950, EN 0.991; the rules
    # alone 0.825), categories 0.913, products 0.935
    ("final14", 245, 0.79, 0.94, 0.94),
    # 130 / 130 (14 repeating earlier rows left out), written at this stop's start, scored once after
    # unseen58 to unseen62 were tuned and trained on: 0.978 on all 260 (FR 1.000 on the 120 kept, EN 0.956;
    # the rules alone 0.902), categories 0.913, products 0.940
    ("final15", 246, 0.87, 0.95, 0.96),
    # 130 / 130 (13 repeating earlier rows left out), written at this stop's start, scored once after
    # unseen63 to unseen66 were tuned and trained on: 0.960 on all 260 (FR 0.960, EN 0.960, precision
    # 1.000; the rules alone 0.877), categories 0.875, products 0.938
    ("final16", 247, 0.85, 0.94, 0.97),
    # 130 / 130 (one repeating an earlier row left out), written at this stop's start, scored once after
    # unseen69 and unseen70 were tuned and trained on: 0.983 on all 260 (FR 0.986, EN 0.979; the rules
    # alone 0.905), categories 0.909, products 0.937
    ("final17", 259, 0.88, 0.96, 0.96),
    # 130 / 130 (three repeating earlier rows left out), written after unseen71 to unseen73, scored once after
    # unseen74 and unseen75 were tuned and trained on: 0.966 on all 260 (FR 0.986, EN 0.944; the rules
    # alone 0.846), categories 0.840, products 0.918
    ("final18", 257, 0.82, 0.94, 0.96),
    # 130 / 130 (four repeating earlier rows left out), written at this stop's start, scored once after
    # unseen76 to unseen85 were tuned and trained on: 0.987 on all 260 (FR 0.993, EN 0.980, precision
    # 1.000; the rules alone 0.880), categories 0.859, products 0.930
    ("final19", 256, 0.86, 0.96, 0.97),
    # 130 / 130 (three repeating earlier rows left out), written at this stop's start, scored once after
    # unseen89 to unseen95 were tuned and trained on: 0.967 on all 260 (FR 0.967, EN 0.966; the rules
    # alone 0.851), categories 0.873, products 0.934
    ("final20", 257, 0.82, 0.94, 0.94),
    # 130 / 130 (four repeating earlier rows left out), written after final20, scored once after unseen89 to
    # unseen100 were tuned and trained on: 0.970 on all 260 (FR 0.973, EN 0.966, precision 0.980; the rules
    # alone 0.873), categories 0.858, products 0.912
    ("final21", 256, 0.84, 0.94, 0.95),
    # 130 / 130 (seven repeating earlier rows left out), written after final21, scored once after unseen89 to
    # unseen105 were tuned and trained on: 0.973 on all 260 (FR 0.987, EN 0.959, precision 0.980; the rules
    # alone 0.897), categories 0.884, products 0.933
    ("final22", 253, 0.87, 0.95, 0.95),
    # 130 / 130 (four repeating earlier rows left out), written while the stop's figures were measured,
    # scored once at its end: 0.980 on all 260 (FR 0.986, EN 0.973, precision 1.000; the rules alone
    # 0.891; the code at the stop's start 0.976), categories 0.894, products 0.920
    ("final23", 256, 0.86, 0.95, 0.97),
]


@pytest.mark.parametrize(("batch", "size", "rules_f1", "f1", "precision"), TEST_BATCHES)
def test_f1_floor_on_test_batches(
    scores: dict[str, Scores], rules: dict[str, Scores], batch: str, size: int, rules_f1: float, f1: float,
    precision: float,
) -> None:  # fmt: skip
    rows = [row for row in ROWS if row.get("batch") == batch]
    assert len(rows) == size
    assert all(row["split"] == "test" for row in rows)
    assert rules[f"{batch}/test"].trade.f1 >= rules_f1
    tested = scores[f"{batch}/test"]
    assert tested.trade.f1 >= f1, tested.errors
    assert tested.trade.precision >= precision


def test_categories_on_the_test_part(scores: dict[str, Scores], rules: dict[str, Scores]) -> None:
    # The rules alone name 0.71 of them (micro-F1), with the categories' learned layer 0.861.
    assert rules["test"].categories.f1 >= 0.68
    assert scores["test"].categories.f1 >= 0.83
    assert scores["test"].categories.precision >= 0.82


def test_nothing_is_trained_on_the_test_part() -> None:
    from filiere.extract import learned, learned_categories

    assert learned.training_rows(ROWS) == [(row["text"], row["drug_trade"]) for row in ROWS if row["split"] != "test"]
    tested = {row["text"] for row in ROWS if row["split"] == "test"}
    assert len(tested) >= 1000
    # Writers of different batches may both write "ok" or "lol": the only texts shared with the
    # training rows are such replies, which name nothing.
    shared = tested & {text for text, _ in learned.training_rows(ROWS)}
    assert all(len(text) <= 10 for text in shared) and len(shared) <= 5, shared
    assert not tested & {text for text, _ in learned_categories.training_rows(ROWS)}
