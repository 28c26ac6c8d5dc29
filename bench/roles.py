"""Roles and identity merges on the fictional demo case, against its truth.json.

Prints precision and recall per role and for merges (pairs of identifiers), per seed.

    .venv/bin/python bench/roles.py [--seeds 1 2 3] [--scale small]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from filiere.case import Case
from filiere.demo.case import build
from filiere.demo.evaluate import evaluate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--scale", default="small")
    args = parser.parse_args()
    for seed in args.seeds:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            demo = build(Path(tmp) / "demo", seed=seed, scale=args.scale)
            seconds = time.perf_counter() - start
            with Case.open(demo.case_dir) as case:
                result = evaluate(case, demo.evidence_dir / "truth.json").to_dict()
        print(f"seed {seed} (scale {args.scale}, generated + added + analysed in {seconds:.1f} s)")
        print(f"  {'role':<12}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
        for role, score in result["roles"].items():
            print(f"  {role:<12}{score['precision']:>10.3f}{score['recall']:>8.3f}"
                  f"{score['tp']:>5}{score['fp']:>5}{score['fn']:>5}")  # fmt: skip
        m = result["merges"]
        print(f"  {'merges':<12}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['tp']:>5}{m['fp']:>5}{m['fn']:>5}")
        if result["unmatched_truth_actors"]:
            print("  truth actors absent from the evidence:", json.dumps(result["unmatched_truth_actors"]))


if __name__ == "__main__":
    main()
