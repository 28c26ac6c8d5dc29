"""Train the learned layer on the tuned part of a labelled set and write its weights.

    python -m filiere.extract.train tests/extract/devset.jsonl [--out PATH] [--penalty 1.0]

Only the rows marked ``split: dev`` are trained on; the weights are written with the digest of
those rows (``filiere.extract.learned``), which a test compares with the labelled set.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from filiere.extract import learned
from filiere.extract.evaluate import read_labelled


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labelled", type=Path, help="JSON lines with text, drug_trade and split")
    parser.add_argument("--out", type=Path, default=learned.MODEL_PATH, help="where to write the weights")
    parser.add_argument("--penalty", type=float, default=learned.PENALTY, help="L2 penalty")
    args = parser.parse_args(argv)
    rows = learned.training_rows(read_labelled(args.labelled))
    model = learned.train(rows, args.penalty)
    learned.save(model, args.out)
    print(f"{args.out}: {model.rows} messages, digest {model.digest[:12]}")


if __name__ == "__main__":
    main()
