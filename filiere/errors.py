"""The exception tree of filiere.

Every error that bad input, a bad case folder or a broken evidence file can cause is one of these::

    FiliereError                 base: carries a message and a hint saying what to do
    ├── CaseError                the folder is not a case, or is unusable (locked, newer schema)
    │   └── NotACaseError        no case.sqlite in the folder
    ├── EvidenceError            an evidence file cannot be read from disk (missing, unreadable)
    ├── FormatError              a file's content is not what its reader expects
    │   ├── UnknownFormatError   no reader recognises the file
    │   └── UnsafeInputError     hostile structure: XML entities, archive path traversal, oversize
    ├── IntegrityError           `verify` found altered or missing evidence or custody entries
    └── UsageError               a command was called with values that cannot work

The CLI turns each into a message that names the file, the record and the fix, and an exit code;
the web layer turns each into an HTTP status. Nothing else should escape to the user.
"""

from __future__ import annotations


class FiliereError(Exception):
    """Base of every error filiere reports to a user."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}\n{self.hint}"


class CaseError(FiliereError):
    """The case folder is unusable."""

    exit_code = 2
    http_status = 409


class NotACaseError(CaseError):
    """The folder has no case in it."""

    http_status = 404


class EvidenceError(FiliereError):
    """An evidence file cannot be read from disk."""

    exit_code = 3
    http_status = 400


class FormatError(FiliereError):
    """A file's content does not match what its reader expects.

    ``path`` names the file and ``locator`` the place inside it (line, record, element).
    """

    exit_code = 4
    http_status = 422

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        locator: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = ", ".join(part for part in (path, locator) if part)
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.locator = locator


class UnknownFormatError(FormatError):
    """No reader recognises the file."""


class UnsafeInputError(FormatError):
    """The file is built to harm its reader (entity bomb, path traversal, absurd sizes)."""


class IntegrityError(FiliereError):
    """Verification found evidence or custody entries altered, removed or added."""

    exit_code = 5
    http_status = 500


class UsageError(FiliereError):
    """Arguments that cannot work together."""

    exit_code = 64
    http_status = 400
