"""Precision, recall and F1 of drug-trade detection on the labelled set (dev and held-out parts).

python bench/detect_eval.py [--errors] [--split dev|heldout|all] [FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from filiere.extract import detect
from filiere.extract.evaluate import evaluate, read_labelled

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "extract" / "devset.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEVSET)
    parser.add_argument("--errors", action="store_true", help="list the messages judged wrongly")
    parser.add_argument("--split", default=None, help="restrict --errors to one split")
    args = parser.parse_args()

    rows = list(read_labelled(args.file))
    scores = evaluate(rows)
    print(f"{'split':8} {'n':>4}  {'trade P':>7} {'R':>6} {'F1':>6}  {'products F1':>11}  {'categories F1':>13}")
    for split in ("dev", "heldout", "all"):
        if split not in scores:
            continue
        s = scores[split]
        print(
            f"{split:8} {s.messages:>4}  {s.trade.precision:7.3f} {s.trade.recall:6.3f} {s.trade.f1:6.3f}"
            f"  {s.products.f1:11.3f}  {s.categories.f1:13.3f}"
        )
    if args.errors:
        for row in rows:
            if args.split and row.get("split") != args.split:
                continue
            found = detect(row["text"])
            wrong = (
                found.drug_trade != row["drug_trade"]
                or set(found.products) != set(row["products"])
                or set(found.categories) != set(row["categories"])
            )
            if wrong:
                print(
                    json.dumps(
                        {
                            "id": row["id"],
                            "text": row["text"][:140],
                            "trade": [row["drug_trade"], found.drug_trade, found.score],
                            "products": [row["products"], list(found.products)],
                            "categories": [row["categories"], list(found.categories)],
                        },
                        ensure_ascii=False,
                    )
                )


if __name__ == "__main__":
    main()
