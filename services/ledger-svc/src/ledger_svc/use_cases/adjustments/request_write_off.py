"""Ask for an invoice's remainder to be written off; a second person decides."""

from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.write_off import WriteOff, WriteOffNotFound, request_write_off
from ledger_svc.domain.invoicing.invoice import InvoiceNotFound


async def request_invoice_write_off(
    uow: LedgerUnitOfWork, *, invoice_id: str, reason: str, requested_on: date, requested_by: str
) -> WriteOff:
    """A pending request for the invoice's whole open amount; nothing is posted yet."""
    found = await uow.invoices.get(invoice_id)
    if found is None:
        raise InvoiceNotFound(invoice_id)
    await uow.lock_customer(found.customer_id)
    invoice = await uow.invoices.get(invoice_id)
    assert invoice is not None, "invoices are never deleted"
    write_off = request_write_off(
        invoice,
        write_off_id=str(uuid7()),
        reason=reason,
        requested_on=requested_on,
        requested_by=requested_by,
        pending=await uow.write_offs.pending_for(invoice_id),
    )
    await uow.write_offs.add(write_off)
    return write_off


async def locked_write_off(uow: LedgerUnitOfWork, write_off_id: str) -> WriteOff:
    """The write-off, read again once its customer's stream is locked."""
    found = await uow.write_offs.get(write_off_id)
    if found is None:
        raise WriteOffNotFound(write_off_id)
    await uow.lock_customer(found.customer_id)
    write_off = await uow.write_offs.get(write_off_id)
    assert write_off is not None, "write-offs are never deleted"
    return write_off
