"""The learned layer: its features in C and in Python, the shipped weights, and when it may overrule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from filiere.errors import FormatError
from filiere.extract import detect, learned, learned_categories
from filiere.extract.evaluate import read_labelled
from filiere.extract.prescan import compiled, prescan

DEVSET = Path(__file__).resolve().parent / "devset.jsonl"
ROWS = list(read_labelled(DEVSET))


def _python_sum(model: learned.Model, folded: str) -> float:
    return float(sum(float(model.weights[index]) for index, _, _ in learned.features(folded)))


@pytest.mark.skipif(not compiled(), reason="the compiled pass is not built")
def test_the_compiled_sum_is_the_python_one() -> None:
    model = learned.default_model()
    texts = [row["text"] for row in ROWS[::7]]
    texts += ["", "   ", "a", "🍀❄️ x2\n\tnew\u00a0line  ", "ÉÈ ß İ test", "b e u h", "x" * 5000]
    in_python = learned.Model(model.weights, model.bias, model.rows, model.digest)  # not handed to C
    for text in texts:
        folded = prescan(text)[0]
        assert model.logit(folded) == pytest.approx(model.bias + _python_sum(model, folded), abs=1e-4), text
        assert model.logit(folded) == pytest.approx(in_python.logit(folded), abs=1e-4)
        compiled_words, python_words = model.word_weights(folded), in_python.word_weights(folded)
        assert [w[:2] for w in compiled_words] == [w[:2] for w in python_words]
        assert [w[2] for w in compiled_words] == pytest.approx([w[2] for w in python_words], abs=1e-4)


def test_features_are_words_pairs_and_pieces() -> None:
    found = learned.features("la c")
    # "la", "c": two words; pieces of "<la>" (2 of 3 characters, 1 of 4) and "<c>" (1 of 3); one pair.
    assert len(found) == 2 + 3 + 1 + 1
    assert found[-1][1:] == (0, 4)  # the pair spans both words


def test_the_shipped_model_is_trained_on_the_current_labelled_set() -> None:
    # Changing the rows of the labelled set means retraining:
    #   .venv/bin/python -m filiere.extract.train tests/extract/devset.jsonl
    model = learned.load()
    rows = learned.training_rows(ROWS)
    assert model.digest == learned.digest(rows)
    assert model.rows == len(rows) == sum(row["split"] != "test" for row in ROWS)  # never the test rows
    assert sum(row["split"] == "test" for row in ROWS) >= 500


def test_training_reproduces_the_shipped_weights() -> None:
    model = learned.load()
    again = learned.train(learned.training_rows(ROWS))
    assert again.digest == model.digest
    assert np.allclose(again.weights, model.weights, atol=1e-3)
    assert again.bias == pytest.approx(model.bias, abs=1e-3)


def test_a_saved_model_loads_back(tmp_path: Path) -> None:
    rows = [("beuh 10 le g", True), ("pizza 10 le part", False), ("need a ting tonight", True), ("bonjour", False)]
    model = learned.train(rows)
    learned.save(model, tmp_path / "m.npz")
    back = learned.load(tmp_path / "m.npz")
    assert np.array_equal(back.weights, model.weights)
    assert back.digest == learned.digest(rows)
    # A model that is not the one handed to the compiled pass sums in Python.
    assert back.probability(prescan("beuh 10 le g")[0]) > 0.5 > back.probability(prescan("pizza 10 le part")[0])


@pytest.mark.parametrize("content", [b"", b"not an archive", b"PK\x03\x04broken"])
def test_a_damaged_model_names_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "trade_model.npz"
    path.write_bytes(content)
    with pytest.raises(FormatError) as caught:
        learned.load(path)
    assert str(path) in str(caught.value)


def test_a_model_for_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "small.npz"
    np.savez_compressed(path, weights=np.zeros(16, np.float32), bias=np.zeros(1), meta=np.array(['{"bits": 4}']))
    with pytest.raises(FormatError, match="other features"):
        learned.load(path)


def test_it_reads_what_the_rules_miss_and_says_why() -> None:
    text = "need a ting of the white for 2nite, can u bring it to mine after 10"
    assert not detect(text, cache=False, learned=False).drug_trade
    found = detect(text, cache=False)
    assert found.drug_trade
    assert found.score >= learned.TRADE
    assert any(item.rule == learned.RULE for item in found.evidence)
    assert "cocaine" in found.products  # sure it is trade, "the white" counts


def test_padding_cannot_hide_a_menu_the_rules_are_sure_of() -> None:
    menu = "Beuh 10€ le G, coke 70 le g, livraison 7j/7"
    padded = menu + " chocolaterie warning dinguerie intervention" * 2
    model = learned.default_model()
    assert model.probability(prescan(padded)[0]) < learned.DOUBT  # the padding works on the model...
    assert detect(padded, cache=False).drug_trade  # ... not on the verdict


def test_texts_longer_than_its_training_keep_the_rules_verdict() -> None:
    table = "Résultats du tournoi: " + " ; ".join(f"équipe {i} - {i % 3} points" for i in range(80))
    assert len(table) > learned.MAX_CHARS
    found = detect(table, cache=False)
    assert not found.drug_trade
    assert "learned" not in found.lexicon  # not consulted


def test_a_detection_names_the_weights_it_used() -> None:
    found = detect("Beuh 🍀 10€ le G", cache=False)
    lexicon = detect("Beuh 🍀 10€ le G", cache=False, learned=False).lexicon
    sorter = learned_categories.default_model()  # the categories' layer reads trade messages only
    assert found.lexicon == f"{lexicon}+{learned.default_model().version}+{sorter.version}"
    assert detect("il neige sur Lyon", cache=False).lexicon == f"{lexicon}+{learned.default_model().version}"


def test_it_leaves_the_rules_alone_when_unsure() -> None:
    model = learned.default_model()
    for row in ROWS:
        probability = model.probability(prescan(row["text"])[0])
        if learned.DOUBT <= probability < learned.TRADE:
            rules = detect(row["text"], cache=False, learned=False)
            both = detect(row["text"], cache=False)
            assert (both.drug_trade, both.score) == (rules.drug_trade, rules.score)


def test_the_training_command_writes_weights(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from filiere.extract.train import main

    labelled = tmp_path / "set.jsonl"
    rows = [
        {"text": "beuh 10 le g", "drug_trade": True, "split": "dev", "categories": ["offer"]},
        {"text": "pizza 10 la part", "drug_trade": False, "split": "dev"},
        {"text": "never trained on", "drug_trade": True, "split": "test"},
    ]
    labelled.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    main([str(labelled), "--out", str(tmp_path / "w.npz"), "--categories-out", str(tmp_path / "c.npz")])
    model = learned.load(tmp_path / "w.npz")
    assert model.rows == 2
    assert model.digest == learned.digest([("beuh 10 le g", True), ("pizza 10 la part", False)])
    sorter = learned_categories.load(tmp_path / "c.npz")
    assert sorter.rows == 1 and sorter.names == ()  # the trade rows but the test one; "offer" in all
    assert "2 messages" in capsys.readouterr().out


def test_a_model_without_its_description_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bare.npz"
    meta = np.array(['{"features": 1, "bits": 16}'])
    np.savez_compressed(path, weights=np.zeros(learned.SIZE, np.float32), bias=np.zeros(1), meta=meta)
    with pytest.raises(FormatError, match="incomplete"):
        learned.load(path)


@pytest.mark.parametrize(
    ("arrays", "problem"),
    [
        ({"weights": np.zeros(learned.SIZE, np.float32), "bias": np.zeros(0)}, "incomplete"),
        ({"weights": np.array(["w"] * learned.SIZE), "bias": np.zeros(1)}, "not numbers"),
    ],
)
def test_a_model_with_wrong_arrays_is_refused(tmp_path: Path, arrays: dict[str, Any], problem: str) -> None:
    path = tmp_path / "w.npz"
    learned.write_archive(path, {"rows": 1, "digest": "x"}, **arrays)
    with pytest.raises(FormatError, match=problem) as caught:
        learned.load(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"text": "x", "drug_trade": true, "split": "dev"}\n{oops\n', "line 2: not JSON"),
        ("[1]\n", "line 1: not a JSON object"),
        ('{"text": "x", "drug_trade": "yes"}\n', "line 1: a row needs"),
        ('{"text": "x", "drug_trade": true, "categories": "offer"}\n', "line 1: 'categories' must be a list"),
        ('{"text": "x", "drug_trade": true, "products": [1]}\n', "line 1: 'products' must be a list"),
        ('{"text": "beuh 10 le g", "drug_trade": true, "split": "dev"}\n', "both trade and non-trade"),
    ],
)
def test_a_bad_labelled_set_is_named_not_a_traceback(tmp_path: Path, content: str, where: str) -> None:
    from filiere.extract.train import main

    labelled = tmp_path / "set.jsonl"
    labelled.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        main([str(labelled), "--out", str(tmp_path / "w.npz"), "--categories-out", str(tmp_path / "c.npz")])
    assert str(labelled) in str(caught.value) and where in str(caught.value)
    assert not (tmp_path / "w.npz").exists() and not (tmp_path / "c.npz").exists()  # nothing half-written


def test_a_sure_layer_does_not_make_firm_talk_about_drugs_trade() -> None:
    # A layer sure of everything: only the rules' exceptions stand between it and every verdict.
    sure = learned.Model(np.zeros(learned.SIZE, dtype=np.float32), 8.0, 1, "0" * 64)
    with learned.using(sure):
        # A bad comedown, a prevention post: firm talk about drugs, no word nor shape of trade.
        assert not detect("j'ai testé la md une fois, j'ai eu une descente horrible", cache=False).drug_trade
        assert not detect("la beuh et vos ados : parlez-en avec eux", cache=False).drug_trade
        # Asked for, the same products are an order: the layer's word stands.
        assert detect("any blues or trams about? back's wrecked n the gp wont give me nothin", cache=False).drug_trade
        # Talk that is not firm (weight 2), or a pharmacy's words (the street's euphemisms), does not stop it.
        assert detect("jai fume de la beuh hier, je ne sais plus quoi faire", cache=False).drug_trade
        assert detect("ton ordonnance est prête, beuh et jaune, bat C", cache=False).drug_trade
        assert detect("de la beuh hier soir, trop bien", cache=False).drug_trade  # no talk: the layer decides
