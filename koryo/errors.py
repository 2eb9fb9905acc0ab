"""Every exception koryo raises, in one place; each message reads "{path}: {reason}"."""

from __future__ import annotations


class KoryoError(Exception):
    """Base of every koryo error."""


class RejectedFile(KoryoError):
    """A file that cannot be read into a document; the ingest goes on without it."""

    reason = "cannot be read"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {self.reason}" + (f" ({detail})" if detail else ""))


class EmptyFile(RejectedFile):
    reason = "empty file"


class BinaryFile(RejectedFile):
    reason = "binary file, not a text, HTML or PDF document"


class UnknownEncoding(RejectedFile):
    reason = "text encoding could not be detected; convert the file to UTF-8"


class TooLarge(RejectedFile):
    reason = "file is larger than the size limit; raise it with --max-size"


class TruncatedPdf(RejectedFile):
    reason = "truncated or corrupt PDF"


class EncryptedPdf(RejectedFile):
    reason = "encrypted PDF"


class MalformedMarkup(RejectedFile):
    reason = "markup too broken to read"


class NoText(RejectedFile):
    reason = "no text found in the document"


class StoreError(KoryoError):
    """The store cannot be opened or is of a schema this koryo does not know."""


class ReadOnlyStore(StoreError):
    """A write to a store opened read-only (PostgreSQL's; SQLite's is its OperationalError)."""


class DiskFull(StoreError):
    """The store's disk is full; the transaction under way was rolled back."""


class NotFound(KoryoError):
    """A document, table or other record asked for by name does not exist."""


class UsageError(KoryoError):
    """A command was called with arguments that do not fit."""
