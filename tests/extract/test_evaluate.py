"""Scoring against a labelled set, and the cross-validation that gives the learned layer held-out
figures although it is trained on the held-out rows."""

from __future__ import annotations

from typing import Any

import pytest

from filiere.extract import detect, learned, learned_categories
from filiere.extract import evaluate as evaluate_module
from filiere.extract.evaluate import cross_validate, evaluate

ROWS: list[dict[str, Any]] = [
    {"id": "a1", "split": "dev", "batch": "a", "text": "Beuh 10€ le G, livraison 7j/7", "drug_trade": True},
    {
        "id": "a2",
        "split": "heldout",
        "batch": "a",
        "text": "pizza 4 fromages 10€, livraison offerte",
        "drug_trade": False,
    },
    {"id": "a3", "split": "heldout", "batch": "a", "text": "2 pochons de jaune pour ce soir stp", "drug_trade": True},
    {"id": "b1", "split": "dev", "batch": "b", "text": "the forecast says snow and ice tonight", "drug_trade": False},
    {"id": "b2", "split": "heldout", "batch": "b", "text": "coke 70 le g, commande sur Signal", "drug_trade": True},
    {"id": "t1", "split": "heldout", "text": "tu viens au foot dimanche ?", "drug_trade": False},
    {"id": "x1", "split": "test", "batch": "final", "text": "kéta 30 le g, dispo", "drug_trade": True},
]
for _row in ROWS:
    _row.update(categories=[], products=[])


def test_scores_by_split_batch_and_all() -> None:
    scores = evaluate(ROWS)
    assert scores["all"].messages == len(ROWS)
    assert scores["heldout"].messages == 4
    assert scores["a/heldout"].messages == 2 and scores["final/test"].messages == 1
    assert scores["a/dev"].trade.tp == 1  # "beuh 10€ le G"


def test_cross_validation_never_scores_a_row_its_layer_was_trained_on(monkeypatch: pytest.MonkeyPatch) -> None:
    trained: list[set[str]] = []
    real_train = learned.train

    def recording(rows: list[tuple[str, bool]], penalty: float = learned.PENALTY) -> learned.Model:
        trained.append({text for text, _ in rows})
        return real_train(rows, penalty)

    models: list[learned.Model] = []

    def training(rows: list[tuple[str, bool]], penalty: float = learned.PENALTY) -> learned.Model:
        models.append(recording(rows, penalty))
        return models[-1]

    sorters: list[tuple[set[str], learned_categories.CategoryModel]] = []
    real_sorter = learned_categories.train

    def sorting(rows: list[tuple[str, list[str]]], penalty: float = learned.PENALTY) -> Any:
        sorters.append(({text for text, _ in rows}, real_sorter(rows, penalty)))
        return sorters[-1][1]

    scored_by: dict[str, learned.Model] = {}  # each scored text -> the layer that scored it
    sorted_by: dict[str, learned_categories.CategoryModel] = {}  # ... and the categories' layer
    real_detect = evaluate_module.detect

    def detect_recording(text: str, **options: Any) -> Any:
        scored_by[text] = learned.current_model()
        sorted_by[text] = learned_categories.current_model()
        return real_detect(text, **options)

    monkeypatch.setattr(learned, "train", training)
    monkeypatch.setattr(learned_categories, "train", sorting)
    monkeypatch.setattr(evaluate_module, "detect", detect_recording)
    scores = cross_validate(ROWS)

    assert len(trained) == 3  # one layer per batch with held-out rows: a, b and the team's (no batch)
    by_text = {row["text"]: row for row in ROWS}
    for texts in trained:
        assert "kéta 30 le g, dispo" not in texts  # test rows are never trained on
        assert all(by_text[text]["split"] != "test" for text in texts)
    held_out_of = dict(zip(["a", "b", "team"], trained, strict=True))
    assert not held_out_of["a"] & {ROWS[1]["text"], ROWS[2]["text"]}
    assert ROWS[4]["text"] in held_out_of["a"]  # another batch's held-out rows are trained on
    assert not held_out_of["b"] & {ROWS[4]["text"]}
    assert scores["heldout"].messages == 4
    assert {name for name in scores} == {"heldout", "a/heldout", "b/heldout", "team/heldout"}
    # ... and each row was scored by the layer trained without it, never by the shipped one.
    layer_of = dict(zip(["a", "b", "team"], models, strict=True))
    sorter_of = dict(zip(["a", "b", "team"], sorters, strict=True))
    for row in ROWS:
        if row["split"] == "heldout":
            assert scored_by[row["text"]] is layer_of[row.get("batch", "team")]
            trained_on, sorter = sorter_of[row.get("batch", "team")]
            assert sorted_by[row["text"]] is sorter and row["text"] not in trained_on
    assert all("kéta 30 le g, dispo" not in texts for texts, _ in sorters)
    assert learned.current_model() is learned.default_model()
    assert learned_categories.current_model() is learned_categories.default_model()


def test_a_layer_used_for_a_while_gives_way_to_the_shipped_one() -> None:
    shipped = learned.default_model()
    text = "need a ting of the white for 2nite, can u bring it to mine after 10"
    before = detect(text)
    other = learned.train([("the forecast says snow tonight", False), ("coke 70 le g", True)])
    with learned.using(other):
        assert learned.current_model() is other
        inside = detect(text)
        assert other.version in inside.lexicon and inside.score != before.score
    assert learned.current_model() is shipped
    after = detect(text)
    assert after.lexicon == before.lexicon and after.score == before.score


def test_layers_used_in_blocks_nest() -> None:
    shipped = learned.default_model()
    outer = learned.train([("the forecast says snow tonight", False), ("coke 70 le g", True)])
    inner = learned.train([("pizza 10 la part", False), ("beuh 10 le g", True)])
    with learned.using(outer):
        with learned.using(inner):
            assert learned.current_model() is inner
        assert learned.current_model() is outer
        assert outer.version in detect("need a ting of the white for 2nite").lexicon
    assert learned.current_model() is shipped


def test_rows_labelled_for_trade_only_are_scored() -> None:
    # A set an analyst writes quickly may label the verdict alone: no products, no categories expected.
    scores = evaluate([{"text": "coke 70 le g, commande sur Signal", "drug_trade": True}])
    assert scores["all"].trade.tp == 1
    assert scores["all"].products.fp == 1  # cocaine was found where none was labelled
