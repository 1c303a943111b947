"""Adjustment routes, one module per document: credit notes, refunds, write-offs and late
fees. Each parses, calls its use case, commits and responds."""

from fastapi import APIRouter

from ledger_svc.api.adjustments import credit_notes, late_fees, refunds, write_offs

router = APIRouter()
for part in (credit_notes, refunds, write_offs, late_fees):
    router.include_router(part.router)
