"""Precision, recall and F1 of the extracted fields (prices, hours, zones, hand-offs, phones).

python bench/extract_eval.py [--errors [--test-errors]] [FILE]

FILE is a gold JSON-lines set (default ``tests/extract/extraction.jsonl``, written blind: the odd
ids are ``dev``, which the extractors may be tuned on, the even ids ``test``, never tuned on). An
item counts when all of it is right (a price needs its amount, currency, quantity and unit);
``amounts`` scores prices by amount and currency alone. ``--errors`` prints the wrong messages of
the ``dev`` half only: reading the ``test`` half's mistakes would tune on it (``--test-errors`` too,
for a final look once no more tuning follows).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from filiere.extract.evaluate_fields import FIELDS, read_gold, score_fields

GOLD = Path(__file__).resolve().parents[1] / "tests" / "extract" / "extraction.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="print the dev messages with a wrong field")
    parser.add_argument("--test-errors", action="store_true", help="the test messages' too (implies --errors)")
    args = parser.parse_args()
    scores = score_fields(read_gold(args.gold))
    header = "".join(f"{name:>17}" for name in (*FIELDS, "amounts", "all fields"))
    print(f"{'part':10} {'n':>4}{header}")
    print(f"{'':15}" + "   P    R    F1  " * (len(FIELDS) + 2))
    for part in sorted(scores, key=lambda name: (name != "all", name)):
        s = scores[part]
        cells = [*(s.fields[name] for name in FIELDS), s.amounts, s.micro]
        figures = "".join(f"  {c.precision:.2f} {c.recall:.2f} {c.f1:.3f}" for c in cells)
        print(f"{part:10} {s.messages:>4}{figures}")
    if args.errors or args.test_errors:
        for error in scores["all" if args.test_errors else "dev"].errors:
            print(json.dumps(error, ensure_ascii=False))


if __name__ == "__main__":
    main()
