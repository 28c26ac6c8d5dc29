"""A call-record graph of 100,000 lines and 1,000,000 calls: add it, then analyse it.

The records are synthetic (lines are named ``L000001``…, not phone numbers): hubs that many lines
call (dispatchers), their couriers, one-off contacts, and background calls; 500 lines carry cell
sites and handsets, as requisitioned lines would. Prints the time of `filiere add` and of each
stage of `filiere analyze` (identities, network, key players with sampled betweenness,
communities, roles, disruption).

    .venv/bin/python bench/analyze_scale.py [--lines 100000] [--calls 1000000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "filiere"
START = 1_704_067_200  # 2024-01-01 UTC


def write_records(path: Path, lines: int, calls: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    hubs = max(10, lines // 500)
    tracked = set(range(1, 501))  # requisitioned lines: cells and handsets known
    cells = [(f"208-01-{i:05d}", 48.7 + rng.random() * 0.3, 2.2 + rng.random() * 0.3) for i in range(3000)]
    with open(path, "w", encoding="utf-8") as out:
        out.write("start,caller,callee,duration,type,imei,imsi,cell_id,lat,lon\n")
        for _ in range(calls):
            r = rng.random()
            if r < 0.6:  # a customer calls his dispatcher
                customer = rng.randrange(hubs + 1, lines + 1)
                a, b = customer, 1 + customer % hubs
            elif r < 0.8:  # a dispatcher calls one of his couriers
                hub = rng.randrange(1, hubs + 1)
                a, b = hub, hubs + 1 + (hub * 7 + rng.randrange(5)) % (lines - hubs)
            else:  # background
                a, b = rng.randrange(1, lines + 1), rng.randrange(1, lines + 1)
            if a == b:
                b = 1 + b % lines
            ts = START + rng.randrange(90 * 86400)
            kind = "voice" if rng.random() < 0.7 else "sms"
            cell = imei = imsi = lat = lon = ""
            if a in tracked:
                cid, la, lo = cells[(a * 31 + ts // 3600) % len(cells)]
                cell, lat, lon = cid, f"{la:.5f}", f"{lo:.5f}"
                imei, imsi = f"35{a:013d}", f"20801{a:010d}"
            when = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(ts))
            out.write(f"{when},L{a:06d},L{b:06d},{rng.randrange(300) if kind == 'voice' else 0},{kind},"
                      f"{imei},{imsi},{cell},{lat},{lon}\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        records = Path(tmp) / "cdr.csv"
        write_records(records, args.lines, args.calls)
        megabytes = records.stat().st_size / 1e6
        case = Path(tmp) / "case"
        subprocess.run([str(BIN), "case", "init", str(case), "--title", "bench"], check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run([str(BIN), "add", str(case), str(records), "--preset", "generic"], check=True,
                       capture_output=True)  # fmt: skip
        added = time.perf_counter() - start
        start = time.perf_counter()
        out = subprocess.run([str(BIN), "analyze", str(case), "--json"], capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"filiere analyze failed: {out.stderr}")
        analysed = time.perf_counter() - start
        summary = json.loads(out.stdout)
    print(f"{args.lines:,} lines, {args.calls:,} calls ({megabytes:.0f} MB CSV)")
    print(f"  filiere add:     {added:6.1f} s")
    print(f"  filiere analyze: {analysed:6.1f} s (whole command)")
    for stage, seconds in summary["seconds"].items():
        print(f"    {stage:<13} {seconds:6.1f} s")
    net = summary["network"]
    print(f"  {summary['actors']:,} actors, {net['nodes']:,} nodes, {net['edges']:,} ties, {net['communities']:,} "
          f"communities; roles: {summary['roles']}")  # fmt: skip


if __name__ == "__main__":
    main()
