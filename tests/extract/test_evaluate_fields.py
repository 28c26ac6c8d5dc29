"""The extracted fields scored against the gold set written blind (``tests/extract/extraction.jsonl``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from filiere.errors import FormatError
from filiere.extract.evaluate_fields import FIELDS, items, read_gold, score_fields

GOLD = Path(__file__).parent / "extraction.jsonl"
ROWS = list(read_gold(GOLD))


def test_gold_set_is_split_and_fictional() -> None:
    assert len(ROWS) == 240
    assert Counter(row["split"] for row in ROWS) == {"dev": 120, "test": 120}
    for row in ROWS:
        for phone in row["phones"]:
            # ARCEP's fiction ranges, Ofcom's drama range, the North American 555-01xx
            assert phone.startswith(("+33639", "+33199", "+447700900")) or phone[5:9] == "5550"


def test_floors_on_the_test_half() -> None:
    # The even ids were never looked at to tune the extractors: first scores 0.83 (prices), 0.87
    # (hours), 0.68 (zones), 0.88 (hand-offs), 0.98 (phones).
    test = score_fields(row for row in ROWS if row["split"] == "test")["test"]
    # Now 0.91, 0.93, 0.87, 0.91, 0.98 (its mistakes were printed once, at the start of the stop
    # that added the second set).
    floors = {"prices": 0.88, "hours": 0.90, "zones": 0.83, "handoffs": 0.88, "phones": 0.95}
    for name in FIELDS:
        assert test.fields[name].f1 >= floors[name], name
    assert test.amounts.f1 >= 0.95


GOLD2 = Path(__file__).parent / "extraction2.jsonl"


def test_second_gold_set_floors_on_its_test_half() -> None:
    # 160 messages written blind a stop later, to the same conventions; the odd ids were read to tune
    # the hours, the even ones never. First scores of the test half: prices 0.79, hours 0.75, zones
    # 0.72, hand-offs 0.78, phones 0.98, amounts 0.94.
    rows = list(read_gold(GOLD2))
    assert len(rows) == 160 and Counter(row["split"] for row in rows) == {"dev": 80, "test": 80}
    for row in rows:
        assert all(
            phone.startswith(("+33639", "+33199", "+447700900")) or phone[5:9] == "5550" for phone in row["phones"]
        )
    test = score_fields(row for row in rows if row["split"] == "test")["test"]
    # Now 0.84, 0.76, 0.83, 0.92, 0.98.
    floors = {"prices": 0.80, "hours": 0.73, "zones": 0.79, "handoffs": 0.88, "phones": 0.95}
    for name in FIELDS:
        assert test.fields[name].f1 >= floors[name], name
    assert test.amounts.f1 >= 0.91


@pytest.mark.parametrize(
    ("name", "floors", "amounts"),
    [
        # Written blind with eight dev rows of the second set as examples. First scores of the test half:
        # prices 0.84, hours 0.81, zones 0.72, hand-offs 0.72, phones 1.00; now 0.90, 0.88, 0.80, 0.81, 1.00.
        ("extraction3.jsonl", {"prices": 0.87, "hours": 0.85, "zones": 0.76, "handoffs": 0.78, "phones": 0.97}, 0.95),
        # The same brief a stop later (ids wf/we). First scores of the test half, before this stop's
        # changes: 0.77, 0.87, 0.67, 0.96, 1.00; now 0.88, 0.92, 0.79, 0.96, 1.00.
        ("extraction4.jsonl", {"prices": 0.85, "hours": 0.89, "zones": 0.76, "handoffs": 0.92, "phones": 0.97}, 0.95),
        # A brief of its own with eight dev rows of the fourth set as examples, a stop later (ids vf/ve;
        # the unit vocabulary given: "£20 bag" is a pochon). First scores of the test half, with the
        # stop's starting code: 0.65, 0.86, 0.66, 0.89, 0.94; now 0.72, 0.86, 0.66, 0.89, 1.00.
        ("extraction5.jsonl", {"prices": 0.69, "hours": 0.83, "zones": 0.63, "handoffs": 0.86, "phones": 0.97}, 0.90),
        # The fifth set's brief again, with its conventions spelled out, a stop later (ids tf/te;
        # arrondissements written as in the earlier sets, "Paris 18"). First scores of the test half,
        # before its dev half was read: 0.79, 0.80, 0.69, 0.92, 0.98 (all fields 0.774).
        ("extraction6.jsonl", {"prices": 0.76, "hours": 0.78, "zones": 0.66, "handoffs": 0.89, "phones": 0.95}, 0.85),
    ],
)
def test_later_gold_sets_floors_on_their_test_halves(name: str, floors: dict[str, float], amounts: float) -> None:
    rows = list(read_gold(Path(__file__).parent / name))
    assert len(rows) == 160 and Counter(row["split"] for row in rows) == {"dev": 80, "test": 80}
    for row in rows:
        assert all(
            phone.startswith(("+33639", "+33199", "+447700900", "+61491570")) or phone[5:9] == "5550"
            for phone in row["phones"]
        )
    test = score_fields(row for row in rows if row["split"] == "test")["test"]
    for field in FIELDS:
        assert test.fields[field].f1 >= floors[field], field
    assert test.amounts.f1 >= amounts


def test_each_part_lists_only_its_own_wrong_messages() -> None:
    # The mistakes of the dev half are read to tune on; the test half's are kept apart.
    rows = [
        {"id": "a1", "split": "dev", "lang": "fr", "text": "Livraison 93 de 14h à 2h", "hours": [], "zones": []},
        {"id": "a2", "split": "test", "lang": "fr", "text": "Livraison 93 de 14h à 2h", "hours": [], "zones": []},
        {"id": "a3", "split": "test", "lang": "fr", "text": "bonne soirée"},
    ]
    scores = score_fields(rows)
    assert [error["id"] for error in scores["dev"].errors] == ["a1"]
    assert [error["id"] for error in scores["test"].errors] == ["a2"]
    assert [error["id"] for error in scores["all"].errors] == ["a1", "a2"]
    assert set(scores["test"].errors[0]) == {"id", "text", "hours", "zones"}


def test_an_item_counts_only_when_all_of_it_is_right() -> None:
    want = items("prices", [{"amount": 70, "currency": "EUR", "quantity": 1, "unit": "g"}])
    assert items("prices", [{"amount": 70.0, "currency": "EUR", "quantity": 1.0, "unit": "g"}]) == want
    assert items("prices", [{"amount": 70.0, "currency": "EUR", "quantity": None, "unit": None}]) != want
    assert items("handoffs", [{"platform": "snapchat", "value": "Frais.93"}]) == Counter({("snapchat", "frais.93"): 1})


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not JSON"),
        ('{"text": 3}', "string 'text'"),
        ('{"text": "a", "zones": "93"}', "'zones' is not a list"),
    ],
)
def test_bad_gold_rows_name_their_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "ok"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=problem) as raised:
        list(read_gold(path))
    assert "line 2" in str(raised.value) and str(path) in str(raised.value)
