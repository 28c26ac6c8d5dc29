"""The categories' learned layer: its sums in C and in Python, the shipped weights, what it adds and
removes, and the evidence of what it adds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from filiere.errors import FormatError
from filiere.extract import CATEGORIES, detect, learned, learned_categories
from filiere.extract.evaluate import read_labelled
from filiere.extract.prescan import compiled, prescan

DEVSET = Path(__file__).resolve().parent / "devset.jsonl"
ROWS = list(read_labelled(DEVSET))
AWKWARD = ["", "   ", "a", "🍀❄️ x2\n\tnew\u00a0line  ", "ÉÈ ß İ test", "b e u h", "x" * 5000]


def _small_model() -> learned_categories.CategoryModel:
    return learned_categories.train(
        [
            ("beuh 10 le g, livraison 7j/7 de midi à minuit", ["offer", "service"]),
            ("paiement cash ou pcs uniquement", ["payment"]),
            ("je veux 2g de beuh stp", ["order"]),
            ("récup le stock à 14h puis tournée", ["logistics"]),
        ]
    )


@pytest.mark.skipif(not compiled(), reason="the compiled pass is not built")
def test_the_compiled_sums_are_the_python_ones() -> None:
    from filiere.extract import _prescan

    model = learned_categories.default_model()
    texts = [row["text"] for row in ROWS[::7]] + AWKWARD
    for text in texts:
        folded = prescan(text)[0]
        reference = [index for index, _, _ in learned.features(folded)]
        indices = np.frombuffer(_prescan.learned_indices(folded, learned.BITS), dtype=np.uint32)
        assert indices.tolist() == reference, text
        by_numpy = np.array(model.biases) + (
            model.weights[reference].sum(axis=0, dtype=np.float64) if reference else 0.0
        )
        assert model.logits(folded) == pytest.approx(by_numpy.tolist(), abs=1e-3)
    with pytest.raises(ValueError, match="column"):
        _prescan.learned_words("beuh", model.matrix, len(model.names), len(model.names))  # no such column
    for text in texts:
        folded = prescan(text)[0]
        for at in range(len(model.names)):
            compiled_words = model.word_weights(at, folded)
            python_words = learned.Model(model.weights[:, at], 0.0, 0, "").word_weights(folded)
            assert [w[:2] for w in compiled_words] == [w[:2] for w in python_words]
            assert [w[2] for w in compiled_words] == pytest.approx([w[2] for w in python_words], abs=1e-3)


def test_the_shipped_model_is_trained_on_the_current_labelled_set() -> None:
    # Changing the rows or labels of the labelled set means retraining both layers:
    #   .venv/bin/python -m filiere.extract.train tests/extract/devset.jsonl
    model = learned_categories.load()
    rows = learned_categories.training_rows(ROWS)
    assert model.digest == learned.digest([(text, list(labels)) for text, labels in rows])
    assert model.rows == len(rows) and set(model.names) == set(CATEGORIES)
    assert len(rows) == sum(1 for row in ROWS if row["drug_trade"] and row["split"] != "test")  # never the test rows


def test_a_model_written_is_read_back(tmp_path: Path) -> None:
    model = _small_model()
    path = tmp_path / "category_model.npz"
    learned_categories.save(model, path)
    back = learned_categories.load(path)
    assert back.names == model.names and back.digest == model.digest and back.rows == 4
    folded = prescan("beuh livraison de midi à minuit, cash")[0]
    assert back.logits(folded) == pytest.approx(model.logits(folded), abs=1e-2)  # stored in half precision


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"PK\x03\x04 not a zip"),
        lambda path: path.write_bytes(b""),
        lambda path: np.savez(path, weights=np.zeros((16, 8), np.float32), bias=np.zeros(8), meta=np.array(["{}"])),
    ],
)
def test_a_damaged_model_is_refused_with_its_file_named(tmp_path: Path, damage: object) -> None:
    path = tmp_path / "category_model.npz"
    damage(path)  # type: ignore[operator]
    with pytest.raises(FormatError) as caught:
        learned_categories.load(path)
    assert str(path) in str(caught.value)


def test_it_adds_the_categories_the_rules_miss_and_shows_why() -> None:
    text = "Drops today 12-6 only / £5 delivery Leith/Portobello / Free over £60, min order £30 / Don't ring, text"
    rules = detect(text, cache=False, learned=False)
    found = detect(text, cache=False)
    assert "service" not in rules.categories and "service" in found.categories
    shown = [item for item in found.evidence if item.rule == "learned.service"]
    assert shown and all(text[item.start : item.end] == item.text for item in shown)
    assert found.lexicon.endswith("+" + learned_categories.default_model().version)


def test_it_does_not_touch_messages_that_are_not_trade() -> None:
    for text in [
        "Pizza 2 achetées = 1 offerte, livraison de midi à minuit, cash ou CB",
        "Takeaway open till 2am, cash only, min order £15 for delivery",
    ]:
        found = detect(text, cache=False)
        assert not found.drug_trade and found.categories == ()
        assert not any(item.rule.startswith("learned.") and item.rule != "learned.not_trade" for item in found.evidence)
        assert "categories:" not in found.lexicon


def test_it_removes_what_it_is_sure_is_not_there() -> None:
    model = learned_categories.default_model()
    text = "je veux 2g de beuh stp, dispo ce soir ?"
    folded = prescan(text)[0]
    drop = {name for name, logit in zip(model.names, model.logits(folded), strict=True) if logit <= np.log(0.1 / 0.9)}
    assert drop  # an order is sure not to be a promotion or a vetting
    revised, _ = model.revise(tuple(sorted(drop)), folded, text)
    assert not drop & set(revised)
    # ... and through detect: labelled messages whose rules' category the layer removes.
    removed = 0
    for row in ROWS[:1500]:
        rules, found = detect(row["text"], cache=False, learned=False), detect(row["text"], cache=False)
        if rules.drug_trade and found.drug_trade:
            removed += len(set(rules.categories) - set(found.categories))
    assert removed > 0


def test_a_model_used_for_a_while_gives_way_to_the_shipped_one() -> None:
    shipped = learned_categories.default_model()
    text = "Drops today 12-6 only / £5 delivery / min order £30"
    before = detect(text)
    other = _small_model()
    inner = learned_categories.train([("paiement cash ou pcs", ["payment"]), ("beuh 10 le g", ["offer"])])
    assert other.version != inner.version
    with learned_categories.using(other):
        assert learned_categories.current_model() is other
        assert detect(text).lexicon.endswith(other.version)
        with learned_categories.using(inner):
            assert learned_categories.current_model() is inner
            assert detect(text).lexicon.endswith(inner.version)
        assert learned_categories.current_model() is other
    assert learned_categories.current_model() is shipped
    assert detect(text) == before


def test_training_reads_only_labelled_categories_and_keeps_those_it_can_learn() -> None:
    labelled = [
        {"text": "beuh 10 le g", "drug_trade": True, "split": "dev", "categories": ["offer"]},
        {"text": "cash ou pcs", "drug_trade": True, "split": "dev", "categories": ["payment", "offer"]},
        {"text": "no labels here", "drug_trade": True, "split": "dev"},  # categories never labelled
        {"text": "kéta 30 le g", "drug_trade": True, "split": "test", "categories": ["offer"]},
        {"text": "il neige", "drug_trade": False, "split": "dev", "categories": []},
    ]
    rows = learned_categories.training_rows(labelled)
    assert rows == [("beuh 10 le g", ["offer"]), ("cash ou pcs", ["offer", "payment"])]
    model = learned_categories.train(rows)
    # "offer" is in every row and the others in none: only "payment" can be learned; the rest is
    # left to the rules (never stripped by a bias learned from no example).
    assert model.names == ("payment",)
    folded = prescan("beuh 10 le g, livraison 12h-00h")[0]
    assert model.revise(("offer", "service"), folded, "beuh 10 le g, livraison 12h-00h")[0][:2] == ("offer", "service")


@pytest.mark.parametrize("names", [[["offer"]], ["offer", "offer"], ["offer", "dealing"], "offer"])
def test_a_model_with_wrong_names_is_refused(tmp_path: Path, names: object) -> None:
    path = tmp_path / "category_model.npz"
    count = 2 if isinstance(names, list) and len(names) == 2 else 1
    weights, bias = np.zeros((learned.SIZE, count), np.float16), np.zeros(count)
    learned.write_archive(path, {"names": names, "rows": 1, "digest": "x"}, weights=weights, bias=bias)
    with pytest.raises(FormatError, match="incomplete"):
        learned_categories.load(path)
