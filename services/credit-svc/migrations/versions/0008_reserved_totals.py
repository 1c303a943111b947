"""each customer's live reservations kept as one total, by the database, on every write

Every credit check reads what a customer has reserved for orders in flight; summed row by row
it cost a visit to each live reservation, so the busier the customer the slower its checks
(38 live reservations a customer made it most of the check's time in the database). The total
is kept by a trigger, so no writer (a check, a direct reservation, a conversion, a release, an
expiry) can forget it. A lapsed reservation not yet ended still counts in it: the check sums
row by row when one has.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Live reservations count their amount; any other status nothing. A row's old contribution
# leaves its total and its new one joins: a status or an amount changed, or a row removed.
# Before the row is written, not after: an after-trigger's queued event and the row read back
# for it cost more than the total's update. So no writer may insert reservations with
# ON CONFLICT DO NOTHING, which would count a row that was never written.
KEEP_TOTAL = """
CREATE FUNCTION keep_reserved_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM NEW.status
            AND OLD.amount = NEW.amount AND OLD.customer_id = NEW.customer_id
            AND OLD.currency = NEW.currency THEN
        RETURN NEW;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.status = 'live' THEN
        UPDATE credit_reserved_totals SET amount = amount - OLD.amount
        WHERE customer_id = OLD.customer_id AND currency = OLD.currency;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'live' THEN
        -- A customer's first reservation adds their total; an update is cheaper than an
        -- upsert's speculative insert on every later one.
        UPDATE credit_reserved_totals SET amount = amount + NEW.amount
        WHERE customer_id = NEW.customer_id AND currency = NEW.currency;
        IF NOT FOUND THEN
            INSERT INTO credit_reserved_totals AS t (customer_id, currency, amount)
            VALUES (NEW.customer_id, NEW.currency, NEW.amount)
            ON CONFLICT (customer_id, currency) DO UPDATE SET amount = t.amount + EXCLUDED.amount;
        END IF;
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$
"""
TRIGGER = """
CREATE TRIGGER credit_reservations_keep_total
BEFORE INSERT OR DELETE OR UPDATE OF status, amount, customer_id, currency
ON credit_reservations FOR EACH ROW EXECUTE FUNCTION keep_reserved_total()
"""
BACKFILL = """
INSERT INTO credit_reserved_totals (customer_id, currency, amount)
SELECT customer_id, currency, sum(amount) FROM credit_reservations
WHERE status = 'live' GROUP BY customer_id, currency
"""


def upgrade() -> None:
    op.create_table(
        "credit_reserved_totals",
        sa.Column("customer_id", sa.Text, primary_key=True),
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("amount", sa.BigInteger, nullable=False),
    )
    op.execute(KEEP_TOTAL)
    # Taken before the backfill: a reservation written meanwhile waits, and is counted once.
    op.execute("LOCK TABLE credit_reservations IN SHARE ROW EXCLUSIVE MODE")
    op.execute(TRIGGER)
    op.execute(BACKFILL)


def downgrade() -> None:
    op.execute("DROP TRIGGER credit_reservations_keep_total ON credit_reservations")
    op.execute("DROP FUNCTION keep_reserved_total()")
    op.drop_table("credit_reserved_totals")
