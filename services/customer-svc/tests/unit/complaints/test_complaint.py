from datetime import UTC, datetime, timedelta

import pytest

from customer_svc.domain.complaints.complaint import (
    Category,
    Channel,
    Complaint,
    ComplaintAlreadyResolved,
    ComplaintStatus,
    ImplausibleComplaintTime,
    Severity,
    assign,
    record_complaint,
    resolve,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
RECEIVED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def complaint(received_at: datetime | None = RECEIVED) -> Complaint:
    return record_complaint(
        complaint_id="q1",
        customer_id="c1",
        channel=Channel.PHONE,
        category=Category.BILLING,
        severity=Severity.HIGH,
        description="  Wrong unit price  ",
        received_at=received_at,
        now=NOW,
        by="ana",
    )


def test_a_recorded_complaint_is_open_and_unanswered() -> None:
    c = complaint()
    assert (c.status, c.description, c.received_at) == (
        ComplaintStatus.OPEN,
        "Wrong unit price",
        RECEIVED,
    )
    assert (c.response_time_seconds, c.resolution_time_seconds) == (None, None)


def test_without_a_receipt_time_it_was_received_now() -> None:
    assert complaint(received_at=None).received_at == NOW


def test_the_first_assignment_is_the_first_response_and_a_reassignment_is_not() -> None:
    first = assign(complaint(), "li", at=RECEIVED + timedelta(hours=2), now=NOW)
    second = assign(first, "bo", at=RECEIVED + timedelta(hours=5), now=NOW)
    assert (second.assignee, second.assigned_at) == ("bo", RECEIVED + timedelta(hours=5))
    assert second.first_response_at == RECEIVED + timedelta(hours=2)
    assert second.response_time_seconds == 7200


def test_resolution_time_runs_from_receipt_to_resolution() -> None:
    handled = assign(complaint(), "li", at=RECEIVED + timedelta(minutes=30), now=NOW)
    done = resolve(
        handled, "Credit note issued", at=RECEIVED + timedelta(days=1, seconds=1), now=NOW, by="li"
    )
    assert done.status is ComplaintStatus.RESOLVED
    assert (done.response_time_seconds, done.resolution_time_seconds) == (1800, 86401)


def test_resolving_an_untouched_complaint_is_also_its_first_response() -> None:
    done = resolve(
        complaint(), "Explained the invoice", at=RECEIVED + timedelta(hours=1), now=NOW, by="li"
    )
    assert done.response_time_seconds == done.resolution_time_seconds == 3600


def test_a_resolved_complaint_is_neither_reassigned_nor_resolved_again() -> None:
    done = resolve(complaint(), "ok", at=None, now=NOW, by="li")
    with pytest.raises(ComplaintAlreadyResolved):
        assign(done, "bo", at=None, now=NOW)
    with pytest.raises(ComplaintAlreadyResolved):
        resolve(done, "again", at=None, now=NOW, by="li")


def test_a_future_receipt_is_refused_but_clock_drift_is_tolerated() -> None:
    assert complaint(received_at=NOW + timedelta(minutes=4)).received_at == NOW + timedelta(
        minutes=4
    )
    with pytest.raises(ImplausibleComplaintTime) as refused:
        complaint(received_at=NOW + timedelta(hours=1))
    assert refused.value.field == "received_at"


def test_a_step_cannot_happen_before_the_one_it_follows() -> None:
    with pytest.raises(ImplausibleComplaintTime) as early_assign:
        assign(complaint(), "li", at=RECEIVED - timedelta(seconds=1), now=NOW)
    handled = assign(complaint(), "li", at=RECEIVED + timedelta(hours=3), now=NOW)
    with pytest.raises(ImplausibleComplaintTime) as early_resolve:
        resolve(handled, "ok", at=RECEIVED + timedelta(hours=2), now=NOW, by="li")
    assert (early_assign.value.field, early_resolve.value.field) == ("assigned_at", "resolved_at")
