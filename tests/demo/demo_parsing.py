"""Minimal standard-library readings of the demo files, independent of filiere's own readers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

WHATSAPP_HEADER = re.compile(r"^(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2}) - (.*)$")
SIGNAL_HEADER = re.compile(r"^\[(\d{4})-(\d{2})-(\d{2}), (\d{2}):(\d{2})\] ([^:]+): (.*)$")


def chat_messages(path: Path, header: re.Pattern[str]) -> dict[int, str]:
    """Line number where each message starts -> its full text (body after ``Name: ``, extra lines joined)."""
    found: dict[int, list[str]] = {}
    current = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")[:-1], start=1):
        match = header.match(line)
        if match:
            current = number
            body = match.group(match.re.groups)
            sender_sep = body.find(": ") if header is WHATSAPP_HEADER else -1
            found[number] = [body[sender_sep + 2 :] if sender_sep >= 0 else body]
        else:
            assert current, f"{path.name}:{number} continuation before any header"
            found[current].append(line)
    return {number: "\n".join(parts) for number, parts in found.items()}


def telegram_text(message: dict[str, Any]) -> str:
    """Telegram Desktop's ``text`` flattened: plain strings and entity texts, in order."""
    text = message["text"]
    if isinstance(text, str):
        return text
    return "".join(part if isinstance(part, str) else part["text"] for part in text)
