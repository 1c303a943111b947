"""A customer's whole standing in one statement: what the credit check and the holds review
decide on, read under the customer's lock.

Read piece by piece it took a round trip and an ORM query for each of account, receivables,
limit, reservations, holds, override, the order's reservation and the policy; on the order
path the round trips and the statements' building were most of a check's cost.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.tables import messaging
from credit_svc.domain.exposure import CreditAccount
from credit_svc.domain.holds import Hold, HoldReason
from credit_svc.domain.standing import Standing
from ledgerflow_platform.database import driver_connection

# The customer's event stream row's version (its xmin) is read in the same snapshot: the order
# path writes only if it is unchanged (Outbox.append_if_unchanged), instead of holding the
# customer's lock from the read to the commit.
#
# Figures follow the repositories they replace: receivables in the account currency and
# still owed; the limit in force; live reservations not yet expired at `now`; open holds in
# the order they were placed. The order's reservation (asked for by a reserving check) is
# locked, as reading it for the check always did.
_STREAMS = messaging.event_streams.name
# The invoice that billed an order, unless it was voided: read with the standing by a
# reserving check, and alone by a direct reservation (Receivables.billing).
BILLED_BY = """SELECT min(invoice_id) FROM receivables
        WHERE customer_id = {customer} AND order_reference = {order} AND NOT voided"""
_STANDING = f"""
WITH account AS (
    SELECT customer_id, currency, terms_days, grade, next_review_on
    FROM credit_accounts WHERE customer_id = $1
), owed AS (
    SELECT coalesce(sum(r.open_amount), 0) AS open_amount,
           coalesce(sum(r.open_amount) FILTER (WHERE r.overdue), 0) AS overdue_amount,
           min(r.due_date) FILTER (WHERE r.overdue) AS oldest_overdue_due
    FROM receivables r JOIN account a ON r.currency = a.currency
    WHERE r.customer_id = $1 AND r.open_amount > 0
), reserved AS (
    SELECT coalesce(sum(v.amount), 0) AS amount
    FROM credit_reservations v JOIN account a ON v.currency = a.currency
    WHERE v.customer_id = $1 AND v.status = 'live' AND v.expires_at > $2
), order_reservation AS (
    SELECT id, decision FROM credit_reservations
    WHERE customer_id = $1 AND order_reference = $5
    FOR UPDATE
)
SELECT a.currency, a.terms_days, a.grade, a.next_review_on,
       o.open_amount, o.overdue_amount, o.oldest_overdue_due,
       (SELECT amount FROM credit_limits
        WHERE customer_id = $1 AND status = 'active') AS credit_limit,
       (SELECT amount FROM reserved) AS reserved,
       (SELECT coalesce(json_agg(json_build_array(h.id, h.reason, h.placed_at, h.placed_by,
                                                  h.note) ORDER BY h.placed_at, h.id), '[]')
        FROM credit_holds h
        WHERE h.customer_id = $1 AND h.released_at IS NULL) AS open_holds,
       (SELECT max(amount) FROM credit_overrides
        WHERE customer_id = $1 AND order_reference = $4) AS override,
       (SELECT id FROM order_reservation) AS order_reservation_id,
       (SELECT decision FROM order_reservation) AS order_decision,
       ({BILLED_BY.format(customer="$1", order="$5")}) AS order_invoice,
       (SELECT coalesce(sum(r.total), 0)
        FROM receivables r JOIN account a ON r.currency = a.currency
        WHERE r.customer_id = $1 AND r.order_reference = $4 AND NOT r.voided) AS order_billed,
       EXISTS (SELECT 1 FROM credit_reservations
               WHERE customer_id = $1 AND status = 'live'
                 AND expires_at <= $3) AS reservations_lapsed,
       EXISTS (SELECT 1 FROM behaviour_facts f
               WHERE f.customer_id = $1 AND f.kind = 'returned_payment'
                 AND EXISTS (SELECT 1 FROM receivables r
                             WHERE r.customer_id = $1 AND r.open_amount > 0
                               AND f.invoice_ids @> jsonb_build_array(r.invoice_id)))
           AS returned_payment_unpaid,
       p.version AS policy_version, p.xmin::text::bigint AS policy_revision,
       (SELECT xmin::text FROM {_STREAMS} WHERE subject = $1) AS stream_version
FROM account a CROSS JOIN owed o
LEFT JOIN credit_policies p ON p.status = 'active'
"""  # noqa: S608 (the table's name is our own metadata's)


@dataclass(frozen=True)
class OrderReservation:
    id: str
    # The outcome of the check that placed it; None when it was reserved directly.
    decision: dict[str, Any] | None


@dataclass(frozen=True)
class CustomerStanding:
    account: CreditAccount
    standing: Standing
    open_holds: list[Hold]
    # The order asked about: the largest amount a credit manager overrode it for, and the
    # reservation a reserving check found.
    override: int | None
    order_reservation: OrderReservation | None
    # The invoice that billed the order a reserving check asked about, if it has arrived.
    order_invoice: str | None
    # What the invoices that billed the order asked about total, in the account's currency
    # (voided ones not): already in the open receivables.
    order_billed: int
    # A live reservation whose expiry came by the end of the business day asked about.
    reservations_lapsed: bool
    # A returned payment whose invoices are owed again.
    returned_payment_unpaid: bool
    # The policy in force: its version, and a revision that changes with every write to it.
    policy_version: int
    policy_revision: int
    # The customer's event stream as read with all of the above; None: no event yet.
    stream_version: str | None = None


class Standings:
    """Read on the driver's connection, in the caller's transaction: the statement is prepared
    once per connection and its row comes without SQLAlchemy's result machinery."""

    def __init__(self, db: "AsyncSession | asyncpg.Connection[Any]") -> None:
        self._db = db

    async def of(
        self,
        customer_id: str,
        *,
        now: datetime,
        lapsed_by: datetime | None = None,
        order_reference: str | None = None,
        reserving: bool = False,
    ) -> CustomerStanding | None:
        """The customer's standing at `now`; None if credit control keeps no account for them.
        Call it under the customer's lock."""
        db = await driver_connection(self._db) if isinstance(self._db, AsyncSession) else self._db
        row = await db.fetchrow(
            _STANDING,
            customer_id,
            now,
            lapsed_by or now,
            order_reference,
            order_reference if reserving else None,
        )
        return None if row is None else _standing(customer_id, row)


def _standing(customer_id: str, row: Any) -> CustomerStanding:
    account = CreditAccount(
        customer_id, row["currency"], row["terms_days"], row["grade"], row["next_review_on"]
    )
    return CustomerStanding(
        account=account,
        standing=Standing(
            customer_id=customer_id,
            currency=row["currency"],
            credit_limit=row["credit_limit"],
            open_receivables=int(row["open_amount"]),
            overdue_amount=int(row["overdue_amount"]),
            reserved=int(row["reserved"]),
            oldest_overdue_due=row["oldest_overdue_due"],
        ),
        open_holds=[_hold(customer_id, h) for h in row["open_holds"]],
        override=row["override"],
        order_reservation=None
        if row["order_reservation_id"] is None
        else OrderReservation(row["order_reservation_id"], row["order_decision"]),
        order_invoice=row["order_invoice"],
        order_billed=int(row["order_billed"]),
        reservations_lapsed=bool(row["reservations_lapsed"]),
        returned_payment_unpaid=bool(row["returned_payment_unpaid"]),
        policy_version=row["policy_version"],
        policy_revision=row["policy_revision"],
        stream_version=row["stream_version"],
    )


def _hold(customer_id: str, found: list[Any]) -> Hold:
    hold_id, reason, placed_at, placed_by, note = found
    placed = datetime.fromisoformat(placed_at)
    return Hold(hold_id, customer_id, HoldReason(reason), placed, placed_by, note)
