"""Credit bureau reports, each agency's score normalised to 0-100 on its own scale."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledgerflow_platform.errors import DomainError


class ImpossibleReport(DomainError):
    """The score does not fit the scale it was reported on."""


@dataclass(frozen=True)
class BureauReport:
    agency: str
    score: int
    scale_min: int
    scale_max: int
    rating: str | None
    reported_on: date

    @property
    def normalised(self) -> Decimal:
        """Where the score lies on its scale, 0 (worst) to 100 (best)."""
        span = Decimal(self.scale_max - self.scale_min)
        return Decimal(self.score - self.scale_min) * 100 / span


def checked_report(report: BureauReport) -> BureauReport:
    if report.scale_max <= report.scale_min:
        raise ImpossibleReport("scale_max must be above scale_min.", field="scale_max")
    if not report.scale_min <= report.score <= report.scale_max:
        raise ImpossibleReport("score must lie within its scale.", field="score")
    return report
