"""Scores of ``detect`` against a labelled set: precision, recall, F1 for drug_trade, micro-F1 for sets.

A labelled set is JSON lines with ``text``, ``drug_trade``, ``categories``, ``products`` and
optionally ``split`` (``dev``: rules tuned on it and the learned layer trained on it;
``heldout``: rules never tuned on it, the learned layer trained on it; ``test``: neither) and
``batch`` (a later addition, also scored on its own as ``batch/split``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filiere.errors import FormatError
from filiere.extract.detection import Detection
from filiere.extract.pipeline import detect


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, with the derived figures."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable[str], expected: Iterable[str]) -> None:
        got, want = set(predicted), set(expected)
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Scores:
    """Figures for one split; ``errors`` lists the messages whose drug_trade verdict was wrong."""

    messages: int = 0
    trade: Counts = field(default_factory=Counts)
    products: Counts = field(default_factory=Counts)
    categories: Counts = field(default_factory=Counts)
    errors: list[dict[str, Any]] = field(default_factory=list)


def json_rows(path: Path, hint: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON objects of a JSON-lines file with their line numbers (blank lines skipped); a line
    that is not a JSON object, or a file that cannot be read, raises ``FormatError`` with ``hint``."""
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise bad_row(path, number, f"not JSON ({exc.msg})", hint) from exc
                if not isinstance(row, dict):
                    raise bad_row(path, number, "not a JSON object", hint)
                yield number, row
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read {path.name}: {exc}", path=str(path), hint=hint) from exc


def bad_row(path: Path, number: int, problem: str, hint: str) -> FormatError:
    """The error of one row of a JSON-lines file."""
    return FormatError(problem, path=str(path), locator=f"line {number}", hint=hint)


def read_labelled(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a labelled JSON-lines file; a row that is not a JSON object with a string
    ``text`` and a boolean ``drug_trade`` (and, if given, lists of strings as ``categories`` and
    ``products``) raises ``FormatError`` naming the file and the line."""
    for number, row in json_rows(path, _HINT):
        if not isinstance(row.get("text"), str) or not isinstance(row.get("drug_trade"), bool):
            raise bad_row(path, number, "a row needs a string 'text' and a boolean 'drug_trade'", _HINT)
        for labels in ("categories", "products"):
            given = row.get(labels, [])
            if not isinstance(given, list) or not all(isinstance(label, str) for label in given):
                raise bad_row(path, number, f"'{labels}' must be a list of strings", _HINT)
        yield row


_HINT = 'one JSON object per line: {"text": "...", "drug_trade": true, "categories": [], "products": []}'


def evaluate(rows: Iterable[dict[str, Any]], *, learned: bool = True) -> dict[str, Scores]:
    """Scores per split, per ``batch/split`` when rows have a batch, and for ``all`` rows together;
    ``learned=False`` scores the rules alone."""
    scores: dict[str, Scores] = {}
    for row in rows:
        split = row.get("split", "dev")
        groups = ["all", split] + ([f"{row['batch']}/{split}"] if row.get("batch") else [])
        _tally(scores, groups, row, detect(row["text"], learned=learned), errors_in="all")
    return scores


def cross_validate(rows: Sequence[dict[str, Any]]) -> dict[str, Scores]:
    """Figures of the rules and the learned layer on held-out rows the layer was not trained on.

    The shipped layer is trained on the held-out rows too (``learned.training_rows``), so its
    figures on them are training figures. Here each batch's held-out rows (the rows without a batch
    are one batch, ``team``) are scored by layers (trade and categories) trained on everything else
    they would train on: one training per batch. Keys: ``batch/heldout`` and ``heldout`` for them all.
    """
    from filiere.extract import learned, learned_categories

    def batch(row: dict[str, Any]) -> str:
        return str(row.get("batch") or "team")

    held = [row for row in rows if row.get("split") == "heldout"]
    scores: dict[str, Scores] = {}
    for name in sorted({batch(row) for row in held}):
        scored = [row for row in held if batch(row) == name]
        others = [row for row in rows if row.get("split") != "heldout" or batch(row) != name]
        trade = learned.train(learned.training_rows(others))
        sorter = learned_categories.train(learned_categories.training_rows(others))
        with learned.using(trade), learned_categories.using(sorter):
            for row in scored:
                _tally(scores, ["heldout", f"{name}/heldout"], row, detect(row["text"]), errors_in="heldout")
    return scores


def _tally(
    scores: dict[str, Scores], groups: Sequence[str], row: dict[str, Any], found: Detection, errors_in: str
) -> None:
    """Count ``found`` against ``row`` in each of ``groups``; a wrong verdict is listed in ``errors_in``."""
    for group in groups:
        score = scores.setdefault(group, Scores())
        score.messages += 1
        score.trade.add(["trade"] if found.drug_trade else [], ["trade"] if row["drug_trade"] else [])
        score.products.add(found.products, row.get("products", ()))  # unlabelled: none expected
        score.categories.add(found.categories, row.get("categories", ()))
        if group == errors_in and found.drug_trade != row["drug_trade"]:
            score.errors.append({"id": row.get("id"), "expected": row["drug_trade"], "score": found.score})
