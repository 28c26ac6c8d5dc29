"""Scores of ``detect`` on a generated demo case: its messages read with the project's readers,
labelled by ``truth.json`` (a message is trade when it is listed in ``trade_messages``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filiere.errors import FormatError
from filiere.extract.context import in_context
from filiere.extract.evaluate import Scores
from filiere.extract.pipeline import detect
from filiere.i18n import tr
from filiere.ingest.base import HEAD_SIZE, ReadContext
from filiere.ingest.registry import choose
from filiere.model import Message

# Operator records need their column preset; they carry no text but are read like the rest.
READ_OPTIONS: dict[str, dict[str, Any]] = {"cdr": {"preset": "fr_operator"}}
_LINE = re.compile(r"\bline (\d+)\b")


@dataclass(frozen=True, slots=True)
class DemoMessage:
    """One message of the case and its truth: ``truth`` is the ``trade_messages`` row, or None."""

    file: str
    format: str
    conversation: str
    locator: str
    text: str
    truth: dict[str, Any] | None


def _truth(root: Path) -> dict[str, Any]:
    path = root / "truth.json"
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FormatError(
            str(exc),
            path=str(path),
            hint=tr("générez le cas avec « filiere demo generate »", 'generate the case with "filiere demo generate"'),
        ) from exc
    return loaded


def _key(message: Message, by: str) -> int | None:
    """The truth key of a message: its Telegram id, or the line its locator names."""
    if by == "id":
        return int(message.native_id) if message.native_id.isdigit() else None
    found = _LINE.search(message.source.locator)
    return int(found.group(1)) if found else None


def read_demo(root: Path) -> Iterator[DemoMessage]:
    """Every message of the demo case in ``root`` (files as listed in its truth), with its label."""
    truth = _truth(root)
    listed: dict[tuple[str, int], dict[str, Any]] = {}
    keys: dict[str, str] = {}
    for row in truth["trade_messages"]:
        by = "id" if "id" in row else "line"
        keys[row["file"]] = by
        listed[(row["file"], row[by])] = row
    for item in truth["files"]:
        relative, expected = item["path"], item["format"]
        path = root / relative
        data = path.read_bytes()
        reader = choose(data[:HEAD_SIZE], path.name)
        if reader.name != expected:
            raise FormatError(
                tr(f"lu comme {reader.name}, attendu {expected}", f"read as {reader.name}, expected {expected}"),
                path=relative,
            )
        ctx = ReadContext(hashlib.sha256(data).hexdigest(), path.name, options=READ_OPTIONS.get(expected, {}))
        by = keys.get(relative, "line")
        with path.open("rb") as fh:
            for record in reader().read(fh, ctx):
                if not isinstance(record, Message) or record.kind == "system":
                    continue
                key = _key(record, by)
                row = listed.get((relative, key)) if key is not None else None
                conversation = f"{relative}#{record.conversation}"
                yield DemoMessage(relative, expected, conversation, record.source.locator, record.text, row)


def evaluate_demo(root: Path, errors: bool = False, context: bool = False) -> dict[str, Scores]:
    """Scores per file format and for ``all`` messages; ``errors`` keeps every misjudged message.

    ``context`` reads each message in its conversation (``in_context``) instead of alone.
    """
    messages = list(read_demo(root))
    found = [detect(message.text) for message in messages]
    if context:
        groups: dict[str, list[int]] = {}
        for index, message in enumerate(messages):
            groups.setdefault(message.conversation, []).append(index)
        for indexes in groups.values():
            for index, revised in zip(indexes, in_context([found[i] for i in indexes]), strict=True):
                found[index] = revised
    scores: dict[str, Scores] = {}
    for message, detection in zip(messages, found, strict=True):
        truth = message.truth
        want_trade = truth is not None
        want_categories = truth["categories"] if truth else []
        want_products = truth["products"] if truth else []
        for split in ("all", message.format):
            score = scores.setdefault(split, Scores())
            score.messages += 1
            score.trade.add(["trade"] if detection.drug_trade else [], ["trade"] if want_trade else [])
            score.products.add(detection.products, want_products)
            score.categories.add(detection.categories, want_categories)
        if errors and detection.drug_trade != want_trade:
            scores["all"].errors.append(
                {
                    "file": message.file,
                    "at": message.locator,
                    "text": message.text,
                    "expected": want_trade,
                    "score": detection.score,
                    "categories": [want_categories, list(detection.categories)],
                }
            )
    return scores
