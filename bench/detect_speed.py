"""Messages per second of the full detection (``detect``) on ONE core, in CPU time.

    python bench/detect_speed.py [--seconds 5] [--lines FILE] [--to-dict]

Two corpora by default: the labelled set (short messages, most of them about drugs or look-alikes:
the slow case, every detector runs) and the text of a real Telegram export from ../shared/data
(ordinary chat: the common case in a seized phone). ``--lines`` reads one message per line instead.
CPU time is measured, not wall time, so other processes on the machine do not count.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from filiere.extract import default_lexicon, detect

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


def measure(name: str, texts: list[str], seconds: float, to_dict: bool) -> None:
    lexicon = default_lexicon()  # compiled once, as in a worker process
    for text in texts:  # warm caches (phone normalisation) as a long run would
        detect(text, lexicon)
    done = chars = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for text in texts:
            found = detect(text, lexicon)
            if to_dict:
                found.to_dict()
        done += len(texts)
        chars += sum(map(len, texts))
    elapsed = time.process_time() - start
    print(
        f"{name:28} {done / elapsed:>9,.0f} messages/s on one core"
        f"  ({done} messages, mean {chars / done:.0f} characters, {elapsed:.1f} s CPU)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="CPU seconds per corpus")
    parser.add_argument("--lines", type=Path, default=None, help="one message per line instead")
    parser.add_argument("--to-dict", action="store_true", help="also build the JSON form of each detection")
    args = parser.parse_args()

    print(f"lexicon {default_lexicon().version}")
    if args.lines is not None:
        texts = args.lines.read_text(encoding="utf-8", errors="replace").splitlines()
        measure(args.lines.name, texts, args.seconds, args.to_dict)
        return
    measure("labelled set (trade-dense)", _devset(), args.seconds, args.to_dict)
    chat = _telegram()
    if chat:
        measure("Telegram export (chat)", chat, args.seconds, args.to_dict)


if __name__ == "__main__":
    main()
