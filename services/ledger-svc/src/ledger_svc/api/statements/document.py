"""A statement of account as a printed document (PDF) a customer can read: our letterhead,
the customer's legal name, address and tax id, every amount with thousands separators, Chinese
printed as Chinese, and the aging table whole on one page."""

from pathlib import Path

from ledger_svc.api.statements.render import AGING_LABELS
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.statements.party import StatementParty
from ledger_svc.domain.statements.statement import Statement
from ledgerflow_platform.documents.layout import Document
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.documents.money import with_thousands

MOVEMENT_COLUMNS = ("Date", "Document", "Description", "Debit", "Credit", "Balance")
MOVEMENT_WIDTHS_MM = (20, 32, 54, 22, 22, 24)


def statement_pdf(
    statement: Statement,
    party: StatementParty | None,
    letterhead: Letterhead,
    font_file: Path | None = None,
) -> bytes:
    """The PDF; without `party` (customer-svc not configured) the customer is named by id."""

    def money(minor: int) -> str:
        return with_thousands(format_amount(minor, statement.currency))

    doc = Document("Statement of account", letterhead, font_file=font_file)
    addressee: list[tuple[str, str]] = []
    if party is not None:
        addressee.append(("Customer", party.legal_name))
        if party.address_lines:
            addressee.append(("Address", "\n".join(party.address_lines)))
        if party.tax_id:
            addressee.append(("Tax ID", party.tax_id))
    doc.fields(
        [
            *addressee,
            ("Customer ID", statement.customer_id),
            ("Currency", statement.currency),
            ("Period", f"{statement.date_from} to {statement.date_to}"),
            (f"Opening balance at {statement.opening_as_of}", money(statement.opening_balance)),
        ]
    )
    doc.space(3)
    rows: list[tuple[str, ...]] = [
        (
            str(m.business_date),
            " ".join(m.invoice_numbers) or m.reference or m.source_type,
            m.memo,
            money(m.debit) if m.debit else "",
            money(m.credit) if m.credit else "",
            money(m.balance),
        )
        for m in statement.movements
    ]
    totals = (statement.total_debits, statement.total_credits, statement.closing_balance)
    rows.append((str(statement.date_to), "", "Closing balance", *(money(x) for x in totals)))
    doc.table(MOVEMENT_COLUMNS, rows, widths_mm=MOVEMENT_WIDTHS_MM, numeric=(3, 4, 5), total_rows=1)
    aging = statement.aging
    buckets = [(label, money(aging.buckets[bucket])) for bucket, label in AGING_LABELS.items()]
    doc.table(
        ("Open items", "Amount"),
        [
            *buckets,
            ("Credit held for the customer", money(-aging.customer_credit)),
            ("Balance", money(aging.balance)),
        ],
        widths_mm=(70, 34),
        numeric=(1,),
        total_rows=1,
        keep_together=True,
        caption=f"Aging at {aging.as_of}",
    )
    return doc.render()
