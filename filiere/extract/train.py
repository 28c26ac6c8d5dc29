"""Train the learned layers on a labelled set (all but its test part) and write their weights.

    python -m filiere.extract.train tests/extract/devset.jsonl [--out PATH] [--categories-out PATH] [--penalty 1.0]

The trade layer (``filiere.extract.learned``) learns every row's verdict, the categories' layer
(``filiere.extract.learned_categories``) the categories of the trade rows. The rows marked
``split: test`` are never trained on; each model is written with the digest of the rows it was
trained on, which a test compares with the labelled set.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from filiere.errors import FormatError
from filiere.extract import learned, learned_categories
from filiere.extract.evaluate import read_labelled


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labelled", type=Path, help="JSON lines with text, drug_trade and split")
    parser.add_argument("--out", type=Path, default=learned.MODEL_PATH, help="where to write the weights")
    parser.add_argument(
        "--categories-out",
        type=Path,
        default=learned_categories.MODEL_PATH,
        help="where to write the categories' weights",
    )
    parser.add_argument("--penalty", type=float, default=learned.PENALTY, help="L2 penalty")
    args = parser.parse_args(argv)
    try:
        labelled = list(read_labelled(args.labelled))
        rows = learned.training_rows(labelled)
        if {trade for _, trade in rows} != {True, False}:
            raise FormatError(
                "the rows to train on need both trade and non-trade messages",
                path=str(args.labelled),
                hint='give rows of each kind a "split" other than "test"',
            )
        model = learned.train(rows, args.penalty)
        sorter = learned_categories.train(learned_categories.training_rows(labelled), args.penalty)
        learned.save(model, args.out)
        learned_categories.save(sorter, args.categories_out)
    except (FormatError, OSError) as exc:
        raise SystemExit(f"filiere.extract.train: {exc}") from exc
    print(f"{args.out}: {model.rows} messages, digest {model.digest[:12]}")
    print(f"{args.categories_out}: {sorter.rows} trade messages, digest {sorter.digest[:12]}")


if __name__ == "__main__":
    main()
