"""The list of readers, and the choice of one for a file (best match wins)."""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import PurePath

from filiere.errors import UnknownFormatError, UsageError
from filiere.i18n import tr
from filiere.ingest.base import Reader

# "module:Class" of every reader; imported on first use so that start-up stays fast.
READERS: tuple[str, ...] = (
    "filiere.ingest.telegram_json:TelegramJsonReader",
    "filiere.ingest.snapchat:SnapchatJsonReader",
    "filiere.ingest.whatsapp:WhatsAppTextReader",
    "filiere.ingest.whatsapp_zip:WhatsAppZipReader",
    "filiere.ingest.signal_txt:SignalTxtReader",
    "filiere.ingest.signal_export_md:SignalExportMdReader",
    "filiere.ingest.signal_export_json:SignalExportJsonReader",
    "filiere.ingest.signal_sigtop_txt:SigtopTxtReader",
    "filiere.ingest.signal_sigtop_json:SigtopJsonReader",
    "filiere.ingest.vcard:VCardReader",
    "filiere.ingest.media:MediaReader",
    "filiere.ingest.sms_xml:SmsXmlReader",
    "filiere.ingest.calls_xml:CallsXmlReader",
    "filiere.ingest.cdr:CdrReader",
)


@cache
def readers() -> tuple[type[Reader], ...]:
    found: list[type[Reader]] = []
    for spec in READERS:
        module_name, _, class_name = spec.partition(":")
        module = importlib.import_module(module_name)
        found.append(getattr(module, class_name))
    return tuple(found)


def by_name(name: str) -> type[Reader]:
    for reader in readers():
        if reader.name == name:
            return reader
    known = ", ".join(sorted(r.name for r in readers()))
    raise UsageError(tr(f"format inconnu : {name!r}", f"unknown format {name!r}"),
                     hint=tr(f"formats connus : {known}", f"known formats: {known}"))  # fmt: skip


def choose(head: bytes, name: str) -> type[Reader]:
    """The reader most sure of the file; ``UnknownFormatError`` when none claims it."""
    scored = [(reader.match(head, name), reader) for reader in readers()]
    scored = [item for item in scored if item[0] > 0]
    if not scored:
        known = ", ".join(sorted(r.name for r in readers()))
        raise UnknownFormatError(
            tr("aucun lecteur ne reconnaît ce fichier", "no reader recognises this file"),
            path=PurePath(name).name,
            hint=tr(f"indiquez --format NOM si vous savez ce que c'est (formats connus : {known})",
                    f"pass --format NAME if you know what it is (known formats: {known})"),
        )  # fmt: skip
    scored.sort(key=lambda item: -item[0])
    return scored[0][1]
