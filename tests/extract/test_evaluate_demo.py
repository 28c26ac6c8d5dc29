"""Scoring on a generated demo case: its messages read with the project's readers, labelled by truth.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filiere.demo.generator import generate
from filiere.errors import FormatError
from filiere.extract.evaluate_demo import evaluate_demo, read_demo


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo") / "case", seed=3, scale="small").path


def test_every_trade_message_is_found_by_the_readers(case: Path) -> None:
    truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
    messages = list(read_demo(case))
    labelled = [message for message in messages if message.truth is not None]
    assert len(labelled) == truth["trade_count"] == len(truth["trade_messages"])
    assert all(message.text == message.truth["text"] for message in labelled if message.truth)
    assert {message.format for message in messages} == {"telegram_json", "whatsapp_txt", "signal_txt", "sms_xml"}


def test_scores_alone_and_in_context(case: Path) -> None:
    alone = evaluate_demo(case)
    context = evaluate_demo(case, context=True)
    assert alone["all"].messages == context["all"].messages > 1000
    assert alone["all"].trade.precision >= 0.95
    assert context["all"].trade.precision >= 0.95
    assert context["all"].trade.recall > alone["all"].trade.recall


def test_errors_name_the_message(case: Path) -> None:
    errors = evaluate_demo(case, errors=True)["all"].errors
    assert errors
    assert {"file", "at", "text", "expected", "score", "categories"} <= set(errors[0])


def test_a_folder_without_truth_is_a_format_error(tmp_path: Path) -> None:
    (tmp_path / "truth.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(FormatError, match=r"truth\.json"):
        list(read_demo(tmp_path))
