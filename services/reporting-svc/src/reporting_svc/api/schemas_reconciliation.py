"""The reconciliation report's HTTP shapes: amounts are decimal strings at the currency's scale."""

from datetime import date

from pydantic import BaseModel, ConfigDict
from pydantic.config import JsonDict

_EXAMPLE: JsonDict = {
    "reconciliation_id": "0193b0e1-2c4d-7a10-8f3e-6d2a9c5b1e07",
    "statement_id": "0193b0e0-9a71-7c22-b4d8-1f6e3a2c8d90",
    "statement_date": "2026-11-30",
    "period_from": "2026-11-01",
    "period_to": "2026-11-30",
    "counts": {
        "matched": 41,
        "proposed": 2,
        "created": 3,
        "duplicates": 1,
        "amount_mismatches": 1,
        "unmatched": 2,
        "not_applicable": 5,
    },
    "created_payments": 3,
    "discrepancies": [{"currency": "EUR", "lines": 6, "amount": "4312.80"}],
}


class LineCountsOut(BaseModel):
    """How many statement lines ended in each outcome."""

    matched: int
    proposed: int
    created: int
    duplicates: int
    amount_mismatches: int
    unmatched: int
    not_applicable: int


class DiscrepancyTotalOut(BaseModel):
    """The lines left to explain in one currency, and what their amounts add up to."""

    currency: str
    lines: int
    amount: str


class ReconciliationOut(BaseModel):
    """One reconciled bank statement and what it left unexplained, per currency."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    reconciliation_id: str
    statement_id: str
    statement_date: date
    period_from: date | None
    period_to: date | None
    counts: LineCountsOut
    created_payments: int
    discrepancies: list[DiscrepancyTotalOut]


class ReconciliationPageOut(BaseModel):
    """A page of reconciliations, oldest id first."""

    items: list[ReconciliationOut]
    next_cursor: str | None
