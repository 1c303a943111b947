"""ledger-svc's tables, one module per feature, on one metadata of their own (base.py).

Importing the package maps every table, as the migrations and their test need.
"""

from ledger_svc.adapters.tables import (
    adjustments,
    approvals,
    bank_reconciliation,
    books,
    invoicing,
    messaging,
    notice_fees,
    payments,
    periods,
)
from ledger_svc.adapters.tables.base import metadata

__all__ = [
    "adjustments",
    "approvals",
    "bank_reconciliation",
    "books",
    "invoicing",
    "messaging",
    "metadata",
    "notice_fees",
    "payments",
    "periods",
]
