"""A statement of account as the API shows it: JSON or a spreadsheet (CSV); the printable
document (PDF) is document.py."""

import csv
import io
import re

from ledger_svc.api.statements.schemas import (
    StatementAgingOut,
    StatementMovementOut,
    StatementOfAccountOut,
)
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.statements.statement import AgingBucket, Statement

AGING_LABELS = {
    AgingBucket.CURRENT: "Current",
    AgingBucket.DAYS_1_30: "1-30 days past due",
    AgingBucket.DAYS_31_60: "31-60 days past due",
    AgingBucket.DAYS_61_90: "61-90 days past due",
    AgingBucket.OVER_90: "Over 90 days past due",
}

CSV_COLUMNS = (
    "date",
    "kind",
    "source_type",
    "source_id",
    "reference",
    "invoices",
    "description",
    "debit",
    "credit",
    "balance",
    "currency",
)


# A spreadsheet runs a cell that starts like a formula; our own amounts are plain numbers,
# which run nothing, and stay numbers so the sheet can add them up.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def neutralised(cell: str) -> str:
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def _csv_row(day: object, kind: str, description: str, **cells: str) -> list[str]:
    fields = {"date": str(day), "kind": kind, "description": description, **cells}
    return [fields.get(column, "") for column in CSV_COLUMNS]


def statement_csv(statement: Statement) -> str:
    """One row per movement between an opening and a closing row, then the aging rows."""

    def money(minor: int) -> str:
        return format_amount(minor, statement.currency)

    currency = statement.currency
    rows: list[list[str]] = [list(CSV_COLUMNS)]
    rows.append(
        _csv_row(
            statement.opening_as_of,
            "opening_balance",
            "Opening balance",
            balance=money(statement.opening_balance),
            currency=currency,
        )
    )
    rows += [
        _csv_row(
            m.business_date,
            "movement",
            m.memo,
            source_type=m.source_type,
            source_id=m.source_id,
            reference=m.reference or "",
            invoices=" ".join(m.invoice_numbers),
            debit=money(m.debit),
            credit=money(m.credit),
            balance=money(m.balance),
            currency=currency,
        )
        for m in statement.movements
    ]
    rows.append(
        _csv_row(
            statement.date_to,
            "closing_balance",
            "Closing balance",
            debit=money(statement.total_debits),
            credit=money(statement.total_credits),
            balance=money(statement.closing_balance),
            currency=currency,
        )
    )
    aging = statement.aging
    rows += [
        _csv_row(
            aging.as_of,
            f"aging_{bucket.value}",
            label,
            balance=money(aging.buckets[bucket]),
            currency=currency,
        )
        for bucket, label in AGING_LABELS.items()
    ]
    rows.append(
        _csv_row(
            aging.as_of,
            "customer_credit",
            "Credit held for the customer",
            balance=money(aging.customer_credit),
            currency=currency,
        )
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[neutralised(cell) for cell in row] for row in rows])
    return out.getvalue()


def statement_out(statement: Statement) -> StatementOfAccountOut:
    def money(minor: int) -> str:
        return format_amount(minor, statement.currency)

    aging = statement.aging
    return StatementOfAccountOut(
        customer_id=statement.customer_id,
        currency=statement.currency,
        date_from=statement.date_from,
        date_to=statement.date_to,
        opening_balance=money(statement.opening_balance),
        movements=[
            StatementMovementOut(
                entry_id=m.entry_id,
                date=m.business_date,
                source_type=m.source_type,
                source_id=m.source_id,
                reference=m.reference,
                invoices=list(m.invoice_numbers),
                description=m.memo,
                reversal=m.reversal,
                debit=money(m.debit),
                credit=money(m.credit),
                balance=money(m.balance),
            )
            for m in statement.movements
        ],
        total_debits=money(statement.total_debits),
        total_credits=money(statement.total_credits),
        closing_balance=money(statement.closing_balance),
        aging=StatementAgingOut(
            as_of=aging.as_of,
            current=money(aging.buckets[AgingBucket.CURRENT]),
            days_1_30=money(aging.buckets[AgingBucket.DAYS_1_30]),
            days_31_60=money(aging.buckets[AgingBucket.DAYS_31_60]),
            days_61_90=money(aging.buckets[AgingBucket.DAYS_61_90]),
            over_90=money(aging.buckets[AgingBucket.OVER_90]),
            open_items=money(aging.open_items),
            customer_credit=money(aging.customer_credit),
            balance=money(aging.balance),
        ),
    )
