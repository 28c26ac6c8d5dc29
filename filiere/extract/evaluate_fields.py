"""Scores of the extracted fields against a gold set: prices, hours, zones, hand-offs and phones.

A gold set is JSON lines with ``text``, ``split`` (``dev``: the extractors may be tuned on it;
``test``: never) and, for each field, the list an investigator expects, as ``Detection.to_dict``
writes it (``prices``: ``{amount, currency, quantity, unit}``, ``hours``: ``{from, to, days}``,
``zones``: ``{kind, value}``, ``handoffs``: ``{platform, value}``, ``phones``: E.164 strings).
Each field is scored as a multiset of items: an item counts when every part of it is right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filiere.extract.evaluate import Counts, bad_row, json_rows
from filiere.extract.pipeline import detect

FIELDS = ("prices", "hours", "zones", "handoffs", "phones")


@dataclass(slots=True)
class FieldScores:
    """Counts per field for one part of the gold set, and the messages with a wrong field."""

    messages: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    amounts: Counts = field(default_factory=Counts)  # prices by amount and currency alone
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        """All fields together."""
        total = Counts()
        for counts in self.fields.values():
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        return total


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a gold JSON-lines file; a row without a string ``text`` or with a field that is
    not a list raises ``FormatError`` naming the file and the line."""
    for number, row in json_rows(path, _HINT):
        if not isinstance(row.get("text"), str):
            raise bad_row(path, number, "a row needs a string 'text'", _HINT)
        for name in FIELDS:
            if not isinstance(row.get(name, []), list):
                raise bad_row(path, number, f"'{name}' is not a list", _HINT)
        yield row


_HINT = 'one JSON object per line: {"text": "...", "split": "dev", "prices": [...], "hours": [...], ...}'


def items(name: str, values: Iterable[Any]) -> Counter[Hashable]:
    """The comparable form of a field's items (numbers rounded, names case-folded)."""
    found: Counter[Hashable] = Counter()
    for value in values:
        if name == "prices":
            quantity = value.get("quantity")
            found[(_number(value.get("amount")), value.get("currency"), _number(quantity), value.get("unit"))] += 1
        elif name == "hours":
            days = value.get("days")
            found[(value.get("from"), value.get("to"), tuple(days) if days else None)] += 1
        elif name == "zones":
            found[(value.get("kind"), str(value.get("value", "")).casefold())] += 1
        elif name == "handoffs":
            handle = value.get("value")
            found[(value.get("platform"), handle.casefold() if isinstance(handle, str) else None)] += 1
        else:
            found[str(value)] += 1
    return found


def _amounts(prices: Iterable[dict[str, Any]]) -> Counter[Hashable]:
    """Prices by amount and currency alone."""
    return Counter((_number(price.get("amount")), price.get("currency")) for price in prices)


def _number(value: object) -> float | None:
    return round(float(value), 3) if isinstance(value, int | float) else None


def _count(counts: Counts, got: Counter[Hashable], want: Counter[Hashable]) -> bool:
    right = sum((got & want).values())
    counts.tp += right
    counts.fp += sum(got.values()) - right
    counts.fn += sum(want.values()) - right
    return got == want


def score_fields(rows: Iterable[dict[str, Any]]) -> dict[str, FieldScores]:
    """Scores per part (``all``, each ``split``, and ``split/lang``), each with its wrong messages."""
    scores: dict[str, FieldScores] = {}
    for row in rows:
        found = detect(row["text"]).to_dict()
        parts = ["all", row.get("split", "dev")]
        if row.get("lang"):
            parts.append(f"{parts[1]}/{row['lang']}")
        wrong: dict[str, Any] = {}
        for part in parts:
            part_scores = scores.setdefault(part, FieldScores())
            part_scores.messages += 1
            for name in FIELDS:
                got, want = items(name, found[name]), items(name, row.get(name, []))
                if not _count(part_scores.fields[name], got, want):
                    wrong[name] = {"expected": row.get(name, []), "found": found[name]}
            _count(part_scores.amounts, _amounts(found["prices"]), _amounts(row.get("prices", [])))
            if wrong:
                part_scores.errors.append({"id": row.get("id"), "text": row["text"], **wrong})
    return scores
