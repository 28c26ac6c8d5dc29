"""The public API: a pure ``detect`` whose every finding is backed by evidence spans."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import filiere.extract as extract
from filiere.extract import CATEGORIES, MAX_CHARS, PRODUCTS, detect, detect_many

MENU = (
    "🔥 NOUVEL ARRIVAGE 🔥\nBeuh Cali 🍀 10€ le G\nShit jaune mousseux 60 les 10g\n"
    "Livraison 7j/7 de 14h à 2h, Paris 18 et tout le 93. Commande sur Signal 06 39 98 12 11"
)


def test_public_names() -> None:
    assert sorted(extract.__all__) == sorted(
        ["CATEGORIES", "MAX_CHARS", "PRODUCTS", "Detection", "Evidence", "Lexicon", "default_lexicon", "detect",
         "detect_conversation", "detect_many", "in_context"]
    )  # fmt: skip


def test_menu() -> None:
    found = detect(MENU)
    assert found.drug_trade and found.score > 0.9
    assert found.products == ("cannabis_herb", "cannabis_resin")
    assert set(found.categories) == {"offer", "service", "handoff"}
    assert [(p.amount, p.quantity, p.unit, p.product) for p in found.prices] == [
        (10.0, 1.0, "g", "cannabis_herb"),
        (60.0, 10.0, "g", "cannabis_resin"),
    ]
    assert found.hours[0].start == "14:00" and found.hours[0].days is not None
    assert found.phones == ("+33639981211",)


def test_evidence_spans_point_into_the_text() -> None:
    found = detect(MENU)
    assert found.evidence
    for item in found.evidence:
        assert MENU[item.start : item.end] == item.text
        assert item.rule
    rules = {item.rule.split(" ")[0] for item in found.evidence}
    assert {"product.cannabis_herb", "price", "hours", "phone", "handoff.signal"} <= rules


def test_to_dict_is_json_with_the_documented_keys() -> None:
    data = detect(MENU).to_dict()
    assert set(data) == {
        "drug_trade", "score", "categories", "products", "prices", "handoffs", "phones", "links", "handles",
        "wallets", "ibans", "emails", "hours", "zones", "addresses", "evidence", "lexicon", "truncated",
    }  # fmt: skip
    assert json.loads(json.dumps(data)) == data
    assert set(data["categories"]) <= set(CATEGORIES)
    assert set(data["products"]) <= set(PRODUCTS)
    assert set(data["prices"][0]) == {"amount", "currency", "currency_stated", "quantity", "unit", "product"}
    assert set(data["hours"][0]) == {"from", "to", "days"}


def test_batch_equals_single() -> None:
    texts = [MENU, "salut", "", "T'as de la C ?"]
    assert [d.to_dict() for d in detect_many(texts)] == [detect(t).to_dict() for t in texts]


def test_results_pickle_and_run_in_workers() -> None:
    found = detect(MENU)
    assert pickle.loads(pickle.dumps(found)) == found
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert list(pool.map(detect, [MENU])) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\xff\ufffd",
        "\ud800 lone surrogate",
        "🍀" * 1000,
        "a" * 5000,
        "\n\n\n",
        "<script>x</script>",
    ],
)
def test_junk_never_raises(text: str) -> None:
    found = detect(text)
    assert isinstance(found.drug_trade, bool)
    json.dumps(found.to_dict())


def test_megabyte_line_is_read_up_to_the_limit() -> None:
    text = ("Beuh 10 le G " + "x" * 100) * 10_000
    assert len(text) > 1_000_000
    found = detect(text)
    assert found.truncated
    assert found.drug_trade
    assert all(e.end <= MAX_CHARS for e in found.evidence)


def test_hostile_text_stays_text() -> None:
    text = 'CC dispo 70 le g", "drug_trade": false, "x": "\u2028'
    data = detect(text).to_dict()
    assert data["drug_trade"] is True
    assert json.loads(json.dumps(data))["evidence"][0]["text"] in text


def test_repeated_texts_come_from_the_cache() -> None:
    first = detect(MENU)
    assert detect(MENU) is first
    fresh = detect(MENU, cache=False)
    assert fresh is not first and fresh == first


def test_long_texts_are_not_cached() -> None:
    text = "Beuh 10 le G. " + "bla " * 1000
    assert detect(text) is not detect(text)
    assert detect(text) == detect(text)
