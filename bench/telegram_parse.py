"""Benchmark of the Telegram JSON reader: a synthetic channel export of N messages, parsed once.

    .venv/bin/python bench/telegram_parse.py [N] [--chats K] [--keep]

Writes ``/tmp/filiere-bench/telegram_<N>_<K>.json`` (Telegram Desktop's layout and indentation;
a full-account export of K chats with ``--chats``, which exercises the nested streaming path;
fictional text and names, phone numbers from the ranges reserved for fiction), reads it with
``TelegramJsonReader`` and prints messages per second and the peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from filiere.ingest.base import ReadContext
from filiere.ingest.telegram_json import TelegramJsonReader

OUT_DIR = Path("/tmp/filiere-bench")
PARIS = ZoneInfo("Europe/Paris")
WORDS = [
    "bonjour",
    "livraison",
    "ce",
    "soir",
    "demain",
    "matin",
    "rendez-vous",
    "gare",
    "centre",
    "parking",
    "merci",
    "ok",
    "dispo",
    "appelle-moi",
    "quand",
    "tu",
    "arrives",
    "prix",
    "habituel",
    "nouveau",
    "menu",
    "horaires",
    "fermé",
    "ouvert",
    "week-end",
    "la",
    "suite",
    "plus",
    "tard",
    "je",
    "confirme",
]
AUTHORS = [("Canal Fictif", "channel1234567890")] + [(f"Membre {n}", f"user{700000000 + n}") for n in range(1, 40)]


def _message(number: int, unix: int, rng: random.Random) -> str:
    """One message object as Telegram Desktop writes it (one-space indentation per level)."""
    author, author_id = AUTHORS[0] if number % 3 else rng.choice(AUTHORS)
    words = " ".join(rng.choices(WORDS, k=rng.randint(3, 14)))
    local = datetime.fromtimestamp(unix, UTC).astimezone(PARIS).replace(tzinfo=None).isoformat()
    lines = [
        f'   "id": {number}',
        '   "type": "message"',
        f'   "date": "{local}"',
        f'   "date_unixtime": "{unix}"',
        f'   "from": "{author}"',
        f'   "from_id": "{author_id}"',
    ]
    if number % 50 == 0:
        lines.append(f'   "reply_to_message_id": {number - 7}')
    if number % 40 == 0:
        lines.append('   "photo": "photos/photo_1@01-01-2023_10-00-00.jpg"')
    if number % 10 == 0:
        phone = f"06 39 98 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
        parts = [("plain", words + " "), ("phone", phone), ("plain", " "), ("link", "https://example.org/menu")]
        text = ",\n".join(
            f"    {json.dumps(t, ensure_ascii=False)}"
            if kind == "plain"
            else f'    {{"type": "{kind}", "text": "{t}"}}'
            for kind, t in parts
        )
        entities = ",\n".join(
            f'    {{"type": "{kind}", "text": {json.dumps(t, ensure_ascii=False)}}}' for kind, t in parts
        )
        lines.append(f'   "text": [\n{text}\n   ]')
        lines.append(f'   "text_entities": [\n{entities}\n   ]')
    else:
        quoted = json.dumps(words, ensure_ascii=False)
        lines.append(f'   "text": {quoted}')
        lines.append(f'   "text_entities": [\n    {{\n     "type": "plain",\n     "text": {quoted}\n    }}\n   ]')
    return "  {\n" + ",\n".join(lines) + "\n  }"


def generate(count: int, path: Path, chats: int) -> None:
    """One channel (``chats`` = 0), or a full-account export whose ``chats`` chats share the messages."""
    rng = random.Random(20240501)
    unix = 1_672_574_400
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ' "name": "Canal Fictif",\n "type": "public_channel",\n "id": {id},\n "messages": [\n'
    with path.open("w", encoding="utf-8") as out:
        if chats:
            out.write('{\n "personal_information": {"user_id": 700000001, "first_name": "Membre"},\n')
            out.write(' "chats": {\n  "list": [\n')
        out.write("{\n" + header.format(id=1234567890))
        per_chat = count // max(chats, 1)
        for number in range(1, count + 1):
            unix += rng.randint(1, 90)
            out.write(_message(number, unix, rng))
            if chats and number % per_chat == 0 and number // per_chat < chats:
                out.write("\n ]\n},\n{\n" + header.format(id=1234567890 + number))
            else:
                out.write(",\n" if number < count else "\n")
        out.write(" ]\n}\n")
        if chats:
            out.write("  ]\n }\n}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated file for the next run")
    parser.add_argument("--chats", type=int, default=0, help="write a full-account export with this many chats")
    args = parser.parse_args()
    path = OUT_DIR / f"telegram_{args.count}_{args.chats}.json"
    if not path.exists():
        started = time.perf_counter()
        generate(args.count, path, args.chats)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    kinds: Counter[str] = Counter()
    started, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as fh:
        for record in TelegramJsonReader().read(fh, ReadContext(sha256="0" * 64, name=path.name)):
            kinds[record.type] += 1
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"records: {dict(kinds)}")
    # CPU time is the steadier figure on a shared machine; wall time is what a user waits.
    print(
        f"parse: {elapsed:.2f} s wall, {cpu:.2f} s CPU, {kinds['message'] / cpu:,.0f} messages/s (CPU), "
        f"peak RSS {peak_mib:.0f} MiB"
    )
    if not args.keep:
        path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
