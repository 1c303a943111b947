"""What must hold before a period closes (rule 2 of accounting_period.py), judged in one place.

1. books_consistent: every invariant of the books holds (domain/books/integrity.py).
2. bank_lines_explained: every bank statement line booked in the period is, in its
   statement's latest reconciliation, matched to a recorded movement (or a duplicate, created
   or not the ledger's business), or carries the reason it is not.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ledger_svc.domain.books.integrity import IntegrityReport
from ledgerflow_platform.errors import DomainError


@dataclass(frozen=True)
class UnexplainedBankLine:
    statement_id: str
    position: int
    booking_date: str
    outcome: str


@dataclass(frozen=True)
class CloseCheck:
    name: str
    ok: bool
    failures: Sequence[Mapping[str, object]] = field(default_factory=tuple)


def close_checks(
    integrity: IntegrityReport, bank_lines: Sequence[UnexplainedBankLine]
) -> list[CloseCheck]:
    broken = [
        {"check": c.name, "violation_count": c.violation_count}
        for c in integrity.checks
        if not c.ok
    ]
    return [
        CloseCheck("books_consistent", integrity.ok, broken),
        CloseCheck(
            "bank_lines_explained",
            not bank_lines,
            [
                {
                    "statement_id": x.statement_id,
                    "position": x.position,
                    "booking_date": x.booking_date,
                    "outcome": x.outcome,
                }
                for x in bank_lines
            ],
        ),
    ]


class PeriodNotReady(DomainError):
    """A close refused because a check failed; every check is answered, failed or not."""

    def __init__(self, period: str, checks: Sequence[CloseCheck]) -> None:
        failed = ", ".join(c.name for c in checks if not c.ok)
        super().__init__(f"Period {period} cannot close yet: {failed} failed.", field="period")
        self.checks = checks

    def members(self) -> dict[str, object]:
        return {
            "checks": [
                {"name": c.name, "ok": c.ok, "failures": list(c.failures)} for c in self.checks
            ]
        }
