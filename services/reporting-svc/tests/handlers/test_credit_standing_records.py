"""Credit-svc's reservations, holds, limits and grades as reporting keeps them: once each,
whatever the redeliveries, and whole when an ending arrives before its beginning."""

from datetime import UTC, date, datetime

from uuid6 import uuid7

from ledgerflow_events.contracts.credit import (
    CreditLimitChanged,
    CreditReservationEnded,
    CreditReserved,
    GradeChanged,
    HoldPlaced,
    HoldReleased,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, service_db

NOV_2 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
NOV_5 = datetime(2026, 11, 5, 16, 0, tzinfo=UTC)
DEC_31 = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)


def _id() -> str:
    return str(uuid7())


async def _row(database_url: str, sql: str, key: str) -> tuple[object, ...]:
    async with service_db(database_url) as db:
        rows = await db.rows(sql, k=key)
    assert len(rows) == 1, rows
    return rows[0]


async def test_a_reservation_ended_before_it_was_reserved_is_kept_whole(
    delivery: EventDelivery, database_url: str
) -> None:
    customer, reservation = _id(), _id()
    ended = CreditReservationEnded(
        customer_id=customer, reservation_id=reservation, order_reference="SO-1",
        outcome="released", invoice_id=None, ended_at=NOV_5,
    )  # fmt: skip
    reserved = CreditReserved(
        customer_id=customer, reservation_id=reservation, order_reference="SO-1",
        currency="EUR", amount="1234.56", expires_at=DEC_31,
    )  # fmt: skip
    ended_id = _id()
    assert await delivery.deliver(ended, event_id=ended_id) is Outcome.APPLIED
    assert await delivery.deliver(reserved) is Outcome.APPLIED
    assert await delivery.deliver(ended, event_id=ended_id) is Outcome.DUPLICATE

    row = await _row(
        database_url,
        "SELECT customer_id, currency, amount_minor, expires_at, ended_at"
        " FROM credit_reservations WHERE reservation_id = :k",
        reservation,
    )
    assert row == (customer, "EUR", 123456, DEC_31, NOV_5)


async def test_a_hold_released_before_it_was_placed_keeps_both_times(
    delivery: EventDelivery, database_url: str
) -> None:
    customer, hold = _id(), _id()
    released = HoldReleased(
        customer_id=customer, hold_id=hold, reason="manual", released_at=NOV_5, on_hold=False
    )
    placed = HoldPlaced(customer_id=customer, hold_id=hold, reason="manual", placed_at=NOV_2)
    await delivery.deliver(released)
    await delivery.deliver(placed)

    row = await _row(
        database_url,
        "SELECT customer_id, reason, placed_at, released_at FROM credit_holds WHERE hold_id = :k",
        hold,
    )
    assert row == (customer, "manual", NOV_2, NOV_5)


async def test_limits_and_grades_are_kept_once(delivery: EventDelivery, database_url: str) -> None:
    customer, limit, assessment = _id(), _id(), _id()
    changed = CreditLimitChanged(
        customer_id=customer, limit_id=limit, currency="CNY", previous_limit=None,
        credit_limit="50000.00", reason="review", effective_at=NOV_2,
    )  # fmt: skip
    graded = GradeChanged(
        customer_id=customer, assessment_id=assessment, from_grade=None, to_grade="B",
        score="71.5", policy_version=1, assessed_on=date(2026, 11, 2),
    )  # fmt: skip
    # the same facts again under new event ids: kept once all the same
    for event in (changed, graded, changed, graded):
        assert await delivery.deliver(event) is Outcome.APPLIED

    assert await _row(
        database_url,
        "SELECT currency, limit_minor, effective_at FROM credit_limits WHERE limit_id = :k",
        limit,
    ) == ("CNY", 5000000, NOV_2)
    assert await _row(
        database_url,
        "SELECT customer_id, grade, effective_on FROM grade_changes WHERE assessment_id = :k",
        assessment,
    ) == (customer, "B", date(2026, 11, 2))


async def test_reservations_delivered_together_are_each_kept_whole(
    delivery: EventDelivery, database_url: str
) -> None:
    """An order system's checks bring reservations by the hundred: a batch of them is written
    at once, each row as if delivered alone, an ending that came first kept."""
    customer = _id()
    ids = [_id() for _ in range(3)]
    amounts = ["10.00", "2500.05", "0.01"]
    ended = CreditReservationEnded(
        customer_id=customer, reservation_id=ids[1], order_reference="SO-2",
        outcome="released", invoice_id=None, ended_at=NOV_5,
    )  # fmt: skip
    assert await delivery.deliver(ended) is Outcome.APPLIED

    reserved = [
        CreditReserved(
            customer_id=customer,
            reservation_id=r,
            order_reference=f"SO-{n}",
            currency="CNY",
            amount=a,
            expires_at=DEC_31,
        )
        for n, (r, a) in enumerate(zip(ids, amounts, strict=True), start=1)
    ]
    outcomes = await delivery.deliver_batch(*reserved)

    assert outcomes == [Outcome.APPLIED] * 3
    async with service_db(database_url) as db:
        rows = await db.rows(
            "SELECT reservation_id, currency, amount_minor, expires_at, ended_at"
            " FROM credit_reservations WHERE customer_id = :k ORDER BY amount_minor",
            k=customer,
        )
    assert rows == [
        (ids[2], "CNY", 1, DEC_31, None),
        (ids[0], "CNY", 1000, DEC_31, None),
        (ids[1], "CNY", 250005, DEC_31, NOV_5),
    ]
