"""Signal Desktop chats exported by signal-export as JSON lines (``data.json``, recent releases).

Next to ``chat.md``, signal-export (github.com/carderne/signal-export) writes one JSON object per line
and per message, ``json.dumps(dataclasses.asdict(models.Message))``: ``date`` (local ISO time, no zone),
``sender`` (display name, ``Me`` for the owner), ``body`` (ending with the markdown ``"  "``),
``quote`` (``"\\n\\n> text\\n\\n"`` or ``""``), ``sticker``, ``reactions`` (``[name, emoji]`` pairs),
``attachments`` (``{name, path}``), ``deleted``. Same records as the ``chat.md`` reader.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from typing import Any, BinaryIO

from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.signal_export_md import Body, Chat
from filiere.ingest.text import head_text, text_lines
from filiere.model import Record, Skipped

_KEYS = ('"date"', '"sender"', '"body"', '"attachments"')


def _quote(text: Any) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    return "\n".join(line[1:].removeprefix(" ") for line in text.strip("\n").split("\n"))


def _body(item: dict[str, Any]) -> Body:
    sticker = item.get("sticker")
    if isinstance(sticker, dict):  # some releases keep the Sticker dataclass
        sticker = sticker.get("emoji") or "sticker"
    body = Body(
        text=item["body"].rstrip() if isinstance(item.get("body"), str) else "",
        quote=_quote(item.get("quote")),
        sticker=sticker if isinstance(sticker, str) and sticker else None,
    )
    for pair in item.get("reactions") or []:
        if isinstance(pair, list) and len(pair) == 2:
            body.reactions.append({"emoji": str(pair[1]), "from_name": str(pair[0])})
    for attachment in item.get("attachments") or []:
        if isinstance(attachment, dict):
            body.attachments.append({"file_name": str(attachment.get("name")), "path": str(attachment.get("path"))})
    return body


class SignalExportJsonReader(Reader):
    """signal-export ``data.json``: one message object per line."""

    name = "signal_export_json"
    label = "Signal — export signal-export (data.json)"
    extensions = (".json",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        first = head_text(head).lstrip("\ufeff \r\n").split("\n", 1)[0]
        if not first.startswith("{"):
            return 0
        return 90 if all(key in first for key in _KEYS) else 0

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        chat = Chat(ctx)
        seen = False
        with closing(text_lines(fh, ctx.name)) as lines:
            for number, line in lines:
                if not line.strip():
                    continue
                locator = f"line {number}"
                try:
                    item = json.loads(line)
                    naive = datetime.fromisoformat(item["date"]).replace(tzinfo=None)
                    sender = str(item["sender"])
                except (ValueError, KeyError, TypeError) as exc:
                    if not seen:
                        raise ctx.error(
                            tr("pas un export data.json de signal-export", "not a signal-export data.json"),
                            locator,
                            hint=tr("une ligne JSON par message attendue", "one JSON object per message expected"),
                        ) from exc
                    yield Skipped(locator, tr(f"message illisible : {exc!r}", f"unreadable message: {exc!r}"))
                    continue
                seen = True
                yield from chat.message(locator, naive, sender, _body(item), deleted=bool(item.get("deleted")))
        if not seen:
            raise ctx.error(tr("fichier vide", "empty file"), "line 1")
