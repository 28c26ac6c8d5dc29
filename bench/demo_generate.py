"""Time the demo case generator: wall and CPU seconds, megabytes written, MB/s and messages/s.

    .venv/bin/python bench/demo_generate.py                  # large: 1,000,000 + 1,000,000
    .venv/bin/python bench/demo_generate.py --scale 200000 --out /tmp/demo-200k   # kept

CPU time is printed beside wall time because a shared machine can stretch the wall clock.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from filiere.demo import generate, parse_scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="large", help="small, large or a message count")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="keep the case in this folder (default: a temporary one, removed)")
    args = parser.parse_args()

    scale = parse_scale(args.scale)
    parent = None if args.out else Path(tempfile.mkdtemp(prefix="filiere-demo-bench-"))
    out = args.out or Path(str(parent)) / "case"
    wall, cpu = time.perf_counter(), time.process_time()
    result = generate(out, seed=args.seed, scale=scale, force=True)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    megabytes = result.bytes / 1_000_000
    messages = result.telegram_messages + result.whatsapp_lines
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scale            {scale.name} ({scale.telegram_messages:,} Telegram messages, "
          f"{scale.whatsapp_lines:,} WhatsApp lines, {scale.days} days)")  # fmt: skip
    print(f"files            {result.files:,} ({megabytes:,.1f} MB), {result.trade_messages:,} trade messages")
    print(f"wall time        {wall:.1f} s ({megabytes / wall:,.1f} MB/s, {messages / wall:,.0f} messages/s)")
    print(f"cpu time         {cpu:.1f} s ({megabytes / cpu:,.1f} MB/s)")
    print(f"peak memory      {peak:,.0f} MB")
    if parent is None:
        print(f"case kept in     {out}")
    else:
        shutil.rmtree(parent, ignore_errors=True)


if __name__ == "__main__":
    main()
