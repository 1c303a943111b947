"""Record a customer payment and apply it to their oldest open invoices."""

from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import UnknownCustomer
from ledger_svc.domain.allocation import allocate
from ledger_svc.domain.amounts import format_amount, parse_amount
from ledger_svc.domain.payment import Payment
from ledgerflow_events.contracts import InvoicePaid, PaymentAllocation, PaymentReceived


async def record_payment(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    amount: str,
    currency: str,
    received_on: date,
    reference: str | None,
) -> Payment:
    # Locked before reading open amounts: concurrent payments of one customer apply in turn.
    await uow.lock_customer(customer_id)
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise UnknownCustomer(customer_id)
    currency = account.ensure_currency(currency)
    minor = parse_amount(amount, currency, field="amount")
    open_invoices = {i.id: i for i in await uow.invoices.open_invoices(customer_id)}
    application = allocate(minor, (i.as_open_item() for i in open_invoices.values()))
    payment = Payment(
        id=str(uuid7()),
        customer_id=customer_id,
        currency=currency,
        amount=minor,
        received_on=received_on,
        reference=reference,
        allocations=application.allocations,
        unapplied_amount=application.unapplied,
    )
    await uow.payments.add(payment)
    await uow.invoices.settle(open_invoices, application.allocations)

    def money(minor_units: int) -> str:
        return format_amount(minor_units, currency)

    await uow.emit(
        PaymentReceived(
            customer_id=customer_id,
            payment_id=payment.id,
            currency=currency,
            amount=money(payment.amount),
            received_on=received_on,
            reference=reference,
            allocations=[
                PaymentAllocation(
                    invoice_id=a.invoice_id,
                    amount=money(a.amount),
                    open_amount_after=money(a.open_amount_after),
                )
                for a in payment.allocations
            ],
            unapplied_amount=money(payment.unapplied_amount),
        )
    )
    for closed in (a for a in payment.allocations if a.closes_invoice):
        await uow.emit(
            InvoicePaid(
                customer_id=customer_id,
                invoice_id=closed.invoice_id,
                currency=currency,
                total=money(open_invoices[closed.invoice_id].total),
                paid_on=received_on,
            )
        )
    return payment
