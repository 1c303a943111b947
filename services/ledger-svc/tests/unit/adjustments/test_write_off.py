from dataclasses import replace
from datetime import date

import pytest

from ledger_svc.domain.adjustments.write_off import (
    InvoiceNotWriteOffable,
    WriteOff,
    WriteOffDatedBeforeRequest,
    WriteOffNotPending,
    WriteOffOutdated,
    WriteOffStatus,
    request_write_off,
)
from ledger_svc.domain.books.journal import Account, credit, debit
from ledger_svc.domain.controls.segregation import DutyRule, SegregationOfDuties

from .adjustment_invoices import invoice

JUNE_30, JULY_1 = date(2026, 6, 30), date(2026, 7, 1)


def requested(open_cents: int = 4000) -> WriteOff:
    return request_write_off(
        invoice(open_cents=open_cents),
        write_off_id="wo-1",
        reason="Insolvent",
        requested_on=JUNE_30,
        requested_by="alice",
        pending=False,
    )


def test_a_request_is_for_the_whole_open_remainder_and_waits() -> None:
    write_off = requested(4000)
    assert (write_off.amount, write_off.status, write_off.decided_by) == (
        4000,
        WriteOffStatus.REQUESTED,
        None,
    )


def test_the_requester_cannot_approve_their_own_write_off() -> None:
    with pytest.raises(SegregationOfDuties) as refused:
        requested().approve(invoice(open_cents=4000), approver="alice", approved_on=JULY_1)
    assert "segregation of duties" in refused.value.message
    assert refused.value.rule is DutyRule.WRITE_OFF_APPROVAL


def test_a_second_person_approves_and_the_remainder_goes_to_bad_debt() -> None:
    approved = requested().approve(invoice(open_cents=4000), approver="bob", approved_on=JULY_1)
    assert (approved.status, approved.decided_by, approved.decided_on) == (
        WriteOffStatus.APPROVED,
        "bob",
        JULY_1,
    )
    entry = approved.journal_entry()
    assert (entry.business_date, entry.lines) == (
        JULY_1,
        (
            debit(Account.BAD_DEBT_EXPENSE, 4000, "EUR", customer_id="c1"),
            credit(Account.RECEIVABLE, 4000, "EUR", customer_id="c1", invoice_id="inv-1"),
        ),
    )


def test_approval_is_refused_when_the_open_amount_moved_since_the_request() -> None:
    with pytest.raises(WriteOffOutdated) as refused:
        requested(4000).approve(invoice(open_cents=3000), approver="bob", approved_on=JULY_1)
    assert refused.value.field == "invoice_id"


def test_a_decided_write_off_cannot_be_decided_again() -> None:
    rejected = requested().reject(rejecter="bob", rejected_on=JULY_1, reason="Plan agreed")
    assert (rejected.status, rejected.rejection_reason) == (WriteOffStatus.REJECTED, "Plan agreed")
    with pytest.raises(WriteOffNotPending):
        rejected.approve(invoice(open_cents=4000), approver="carol", approved_on=JULY_1)


def test_a_decision_dated_before_the_request_is_refused() -> None:
    with pytest.raises(WriteOffDatedBeforeRequest) as refused:
        requested().approve(invoice(open_cents=4000), approver="bob", approved_on=date(2026, 6, 1))
    assert refused.value.field == "approved_on"


@pytest.mark.parametrize("pending", [False, True])
def test_a_paid_invoice_or_one_already_pending_cannot_be_written_off(pending: bool) -> None:
    target = invoice(open_cents=0 if not pending else 100)
    with pytest.raises(InvoiceNotWriteOffable) as refused:
        request_write_off(
            target,
            write_off_id="wo-2",
            reason="x",
            requested_on=JUNE_30,
            requested_by="alice",
            pending=pending,
        )
    assert refused.value.field == "invoice_id"


def test_a_voided_invoice_cannot_be_written_off() -> None:
    voided = replace(invoice(), voided_on=date(2026, 3, 2))
    with pytest.raises(InvoiceNotWriteOffable):
        request_write_off(
            voided,
            write_off_id="wo-3",
            reason="x",
            requested_on=JUNE_30,
            requested_by="alice",
            pending=False,
        )
