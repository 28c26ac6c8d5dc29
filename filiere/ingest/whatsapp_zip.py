"""Reader of WhatsApp chat exports in ZIP form: the chat text plus the media sent with it.

The chat member is read in place, streamed from the archive (never extracted to disk), after
checks against hostile archives: member paths that climb out (``..``, absolute, drive letters)
and a chat member whose declared size or compression ratio is absurd.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from filiere.errors import FormatError, UnsafeInputError
from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.whatsapp import read_export
from filiere.ingest.whatsapp_texts import chat_title
from filiere.model import Record

__all__ = ["MAX_CHAT_BYTES", "MAX_RATIO", "WhatsAppZipReader", "chat_member", "check_member"]

MAX_CHAT_BYTES = 4 << 30  # 4 GiB of chat text: far beyond any real export
MAX_RATIO = 200  # text compresses 5 to 20 times; 200:1 only comes from a crafted archive
_RATIO_FROM = 1 << 20  # below 1 MiB a member cannot hurt, whatever its ratio
_LOCAL_HEADER = b"PK\x03\x04"
_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe_name(name: str) -> bool:
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts


def check_member(info: zipfile.ZipInfo, archive: str) -> None:
    """Raise ``UnsafeInputError`` if the chat member is too large or too compressed to be real."""
    locator = f"member {info.filename!r}"
    if info.file_size > MAX_CHAT_BYTES:
        raise UnsafeInputError(
            tr(
                f"taille déclarée démesurée ({info.file_size:,} octets)",
                f"declared size is absurd ({info.file_size:,} bytes)",
            ),
            path=archive,
            locator=locator,
            hint=tr(
                f"au-delà de {MAX_CHAT_BYTES >> 30} Gio, l'archive est traitée comme hostile",
                f"beyond {MAX_CHAT_BYTES >> 30} GiB the archive is treated as hostile",
            ),
        )
    if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise UnsafeInputError(
            tr(f"taux de compression suspect ({ratio}:1)", f"suspicious compression ratio ({ratio}:1)"),
            path=archive,
            locator=locator,
            hint=tr(
                f"au-delà de {MAX_RATIO}:1 l'archive est traitée comme une bombe de décompression",
                f"beyond {MAX_RATIO}:1 the archive is treated as a decompression bomb",
            ),
        )


def chat_member(infos: list[zipfile.ZipInfo], archive: str) -> zipfile.ZipInfo:
    """The chat text of an export archive: ``_chat.txt`` (iOS), a ``WhatsApp Chat…`` text, or the only text."""
    texts = [info for info in infos if not info.is_dir() and info.filename.lower().endswith(".txt")]
    for info in texts:
        if info.filename.rsplit("/", 1)[-1] == "_chat.txt":
            return info
    named = [info for info in texts if chat_title(info.filename) or "whatsapp" in info.filename.lower()]
    if len(named) == 1:
        return named[0]
    if len(texts) == 1:
        return texts[0]
    listed = ", ".join(info.filename for info in texts[:10]) or tr("aucun", "none")
    raise FormatError(
        tr(
            f"aucun texte de discussion WhatsApp reconnaissable dans l'archive (textes : {listed})",
            f"no recognisable WhatsApp chat text in the archive (texts: {listed})",
        ),
        path=archive,
        locator=tr("répertoire central", "central directory"),
        hint=tr(
            "une archive d'export WhatsApp contient _chat.txt ou « WhatsApp Chat … .txt »",
            "a WhatsApp export archive holds _chat.txt or 'WhatsApp Chat … .txt'",
        ),
    )


def _head_names(head: bytes) -> list[str]:
    """Member names of the local headers found in the first bytes of an archive."""
    names: list[str] = []
    at = head.find(_LOCAL_HEADER)
    while at >= 0 and at + 30 <= len(head) and len(names) < 64:
        (length,) = struct.unpack_from("<H", head, at + 26)
        names.append(head[at + 30 : at + 30 + length].decode("utf-8", errors="replace"))
        at = head.find(_LOCAL_HEADER, at + 30 + length)
    return names


class WhatsAppZipReader(Reader):
    """``WhatsApp Chat - X.zip`` exports (iOS ``_chat.txt`` plus media, Android text plus media)."""

    name = "whatsapp_zip"
    label = "Discussion WhatsApp exportée (archive ZIP)"
    extensions = (".zip",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        if not head.startswith(_LOCAL_HEADER):
            return 0
        names = [member.rsplit("/", 1)[-1] for member in _head_names(head)]
        if any(member == "_chat.txt" or chat_title(member) for member in names):
            return 95
        if "whatsapp" in name.lower():
            return 70 if any(member.lower().endswith(".txt") for member in names) else 40
        return 0

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        try:
            archive = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ctx.error(
                tr(f"archive ZIP illisible ({exc})", f"unreadable ZIP archive ({exc})"),
                locator=tr("répertoire central", "central directory"),
                hint=tr("le fichier est tronqué ou n'est pas une archive ZIP", "the file is cut or not a ZIP"),
            ) from exc
        return self._records(archive, ctx)

    def _records(self, archive: zipfile.ZipFile, ctx: ReadContext) -> Iterator[Record]:
        with archive:
            infos = archive.infolist()
            for info in infos:
                if _unsafe_name(info.filename):
                    raise UnsafeInputError(
                        tr(
                            "chemin de membre hostile (sort de l'archive)",
                            "hostile member path (climbs out of the archive)",
                        ),
                        path=ctx.name,
                        locator=f"member {info.filename!r}",
                        hint=tr(
                            "l'archive n'a pas été produite par WhatsApp ; examinez-la à part",
                            "the archive was not made by WhatsApp; examine it separately",
                        ),
                    )
            chat = chat_member(infos, ctx.name)
            check_member(chat, ctx.name)
            media = frozenset(
                info.filename.rsplit("/", 1)[-1] for info in infos if info is not chat and not info.is_dir()
            )
            try:
                with archive.open(chat) as member:
                    yield from read_export(member, ctx, member=chat.filename, archive_media=media)
            except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
                # Corrupt data, bad CRC, encrypted or unsupported compression: nothing more to read.
                raise ctx.error(
                    tr(f"membre illisible ({exc})", f"unreadable member ({exc})"),
                    locator=f"member {chat.filename!r}",
                    hint=tr(
                        "l'archive est abîmée ou chiffrée ; les messages déjà lus restent valables",
                        "the archive is damaged or encrypted; messages read so far stand",
                    ),
                ) from exc
