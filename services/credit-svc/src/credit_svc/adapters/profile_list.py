"""Credit standings of many customers in one read, for the risk list."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.domain.standing import Standing

# One statement per page: exposure, limit and holds of each account, filtered and keyset-paged
# by customer id. Utilisation is compared as exposure * 100 >= percent * limit: no rounding.
_PAGE = text(
    """
    WITH standing AS (
        SELECT a.customer_id, a.currency, a.grade, a.name,
            COALESCE((SELECT sum(r.open_amount) FROM receivables r
                      WHERE r.customer_id = a.customer_id AND r.currency = a.currency
                        AND r.open_amount > 0), 0) AS open_receivables,
            COALESCE((SELECT sum(r.open_amount) FROM receivables r
                      WHERE r.customer_id = a.customer_id AND r.currency = a.currency
                        AND r.open_amount > 0 AND r.overdue), 0) AS overdue_amount,
            COALESCE((SELECT sum(v.amount) FROM credit_reservations v
                      WHERE v.customer_id = a.customer_id AND v.currency = a.currency
                        AND v.status = 'live' AND v.expires_at > :now), 0) AS reserved,
            (SELECT l.amount FROM credit_limits l
             WHERE l.customer_id = a.customer_id AND l.status = 'active') AS credit_limit,
            EXISTS (SELECT 1 FROM credit_holds h
                    WHERE h.customer_id = a.customer_id AND h.released_at IS NULL) AS on_hold
        FROM credit_accounts a
        WHERE a.customer_id > :after
    )
    SELECT * FROM standing
    WHERE (CAST(:grade AS text) IS NULL OR grade = CAST(:grade AS text))
      AND (CAST(:on_hold AS boolean) IS NULL OR on_hold = CAST(:on_hold AS boolean))
      AND (CAST(:min_utilisation AS numeric) IS NULL
           OR (credit_limit > 0
               AND (open_receivables + reserved) * 100
                   >= CAST(:min_utilisation AS numeric) * credit_limit))
    ORDER BY customer_id
    LIMIT :limit
    """
)


@dataclass(frozen=True)
class ListedStanding:
    standing: Standing
    on_hold: bool
    grade: str | None
    # As customer-svc registered it; None until its registration reaches credit control.
    name: str | None


async def standings_page(
    session: AsyncSession,
    *,
    now: datetime,
    after: str | None,
    limit: int,
    grade: str | None,
    on_hold: bool | None,
    min_utilisation: Decimal | None,
) -> list[ListedStanding]:
    rows = await session.execute(
        _PAGE,
        {
            "now": now,
            "after": after or "",
            "limit": limit,
            "grade": grade,
            "on_hold": on_hold,
            "min_utilisation": min_utilisation,
        },
    )
    return [
        ListedStanding(
            Standing(
                customer_id=r.customer_id,
                currency=r.currency,
                credit_limit=r.credit_limit,
                open_receivables=int(r.open_receivables),
                overdue_amount=int(r.overdue_amount),
                reserved=int(r.reserved),
            ),
            bool(r.on_hold),
            r.grade,
            r.name,
        )
        for r in rows
    ]
