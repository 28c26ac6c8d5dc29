"""Messages per second of the full detection (``detect``) on ONE core, in CPU time.

    python bench/detect_speed.py [--seconds 5] [--lines FILE] [--demo DIR] [--to-dict]

Corpora: the labelled set (short messages, most of them about drugs or look-alikes: the slow
case, every detector runs), the text of a real Telegram export from ../shared/data (ordinary
chat: the common case in a seized phone), and with ``--demo`` every message of a generated demo
case (channel menus reposted many times, courier and customer chats). ``--lines`` reads one
message per line instead.

Each corpus is measured twice: without the per-text cache (every message read afresh, as if
no text ever repeated) and with it, in file order (repeats hit the cache as they would in a
real run). CPU time is measured, not wall time, so other processes on the machine do not count.
The detectors run compiled (mypyc, built at install) unless ``FILIERE_PURE_PYTHON=1`` is set.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from filiere.extract import compiled, default_lexicon, detect
from filiere.extract.pipeline import clear_cache

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "extract" / "devset.jsonl"
TELEGRAM = ROOT.parent / "shared" / "data" / "chat_exports" / "chat-analytics" / "tests" / "samples" / "telegram"


def _devset() -> list[str]:
    return [json.loads(line)["text"] for line in DEVSET.open(encoding="utf-8") if line.strip()]


def _telegram() -> list[str]:
    path = TELEGRAM / "BIG_20A_5475M.json"
    if not path.is_file():
        return []
    texts = []
    for message in json.loads(path.read_text(encoding="utf-8")).get("messages", []):
        text = message.get("text", "")
        if isinstance(text, list):
            text = "".join(part if isinstance(part, str) else part.get("text", "") for part in text)
        if text:
            texts.append(text)
    return texts


def _demo(root: Path) -> list[str]:
    from filiere.extract.evaluate_demo import read_demo

    return [message.text for message in read_demo(root)]


def measure(name: str, texts: list[str], seconds: float, to_dict: bool, cache: bool) -> None:
    lexicon = default_lexicon()  # compiled once, as in a worker process
    for text in texts:  # warm other caches (phone normalisation) as a long run would
        detect(text, lexicon, cache=False)
    done = chars = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        clear_cache()  # each round starts cold: repeats only within the corpus count
        for text in texts:
            found = detect(text, lexicon, cache=cache)
            if to_dict:
                found.to_dict()
        done += len(texts)
        chars += sum(map(len, texts))
    elapsed = time.process_time() - start
    distinct = len(set(texts))
    label = f"{name} ({'cache' if cache else 'no cache'})"
    print(
        f"{label:40} {done / elapsed:>9,.0f} messages/s on one core  ({len(texts)} messages,"
        f" {distinct} distinct, mean {chars / done:.0f} characters, {elapsed:.1f} s CPU)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="CPU seconds per corpus and mode")
    parser.add_argument("--lines", type=Path, default=None, help="one message per line instead")
    parser.add_argument("--demo", type=Path, default=None, help="also a demo case folder (filiere demo generate)")
    parser.add_argument("--to-dict", action="store_true", help="also build the JSON form of each detection")
    args = parser.parse_args()

    print(f"lexicon {default_lexicon().version}, detectors {compiled.MODE} (FILIERE_PURE_PYTHON=1: from source)")
    corpora: list[tuple[str, list[str]]] = []
    if args.lines is not None:
        corpora.append((args.lines.name, args.lines.read_text(encoding="utf-8", errors="replace").splitlines()))
    else:
        corpora.append(("labelled set (trade-dense)", _devset()))
        chat = _telegram()
        if chat:
            corpora.append(("Telegram export (chat)", chat))
        if args.demo is not None:
            corpora.append(("demo case", _demo(args.demo)))
    for name, texts in corpora:
        for cache in (False, True):
            measure(name, texts, args.seconds, args.to_dict, cache)


if __name__ == "__main__":
    main()
