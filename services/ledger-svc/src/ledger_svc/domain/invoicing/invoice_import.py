"""A bulk invoice import: its outcome when the file was taken, and its errors when it was not."""

from dataclasses import dataclass
from datetime import datetime

from ledgerflow_platform.errors import DomainError

# What a client can act on without drowning in a report of every row of a bad file.
ERRORS_SHOWN = 100
KEPT_FOR_SORTING = 100_000


@dataclass(frozen=True)
class RowError:
    """What is wrong with one cell (or one row, or the file: row 0) of an import file."""

    row: int
    column: str | None
    message: str


class InvoiceImportRejected(DomainError):
    """An invoice file with errors: nothing of it was imported."""

    def __init__(self, errors: tuple[RowError, ...], error_count: int) -> None:
        super().__init__(
            f"The file has {error_count} error(s); nothing was imported. "
            f"The first {len(errors)} are listed.",
            field="file",
        )
        self.errors = errors
        self.error_count = error_count


class ErrorReport:
    """Every error found, counted; the ERRORS_SHOWN first by row are listed in full."""

    def __init__(self, shown: int = ERRORS_SHOWN) -> None:
        self._shown = shown
        self._kept: list[RowError] = []
        self.count = 0
        self.rows: set[int] = set()

    def add(self, row: int, column: str | None, message: str) -> None:
        self.count += 1
        self.rows.add(row)
        # Checks run file-wide in passes, so errors arrive out of row order: keep enough to
        # list the first rows, yet a file of garbage cannot fill the memory.
        if len(self._kept) < KEPT_FOR_SORTING:
            self._kept.append(RowError(row, column, message))

    @property
    def errors(self) -> tuple[RowError, ...]:
        return tuple(sorted(self._kept, key=lambda e: e.row)[: self._shown])

    def reject_if_any(self, rejected: type[InvoiceImportRejected] = InvoiceImportRejected) -> None:
        if self.count:
            raise rejected(self.errors, self.count)


class DuplicateInvoiceImport(DomainError):
    """This very file was imported before; importing it again would bill everything twice."""

    def __init__(self, import_id: str) -> None:
        super().__init__(
            f"This file was already imported as {import_id}; nothing was imported again.",
            field="file",
        )
        self.import_id = import_id


class InvoiceFileTooLarge(DomainError):
    """An invoice file above the size the ledger takes in one import."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The file is larger than {limit // 2**20} MiB; split it into smaller imports.",
            field="file",
        )
        self.limit = limit


@dataclass(frozen=True)
class InvoiceImport:
    """A file of invoices that was imported whole: what it created and who brought it in."""

    id: str
    file_sha256: str
    filename: str | None
    rows: int
    invoices_created: int
    lines_created: int
    totals: dict[str, int]
    imported_by: str
    imported_at: datetime


class InvoiceImportNotFound(DomainError):
    """No invoice import has this id."""

    def __init__(self, import_id: str) -> None:
        super().__init__(f"No invoice import with id {import_id}.")
        self.import_id = import_id
