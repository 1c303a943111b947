"""A run's selection, set-based: which open invoices reach which level on a date.

The rules are `domain.dunning.next_level`'s, written once more as one SQL query so a run over a
hundred thousand invoices reads only those that move (the unit tests hold the two to the same
answers on a generated book). Holds are decided in the domain and passed in as id lists.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.domain.dunning import DunnedInvoice
from collections_svc.domain.dunning_policy import DEFAULT_POLICY, DunningPolicy
from collections_svc.domain.holds import Holds

# Per invoice: its policy (assigned, else the default; none in force: not dunned), then the
# first later level that is not a pre-due level already passed, kept only if it is due.
_DUE_STEPS = text(
    """
    WITH levels(policy, level, days_from_due) AS (
      SELECT * FROM unnest(CAST(:level_policies AS text[]), CAST(:levels AS int[]),
                           CAST(:offsets AS int[]))
    ),
    policies(policy, min_days, min_amounts) AS (
      SELECT p, d, CAST(m AS jsonb) FROM unnest(CAST(:policies AS text[]),
                                           CAST(:min_days AS int[]), CAST(:min_amounts AS text[]))
        AS t(p, d, m)
    )
    SELECT r.invoice_id, r.customer_id, coalesce(r.number, r.invoice_id) AS number,
           r.currency, r.open_amount, r.due_date, r.level, r.last_notice_on,
           p.policy, nxt.level AS next_level
    FROM receivables r
    LEFT JOIN customer_dunning_policies cp ON cp.customer_id = r.customer_id
    JOIN policies p ON p.policy = coalesce(cp.policy_name, :default_policy)
    CROSS JOIN LATERAL (
      SELECT l.level, l.days_from_due FROM levels l
      WHERE l.policy = p.policy AND l.level > r.level
        AND NOT (l.days_from_due < 0 AND CAST(:as_of AS date) >= r.due_date)
      ORDER BY l.level LIMIT 1
    ) nxt
    WHERE r.open_amount > 0 AND r.due_date IS NOT NULL
      AND r.open_amount >= coalesce(CAST(p.min_amounts ->> r.currency AS bigint), 0)
      AND (r.last_notice_on IS NULL OR CAST(:as_of AS date) - r.last_notice_on >= p.min_days)
      AND CAST(:as_of AS date) >= r.due_date + nxt.days_from_due
      AND r.customer_id <> ALL(CAST(:held_customers AS text[]))
      AND r.invoice_id <> ALL(CAST(:held_invoices AS text[]))
    ORDER BY r.customer_id, r.invoice_id
    """
)


@dataclass(frozen=True)
class DueStep:
    """An invoice that reaches level `level` of policy `policy` in the run."""

    invoice: DunnedInvoice
    policy: str
    level: int


async def due_steps(
    session: AsyncSession, as_of: date, in_force: Mapping[str, DunningPolicy], held: Holds
) -> list[DueStep]:
    names = sorted(in_force)
    levels = [(name, lv) for name in names for lv in in_force[name].levels]
    rows = await session.execute(
        _DUE_STEPS,
        {
            "level_policies": [name for name, _ in levels],
            "levels": [lv.level for _, lv in levels],
            "offsets": [lv.days_from_due for _, lv in levels],
            "policies": names,
            "min_days": [in_force[n].min_days_between_notices for n in names],
            "min_amounts": [json.dumps(dict(in_force[n].min_amount)) for n in names],
            "default_policy": DEFAULT_POLICY,
            "as_of": as_of,
            "held_customers": sorted(held.held_customers),
            "held_invoices": sorted(held.held_invoices),
        },
    )
    return [
        DueStep(
            DunnedInvoice(
                invoice_id=r.invoice_id,
                customer_id=r.customer_id,
                number=r.number,
                currency=r.currency,
                open_amount=r.open_amount,
                due_date=r.due_date,
                level=r.level,
                last_notice_on=r.last_notice_on,
            ),
            r.policy,
            r.next_level,
        )
        # Fetched at once: row by row costs a round of the driver's adapter per invoice.
        for r in rows.all()
    ]
