"""Train the learned layer on a labelled set (all but its test part) and write its weights.

    python -m filiere.extract.train tests/extract/devset.jsonl [--out PATH] [--penalty 1.0]

The rows marked ``split: test`` are never trained on; the weights are written with the digest of
the rows trained on (``filiere.extract.learned``), which a test compares with the labelled set.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from filiere.errors import FormatError
from filiere.extract import learned
from filiere.extract.evaluate import read_labelled


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labelled", type=Path, help="JSON lines with text, drug_trade and split")
    parser.add_argument("--out", type=Path, default=learned.MODEL_PATH, help="where to write the weights")
    parser.add_argument("--penalty", type=float, default=learned.PENALTY, help="L2 penalty")
    args = parser.parse_args(argv)
    try:
        rows = learned.training_rows(read_labelled(args.labelled))
        if {trade for _, trade in rows} != {True, False}:
            raise FormatError(
                "the rows to train on need both trade and non-trade messages",
                path=str(args.labelled),
                hint='give rows of each kind a "split" other than "test"',
            )
        model = learned.train(rows, args.penalty)
        learned.save(model, args.out)
    except (FormatError, OSError) as exc:
        raise SystemExit(f"filiere.extract.train: {exc}") from exc
    print(f"{args.out}: {model.rows} messages, digest {model.digest[:12]}")


if __name__ == "__main__":
    main()
