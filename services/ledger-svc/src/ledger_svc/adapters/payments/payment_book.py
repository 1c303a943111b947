"""What cash application reads and settles: customers' accounts and open invoices, for one
payment or a batch, in a fixed number of statements whatever the batch's size."""

from collections.abc import Collection, Sequence

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.invoicing import InvoiceRow
from ledger_svc.adapters.tables.messaging import messaging
from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.invoicing.invoice import InvoiceStatus
from ledger_svc.domain.payments.cash_application import InvoiceOnFile
from ledger_svc.domain.payments.payable_invoice import PayableInvoice
from ledger_svc.domain.payments.payment_reversal import InvoiceNow
from ledgerflow_platform.database import driver_connection

# The customers' stream rows are locked in customer id order: two writers never cross.
# Straight to the driver, as every payment sends it: SQLAlchemy's binding cost more than it.
LOCK_ACCOUNTS = f"""
WITH accounts AS (
    SELECT customer_id, currency, payment_terms_days FROM customer_accounts
    WHERE customer_id = ANY($1::text[])
), locked AS (
    INSERT INTO {messaging.event_streams.name} AS s (subject, last_sequence)
    SELECT customer_id, 0 FROM accounts ORDER BY customer_id
    ON CONFLICT (subject) DO UPDATE SET last_sequence = s.last_sequence
    RETURNING subject
)
SELECT a.customer_id, a.currency, a.payment_terms_days
FROM accounts a JOIN locked ON locked.subject = a.customer_id
"""  # noqa: S608 - the table's own name, no input
OPEN_INVOICES = """
SELECT id, number, customer_id, currency, issue_date, due_date, total, open_amount,
       discount_percent, discount_until, tax_amount
FROM invoices WHERE customer_id = ANY($1::text[]) AND open_amount > 0
FOR UPDATE
"""
SETTLE = text("""
UPDATE invoices AS i SET open_amount = v.open_amount, status = v.status
FROM unnest(CAST(:ids AS text[]), CAST(:open_amounts AS bigint[]), CAST(:statuses AS text[]))
    AS v(id, open_amount, status)
WHERE i.id = v.id
""")


class PaymentBook:
    """Reads the customers and invoices payments apply to, and records what they settled."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock_accounts(self, customer_ids: Collection[str]) -> dict[str, CustomerAccount]:
        """The accounts of those customers the ledger keeps, their event streams locked (in one
        order) until commit: read what they owe only after this. Unknown ids lock nothing."""
        driver = await driver_connection(self._session)
        rows = await driver.fetch(LOCK_ACCOUNTS, sorted(customer_ids))
        return {c: CustomerAccount(c, currency, days) for c, currency, days in rows}

    async def open_invoices(self, customer_ids: Collection[str]) -> list[PayableInvoice]:
        """The customers' open invoices, locked until commit (read under the customer locks)."""
        driver = await driver_connection(self._session)
        rows = await driver.fetch(OPEN_INVOICES, list(customer_ids))
        return [PayableInvoice(*row) for row in rows]

    async def on_file(self, invoice_ids: Collection[str]) -> dict[str, InvoiceOnFile]:
        """Invoices named by a payer, whoever's and whatever their state."""
        query = select(
            col(InvoiceRow.id),
            col(InvoiceRow.number),
            col(InvoiceRow.customer_id),
            col(InvoiceRow.currency),
            col(InvoiceRow.voided_on),
        ).where(col(InvoiceRow.id).in_(invoice_ids))
        return {
            i: InvoiceOnFile(i, number, customer, currency, voided_on is not None)
            for i, number, customer, currency, voided_on in (
                await self._session.execute(query)
            ).all()
        }

    async def standing(self, invoice_ids: Collection[str]) -> dict[str, InvoiceNow]:
        """Total and open amount of each invoice, locked until commit."""
        query = (
            select(col(InvoiceRow.id), col(InvoiceRow.total), col(InvoiceRow.open_amount))
            .where(col(InvoiceRow.id).in_(invoice_ids))
            .with_for_update()
        )
        rows = (await self._session.execute(query)).all()
        return {i: InvoiceNow(total, open_amount) for i, total, open_amount in rows}

    async def settle(self, settled: Sequence[tuple[str, int, InvoiceStatus]]) -> None:
        """Store (invoice id, open amount, status) as payments or their reversals left them."""
        if settled:
            await self._session.execute(
                SETTLE,
                {
                    "ids": [i for i, _, _ in settled],
                    "open_amounts": [o for _, o, _ in settled],
                    "statuses": [s.value for _, _, s in settled],
                },
            )
