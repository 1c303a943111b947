"""How an invoice maps to its rows: the invoice, its lines and its instalment schedule."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.invoicing import InvoiceInstalmentRow, InvoiceLineRow, InvoiceRow
from ledger_svc.domain.invoicing.invoice import CLOSURES, Invoice, InvoiceStatus
from ledger_svc.domain.invoicing.pricing import InvoiceLine
from ledger_svc.domain.invoicing.terms import Instalment, InvoiceTerms, TermsKind


def invoice_values(invoice: Invoice) -> dict[str, Any]:
    terms = invoice.terms
    return {
        "id": invoice.id,
        "number": invoice.number,
        "customer_id": invoice.customer_id,
        "currency": invoice.currency,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "total": invoice.total,
        "net_amount": invoice.net,
        "tax_amount": invoice.tax,
        "open_amount": invoice.open_amount,
        "status": invoice.status.value,
        "terms_kind": terms.kind.value,
        "terms_days": terms.days,
        "discount_percent": terms.discount_percent,
        "discount_until": terms.discount_until,
        "issued_at": datetime.now(UTC),
        "order_reference": invoice.order_reference,
        "contract_id": invoice.contract_id,
    }


def line_values(invoice: Invoice) -> list[dict[str, Any]]:
    return [
        {
            "invoice_id": invoice.id,
            "position": position,
            "description": line.description,
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "amount": line.amount,
            "discount_amount": line.discount_amount,
            "discount_percent": line.discount_percent,
            "tax_rate": line.tax_rate,
            "tax_amount": line.tax_amount,
        }
        for position, line in enumerate(invoice.lines)
    ]


def instalment_values(invoice: Invoice) -> list[dict[str, Any]]:
    return [
        {"invoice_id": invoice.id, "position": n, "due_date": i.due_date, "amount": i.amount}
        for n, i in enumerate(invoice.terms.schedule)
    ]


def _to_domain(
    row: InvoiceRow,
    lines: Sequence[InvoiceLineRow],
    instalments: Sequence[InvoiceInstalmentRow],
) -> Invoice:
    terms = InvoiceTerms(
        TermsKind(row.terms_kind),
        row.terms_days,
        tuple(Instalment(i.due_date, i.amount) for i in instalments),
        row.discount_percent,
        row.discount_until,
    )
    return Invoice(
        id=row.id,
        number=row.number,
        customer_id=row.customer_id,
        currency=row.currency,
        issue_date=row.issue_date,
        terms=terms,
        net=row.net_amount,
        tax=row.tax_amount,
        open_amount=row.open_amount,
        lines=tuple(
            InvoiceLine(
                x.description,
                x.quantity,
                x.unit_price,
                x.amount,
                x.discount_amount,
                x.discount_percent,
                x.tax_rate,
                x.tax_amount,
            )
            for x in lines
        ),
        marked_overdue_on=row.marked_overdue_on,
        voided_on=row.voided_on,
        void_reason=row.void_reason,
        closed_as=InvoiceStatus(row.status) if row.status in CLOSURES else None,
        order_reference=row.order_reference,
        contract_id=row.contract_id,
    )


async def load_invoices(session: AsyncSession, query: Select[InvoiceRow]) -> list[Invoice]:
    """The invoices the query selects, with their lines and schedules, in the query's order."""
    rows = list((await session.execute(query)).scalars())
    if not rows:
        return []
    ids = [r.id for r in rows]
    lines: dict[str, list[InvoiceLineRow]] = {i: [] for i in ids}
    found = await session.execute(
        select(InvoiceLineRow)
        .where(col(InvoiceLineRow.invoice_id).in_(ids))
        .order_by(col(InvoiceLineRow.invoice_id), col(InvoiceLineRow.position))
    )
    for line in found.scalars():
        lines[line.invoice_id].append(line)
    schedules: dict[str, list[InvoiceInstalmentRow]] = {i: [] for i in ids}
    due = await session.execute(
        select(InvoiceInstalmentRow)
        .where(col(InvoiceInstalmentRow.invoice_id).in_(ids))
        .order_by(col(InvoiceInstalmentRow.invoice_id), col(InvoiceInstalmentRow.position))
    )
    for instalment in due.scalars():
        schedules[instalment.invoice_id].append(instalment)
    return [_to_domain(r, lines[r.id], schedules[r.id]) for r in rows]
