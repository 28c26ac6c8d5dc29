"""What a reader is: a class that recognises a format and turns an open file into records.

Readers read; they never store. A reader gets a seekable binary file and a ``ReadContext`` and
yields records (``filiere.model``). A record it cannot read is yielded as ``Skipped`` with its
locator and reason, and the run goes on; a file it cannot read at all raises ``FormatError``
(or ``UnsafeInputError`` for hostile structure) naming the locator and what to do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO, ClassVar

from filiere.errors import FormatError
from filiere.model import PhoneValue, Record
from filiere.types.moment import DEFAULT_TZ
from filiere.types.phone import DEFAULT_REGION, normalize_phone

HEAD_SIZE = 64 * 1024


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader knows besides the bytes.

    ``name`` is the original file name (exports put chat titles in it); ``options`` carries
    reader-specific settings from the command line (``date_order``, ``mapping``, ...).
    """

    sha256: str
    name: str
    tz: str = DEFAULT_TZ
    region: str = DEFAULT_REGION
    options: Mapping[str, Any] = field(default_factory=dict)

    def phone(self, raw: str | None, label: str | None = None) -> PhoneValue | None:
        """A phone value for ``raw`` as written, normalised in this context's region."""
        if raw is None or not raw.strip():
            return None
        return PhoneValue(raw.strip(), normalize_phone(raw, self.region), label)

    def error(self, message: str, locator: str | None = None, hint: str | None = None) -> FormatError:
        return FormatError(message, path=self.name, locator=locator, hint=hint)


class Reader:
    """Base class of every reader.

    Subclasses set ``name`` (used by ``--format``), ``label`` (shown to investigators) and
    ``extensions``, and implement ``match`` and ``read``.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        """How sure this reader is that a file is its format, from 0 (not mine) to 100.

        ``head`` is the first 64 KiB of the file, ``name`` its original file name.
        """
        raise NotImplementedError

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        """Yield the file's records in file order."""
        raise NotImplementedError
