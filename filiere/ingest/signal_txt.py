"""Signal chats as text, ``[2019-12-24, 12:23] Jane Doe: Hello``: signal-export's early ``index.md``.

The form chat-miner and other chat-analysis tools read as "Signal text export". It is the same tool's
earlier generation (comma after the date, no seconds), so it is read by the signal-export reader; only
the recognition differs. A body line that is not a header continues the message above it.
"""

from __future__ import annotations

from filiere.ingest.signal_export_md import SignalExportMdReader


class SignalTxtReader(SignalExportMdReader):
    """``[YYYY-MM-DD, HH:MM] Name: text`` lines, continuation lines kept with their line breaks."""

    name = "signal_txt"
    label = "Signal — export texte ([AAAA-MM-JJ, HH:MM] Nom: texte)"
    extensions = (".txt",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        return cls._score(head, name, comma=True)
