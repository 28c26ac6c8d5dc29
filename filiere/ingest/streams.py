"""Records of a file as stored rows, read in this process or, for large files, in a child process.

Python threads cannot parse and write at the same time (every row SQLite writes needs the GIL
back), so a large file is parsed by a child process that streams ready-made rows through a pipe
while this process writes them: reading and writing then use both cores. The child is started
with ``spawn`` (a fresh interpreter), which is safe in a threaded server.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any, BinaryIO

from filiere.errors import FiliereError, FormatError, UnsafeInputError
from filiere.i18n import language, speaking, tr
from filiere.ingest import registry
from filiere.ingest.base import ReadContext, Reader
from filiere.model import Record
from filiere.store.records import row_of

CHILD_FROM = 64 * 1024 * 1024  # bytes: below this, starting an interpreter costs more than it saves
BATCH = 2000
Row = tuple[str, tuple[Any, ...]]  # (record type, stored row)


def read_records(fh: BinaryIO, reader: type[Reader], ctx: ReadContext) -> Iterator[Record]:
    """The reader's records; a bug in a reader becomes a ``FormatError`` naming the file, not a traceback."""
    try:
        yield from reader().read(fh, ctx)
    except FiliereError:
        raise
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OverflowError,
        RecursionError,
    ) as exc:
        raise FormatError(
            tr(f"contenu inattendu pour le format {reader.name} ({type(exc).__name__}: {exc})",
               f"unexpected content for format {reader.name} ({type(exc).__name__}: {exc})"),
            path=ctx.name,
            hint=tr("le fichier est peut-être tronqué ou d'un autre format ; essayez --format",
                    "the file may be truncated or of another format; try --format"),
        ) from exc  # fmt: skip


def rows_here(fh: BinaryIO, reader: type[Reader], ctx: ReadContext) -> Iterator[Row]:
    for record in read_records(fh, reader, ctx):
        yield record.type, row_of(ctx.sha256, record)


def _child(path: str, reader_name: str, ctx: ReadContext, out: Connection, lang: str) -> None:
    """Runs in the child: read the file, send rows in batches with the position reached."""
    with speaking(lang):
        _send_rows(path, reader_name, ctx, out)


def _send_rows(path: str, reader_name: str, ctx: ReadContext, out: Connection) -> None:
    try:
        reader = registry.by_name(reader_name)
        with open(path, "rb") as fh:
            batch: list[Row] = []
            for row in rows_here(fh, reader, ctx):
                batch.append(row)
                if len(batch) >= BATCH:
                    out.send(("rows", batch, fh.tell()))
                    batch = []
            out.send(("rows", batch, fh.tell()))
        out.send(("done",))
    except FiliereError as exc:
        out.send(("error", isinstance(exc, UnsafeInputError), exc.message, exc.hint))
    finally:
        out.close()


def rows_in_child(
    path: str, reader: type[Reader], ctx: ReadContext, progress: Callable[[int], None] | None = None
) -> Iterator[Row]:
    """The rows of ``path`` read by a child process; its errors are raised here, named as they were."""
    spawn = multiprocessing.get_context("spawn")
    receive, send = spawn.Pipe(duplex=False)
    child = spawn.Process(target=_child, args=(path, reader.name, ctx, send, language()), daemon=True)
    child.start()
    send.close()
    try:
        while True:
            try:
                message = receive.recv()
            except EOFError:
                child.join()
                raise FormatError(
                    tr(f"le processus de lecture s'est arrêté (code {child.exitcode})",
                       f"the reading process stopped (exit code {child.exitcode})"),
                    path=ctx.name,
                    hint=tr("relancez ; si cela se reproduit, signalez-le avec le fichier journal",
                            "run it again; if it happens again, report it with the log"),
                ) from None  # fmt: skip
            if message[0] == "rows":
                yield from message[1]
                if progress:
                    progress(message[2])
            elif message[0] == "done":
                return
            else:
                _kind, unsafe, text, hint = message
                raise (UnsafeInputError if unsafe else FormatError)(text, hint=hint)
    finally:
        receive.close()
        if child.is_alive():
            child.terminate()
        child.join()
