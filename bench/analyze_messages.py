"""`filiere analyze` of the fictional case at about a million messages: time per stage.

    .venv/bin/python bench/analyze_messages.py [--scale 500000]

``--scale N`` writes N Telegram channel messages and N WhatsApp lines (plus the other files), so the
default gives about 1,000,000 messages. Adding the files is timed separately from the analysis.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "filiere"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="500000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        evidence, case = Path(tmp) / "evidence", Path(tmp) / "case"
        subprocess.run([str(BIN), "demo", "generate", str(evidence), "--scale", args.scale], check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run([str(BIN), "case", "init", str(case), "--title", "bench"], check=True, capture_output=True)
        start = time.perf_counter()
        for folder in ("telegram", "telephone_livreur", "telephone_client"):
            subprocess.run([str(BIN), "add", str(case), str(evidence / folder), "--source", folder], check=True,
                           capture_output=True)  # fmt: skip
        subprocess.run([str(BIN), "add", str(case), str(evidence / "fadettes"), "--preset", "fr_operator"],
                       check=True, capture_output=True)  # fmt: skip
        added = time.perf_counter() - start
        start = time.perf_counter()
        out = subprocess.run([str(BIN), "analyze", str(case), "--json"], capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"filiere analyze failed: {out.stderr}")
        analysed = time.perf_counter() - start
    summary = json.loads(out.stdout)
    d = summary["detection"]
    print(f"{d['messages_read']:,} messages with text ({d['trade_messages']:,} trade)")
    print(f"  filiere add (all files):  {added:6.1f} s")
    print(f"  filiere analyze:          {analysed:6.1f} s (whole command)")
    for stage, seconds in summary["seconds"].items():
        print(f"    {stage:<13} {seconds:6.1f} s")


if __name__ == "__main__":
    main()
