"""Benchmark: filiere's WhatsApp text reader against chat-miner's WhatsApp parser, same file.

    python bench/whatsapp_parse.py [EXPORT.txt] [--lines N]

Without a file, a fictional export of N lines (default 1,000,000: French-style Android headers,
multi-line messages, media and deleted-message lines, invented names and fiction-range numbers)
is written to /tmp and used. chat-miner (MIT, from the package index) runs in its own virtual
environment, bench/.venv-chatminer, created on first use; it is timed in a subprocess, ours in
this process. Both figures, the ratio and the peak memory of each side are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filiere.ingest.base import ReadContext  # noqa: E402
from filiere.ingest.whatsapp import WhatsAppTextReader  # noqa: E402
from filiere.model import Message  # noqa: E402

VENV = ROOT / "bench" / ".venv-chatminer"
CHATMINER = "chat-miner==0.6.0"

# Runs inside chat-miner's environment: parse, time, report as JSON on stdout.
_CHATMINER_SCRIPT = """
import json, logging, resource, sys, time
logging.disable(logging.CRITICAL)
from chatminer.chatparsers import WhatsAppParser
wall, cpu = time.perf_counter(), time.process_time()
parser = WhatsAppParser(sys.argv[1])
parser.parse_file()
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
count = len(parser.parsed_messages._parsed_messages)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"wall": wall, "cpu": cpu, "messages": count, "peak_kib": peak}))
"""


@dataclass(frozen=True)
class Timing:
    """One side's figures: wall-clock and CPU seconds, what it produced, peak resident memory."""

    wall: float
    cpu: float
    produced: str
    peak_mib: int


NAMES = ("Karim B", "Lucas M", "Nadia", "Sofiane", "Inès R", "Théo", "+33 6 39 98 12 34", "Maëlle")
TEXTS = (
    "on se voit demain ?",
    "ok ça marche",
    "j'arrive dans 10 min",
    "t'es où ?",
    "je t'appelle ce soir",
    "bien reçu, merci 👍",
    "le train a du retard, je serai là vers 19h",
    "tu peux passer récupérer le colis à la poste ?",
    "😂😂",
    "rdv devant la gare",
)
MEDIA = ("<Médias omis>", "IMG-20220323-WA0002.jpg (fichier joint)", "PTT-20220323-WA0001.opus (fichier joint)")


def make_export(path: Path, lines: int, seed: int = 20240601) -> None:
    """Write a fictional Android export in French of exactly ``lines`` lines."""
    rng = random.Random(seed)
    moment = datetime(2022, 1, 3, 8, 0)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{moment:%d/%m/%Y %H:%M} - Les messages et les appels sont chiffrés de bout en bout.\n")
        written += 1
        while written < lines:
            moment += timedelta(seconds=rng.randrange(0, 400))
            stamp = f"{moment:%d/%m/%Y %H:%M} - {rng.choice(NAMES)}: "
            roll = rng.random()
            if roll < 0.08 and written + 3 <= lines:
                extra = rng.randrange(1, 3)
                out.write(stamp + rng.choice(TEXTS) + "\n")
                out.write("".join(rng.choice(TEXTS) + "\n" for _ in range(extra)))
                written += 1 + extra
                continue
            if roll < 0.15:
                body = rng.choice(MEDIA)
            elif roll < 0.16:
                body = "Ce message a été supprimé"
            elif roll < 0.165:
                body = "position : https://maps.google.com/?q=48.8566,2.3522"
            else:
                body = rng.choice(TEXTS)
            out.write(stamp + body + "\n")
            written += 1


def ensure_venv() -> Path:
    """chat-miner's own environment, made on first use; its interpreter."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", CHATMINER], check=True)
    ignore = VENV / ".gitignore"
    if not ignore.exists():
        # Keep the environment out of version control, as recent venv versions do by themselves.
        ignore.write_text("*\n", encoding="utf-8")
    return python


def time_chatminer(path: Path) -> Timing:
    python = ensure_venv()
    env = {**os.environ, "TQDM_DISABLE": "1"}
    done = subprocess.run(
        [str(python), "-c", _CHATMINER_SCRIPT, str(path)], check=True, capture_output=True, text=True, env=env
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    produced = f"{found['messages']:,} messages (author, text, time)"
    return Timing(found["wall"], found["cpu"], produced, found["peak_kib"] // 1024)


def time_ours(path: Path) -> Timing:
    kinds: Counter[str] = Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as fh:
        for record in WhatsAppTextReader().read(fh, ReadContext(sha256="0" * 64, name=path.name)):
            kinds[record.kind if isinstance(record, Message) else record.type] += 1
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    produced = f"{sum(kinds.values()):,} records with kinds, locators and zones {dict(kinds)}"
    return Timing(wall, cpu, produced, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("export", nargs="?", type=Path, help="a WhatsApp .txt export")
    parser.add_argument("--lines", type=int, default=1_000_000, help="size of the generated export")
    args = parser.parse_args()
    path: Path = args.export or Path(f"/tmp/filiere-bench-whatsapp-{args.lines}.txt")
    if args.export is None and not path.exists():
        make_export(path, args.lines)
    with path.open("rb") as fh:
        lines = sum(1 for _ in fh)
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB, {lines:,} lines)")
    ours = time_ours(path)
    theirs = time_chatminer(path)
    for label, timing in (("filiere whatsapp_txt", ours), (f"chat-miner {CHATMINER.split('==')[1]}", theirs)):
        print(
            f"{label}: {timing.wall:.2f} s wall, {timing.cpu:.2f} s CPU, peak RSS {timing.peak_mib} MiB; "
            f"{timing.produced}"
        )
    # CPU time is the fairer figure on a shared machine; wall-clock is what a user waits.
    print(f"ratio (chat-miner / filiere): CPU {theirs.cpu / ours.cpu:.1f}x, wall {theirs.wall / ours.wall:.1f}x")


if __name__ == "__main__":
    main()
