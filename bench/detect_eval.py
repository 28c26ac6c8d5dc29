"""Precision, recall and F1 of drug-trade detection on the labelled set, or on a generated demo case.

python bench/detect_eval.py [--rules-only] [--errors] [--split dev|heldout|test] [FILE]
python bench/detect_eval.py --cross [FILE]
python bench/detect_eval.py --demo DIR [--context] [--errors]   (DIR from ``filiere demo generate``)

On a demo case, a message is trade when ``truth.json`` lists it in ``trade_messages``; the figures
are given per file format and for all messages, micro-F1 over categories and products; with
``--context`` each message is also read in its conversation (``filiere.extract.context``).

The rules were tuned on the ``dev`` rows only; the learned layer is trained on the ``dev`` and the
``heldout`` rows, never on the ``test`` rows (the blind batches ``final``, ``final2`` and ``final3``): its figures
on ``dev`` and ``heldout`` are training figures. ``--cross`` gives its held-out figures instead:
each batch's held-out rows scored by a layer trained on everything else. ``--rules-only`` leaves
the learned layer out (the rules' held-out figures are held-out figures).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from filiere.extract import detect
from filiere.extract.evaluate import Scores, cross_validate, evaluate, read_labelled
from filiere.extract.evaluate_demo import evaluate_demo

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "extract" / "devset.jsonl"


def _table(scores: dict[str, Scores], order: list[str]) -> None:
    print(f"{'part':22} {'n':>5}  {'trade P':>7} {'R':>6} {'F1':>6}  {'products F1':>11}  {'categories F1':>13}")
    for name in order:
        s = scores[name]
        print(
            f"{name:22} {s.messages:>5}  {s.trade.precision:7.3f} {s.trade.recall:6.3f} {s.trade.f1:6.3f}"
            f"  {s.products.f1:11.3f}  {s.categories.f1:13.3f}"
        )


def _labelled(args: argparse.Namespace) -> None:
    rows = list(read_labelled(args.file))
    if args.cross:
        print("held-out rows, each batch's scored by a learned layer trained without them (one training per batch)")
        scores = cross_validate(rows)
        _table(scores, sorted(scores, key=lambda name: (name == "heldout", name)))
        return
    learned = not args.rules_only
    print("rules and learned layer" if learned else "rules only")
    scores = evaluate(rows, learned=learned)
    # Splits first, then each batch (its splits together), the whole set last.
    _table(scores, sorted(scores, key=lambda name: (name == "all", "/" in name, name)))
    if not args.errors:
        return
    for row in rows:
        if args.split and row.get("split") != args.split:
            continue
        found = detect(row["text"], learned=learned)
        wrong = (
            found.drug_trade != row["drug_trade"]
            or set(found.products) != set(row.get("products", ()))
            or set(found.categories) != set(row.get("categories", ()))
        )
        if wrong:
            report = {
                "id": row["id"],
                "text": row["text"][:140],
                "trade": [row["drug_trade"], found.drug_trade, found.score],
                "products": [row.get("products", []), list(found.products)],
                "categories": [row.get("categories", []), list(found.categories)],
            }
            print(json.dumps(report, ensure_ascii=False))


def _demo(args: argparse.Namespace) -> None:
    scores = evaluate_demo(args.demo, errors=args.errors, context=args.context)
    print("each message in its conversation (in_context)" if args.context else "each message on its own text")
    _table(scores, sorted(scores, key=lambda name: (name == "all", name)))
    if args.errors:
        # The same template text recurs many times: each wrong text once, most frequent first.
        first: dict[tuple[str, str, bool], dict[str, object]] = {}
        counts: Counter[tuple[str, str, bool]] = Counter()
        for error in scores["all"].errors:
            key = (str(error["file"]), str(error["text"]), bool(error["expected"]))
            counts[key] += 1
            first.setdefault(key, error)
        for key, count in counts.most_common():
            print(count, json.dumps(first[key], ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEVSET)
    parser.add_argument("--demo", type=Path, default=None, help="a demo case folder instead of the labelled set")
    parser.add_argument("--context", action="store_true", help="with --demo: read messages in their conversation")
    parser.add_argument("--errors", action="store_true", help="list the messages judged wrongly")
    parser.add_argument("--split", default=None, help="restrict --errors to one split")
    parser.add_argument("--rules-only", action="store_true", help="leave the learned layer out")
    parser.add_argument("--cross", action="store_true", help="held-out figures of a layer not trained on them")
    args = parser.parse_args()
    if args.demo is not None:
        _demo(args)
    else:
        _labelled(args)


if __name__ == "__main__":
    main()
