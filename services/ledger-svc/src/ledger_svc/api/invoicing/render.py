"""Invoices and invoice imports as the API shows them."""

from ledger_svc.api.invoicing.schemas import (
    DiscountOut,
    EarlyPaymentDiscountOut,
    InstalmentOut,
    InvoiceImportOut,
    InvoiceOut,
    LineOut,
    TermsOut,
)
from ledger_svc.domain.amounts import format_amount, format_quantity
from ledger_svc.domain.invoicing.invoice import Invoice
from ledger_svc.domain.invoicing.invoice_import import InvoiceImport


def invoice_out(invoice: Invoice) -> InvoiceOut:
    def money(minor: int) -> str:
        return format_amount(minor, invoice.currency)

    terms = invoice.terms
    early = None
    if terms.discount_percent is not None and terms.discount_until is not None:
        early = EarlyPaymentDiscountOut(
            percent=format_quantity(terms.discount_percent), until=terms.discount_until
        )
    return InvoiceOut(
        id=invoice.id,
        number=invoice.number,
        customer_id=invoice.customer_id,
        currency=invoice.currency,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        net=money(invoice.net),
        tax=money(invoice.tax),
        total=money(invoice.total),
        open_amount=money(invoice.open_amount),
        status=invoice.status,
        overdue=invoice.overdue,
        terms=TermsOut(kind=terms.kind, days=terms.days, early_payment_discount=early),
        instalments=[
            InstalmentOut(due_date=i.due_date, amount=money(i.amount)) for i in terms.schedule
        ],
        lines=[
            LineOut(
                description=line.description,
                quantity=format_quantity(line.quantity),
                unit_price=money(line.unit_price),
                amount=money(line.amount),
                discount=DiscountOut(
                    percent=format_quantity(line.discount_percent)
                    if line.discount_percent is not None
                    else None,
                    amount=money(line.discount_amount),
                )
                if line.discount_amount or line.discount_percent is not None
                else None,
                net=money(line.net),
                tax_rate=format_quantity(line.tax_rate),
                tax=money(line.tax_amount),
                gross=money(line.gross),
            )
            for line in invoice.lines
        ],
        voided_on=invoice.voided_on,
        void_reason=invoice.void_reason,
        order_reference=invoice.order_reference,
        contract_id=invoice.contract_id,
    )


def import_out(summary: InvoiceImport) -> InvoiceImportOut:
    return InvoiceImportOut(
        import_id=summary.id,
        file_sha256=summary.file_sha256,
        filename=summary.filename,
        rows=summary.rows,
        invoices_created=summary.invoices_created,
        lines_created=summary.lines_created,
        total={c: format_amount(minor, c) for c, minor in summary.totals.items()},
        imported_by=summary.imported_by,
        imported_at=summary.imported_at,
    )
