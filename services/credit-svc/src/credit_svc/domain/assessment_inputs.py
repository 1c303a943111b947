"""Every input a scorecard may read, found as of a business date, each with its source.

Ratios come from the latest financial statement whose period ended by the date, the bureau
score (normalised 0-100) from the latest report by the date, behaviour from ledger and
collections events. A statement or report recorded later does not change an earlier date.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from credit_svc.domain.behaviour import Behaviour
from credit_svc.domain.bureau_reports import BureauReport
from credit_svc.domain.financial_statements import FinancialStatement, ratios_of
from credit_svc.domain.scorecard import InputValue

LEDGER = "ledger.events"
COLLECTIONS = "collections.events"
INPUTS = (
    "bureau_score",
    "altman_z",
    "current_ratio",
    "quick_ratio",
    "debt_to_assets",
    "days_beyond_terms",
    "late_share",
    "longest_days_past_due",
    "returned_payments",
    "write_offs",
    "broken_promises",
    "open_disputes",
)


@dataclass(frozen=True)
class Evidence:
    """What credit control knows of a customer as of a date."""

    as_of: date
    behaviour: Behaviour
    statement: tuple[str, FinancialStatement] | None
    report: tuple[str, BureauReport] | None

    @property
    def equity(self) -> int | None:
        return None if self.statement is None else self.statement[1].equity


def inputs_of(evidence: Evidence) -> dict[str, InputValue]:
    b, day = evidence.behaviour, evidence.as_of
    found = {
        "days_beyond_terms": InputValue("days_beyond_terms", b.days_beyond_terms, LEDGER, day),
        "late_share": InputValue("late_share", b.late_share, LEDGER, day),
        "longest_days_past_due": _count("longest_days_past_due", b.longest_days_past_due, day),
        "returned_payments": _count("returned_payments", b.returned_payments, day),
        "write_offs": _count("write_offs", b.write_offs, day),
        "broken_promises": InputValue(
            "broken_promises", Decimal(b.broken_promises), COLLECTIONS, day
        ),
        "open_disputes": InputValue("open_disputes", Decimal(b.open_disputes), COLLECTIONS, day),
    }
    if evidence.report is None:
        found["bureau_score"] = InputValue("bureau_score", None, "bureau_report", None)
    else:
        report_id, report = evidence.report
        found["bureau_score"] = InputValue(
            "bureau_score", report.normalised, f"bureau_report:{report_id}", report.reported_on
        )
    ratio_names = ("altman_z", "current_ratio", "quick_ratio", "debt_to_assets")
    if evidence.statement is None:
        found |= {n: InputValue(n, None, "financial_statement", None) for n in ratio_names}
    else:
        statement_id, statement = evidence.statement
        ratios = ratios_of(statement)
        source = f"financial_statement:{statement_id}"
        found |= {
            n: InputValue(n, getattr(ratios, n), source, statement.period_end) for n in ratio_names
        }
    return found


def _count(name: str, value: int, day: date) -> InputValue:
    return InputValue(name, Decimal(value), LEDGER, day)
