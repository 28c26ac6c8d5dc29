"""`filiere add` of a fictional Telegram export: wall time, records per second, peak memory.

Generates the demo case at the given size (Telegram channel messages), then adds its Telegram
folder to a new case with the real command line, in a child process whose peak RSS is measured.
Run at two sizes to see that memory does not grow with the file size.

    .venv/bin/python bench/add_telegram.py [--messages 1000000] [--messages 200000 ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "filiere"


def run(messages: int, work: Path) -> dict[str, float]:
    evidence = work / f"evidence-{messages}"
    subprocess.run([str(BIN), "demo", "generate", str(evidence), "--scale", str(messages), "--force"],
                   check=True, capture_output=True)  # fmt: skip
    size = sum(p.stat().st_size for p in (evidence / "telegram").rglob("*.json"))
    case = work / f"case-{messages}"
    shutil.rmtree(case, ignore_errors=True)
    subprocess.run([str(BIN), "case", "init", str(case), "--title", "bench"], check=True, capture_output=True)
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stdout:
        child = subprocess.Popen([str(BIN), "add", str(case), str(evidence / "telegram"), "--json"], stdout=stdout)
        _pid, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory, not the generator's
        seconds = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"filiere add failed with status {status}")
        stdout.seek(0)
        out = stdout.read()
    peak_kib = usage.ru_maxrss
    reports = [json.loads(line) for line in out.splitlines()]
    records = sum(sum(r["counts"].values()) for r in reports)
    read = sum(r["counts"].get("message", 0) for r in reports)
    shutil.rmtree(evidence)
    shutil.rmtree(case)
    return {"messages": read, "records": records, "mb": size / 1e6, "seconds": seconds,
            "messages_per_s": read / seconds, "peak_rss_mb": peak_kib / 1024}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, action="append")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        for n in args.messages or [1_000_000]:
            r = run(n, Path(tmp))
            print(f"{r['messages']:>9,} messages ({r['mb']:.0f} MB of JSON): add in {r['seconds']:.1f} s "
                  f"({r['messages_per_s']:,.0f} messages/s, full-text index included), "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
