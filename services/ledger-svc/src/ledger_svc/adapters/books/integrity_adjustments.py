"""The refunds invariant (domain/books/integrity.py, 4) as a query returning only its violations."""

from sqlalchemy import text

REFUNDS_OUT_OF_BALANCE = text("""
WITH journal AS (
    SELECT customer_id, sum(credit - debit) AS payable
    FROM journal_lines WHERE account = 'refunds_payable' AND customer_id IS NOT NULL
    GROUP BY customer_id
), drawn AS (
    SELECT refund_id, sum(amount) AS drawn FROM refund_draws GROUP BY refund_id
), refunds_due AS (
    SELECT r.customer_id,
           coalesce(sum(r.amount) FILTER (WHERE r.status = 'requested'), 0) AS requested,
           coalesce(sum(r.amount) FILTER (WHERE r.status <> 'cancelled'), 0) AS granted,
           coalesce(sum(d.drawn) FILTER (WHERE r.status <> 'cancelled'), 0) AS drawn
    FROM refunds r LEFT JOIN drawn d ON d.refund_id = r.id
    GROUP BY r.customer_id
), figures AS (
    SELECT c.customer_id, c.currency,
           coalesce(f.requested, 0) AS refunds_requested,
           coalesce(j.payable, 0) AS payable_in_journal,
           coalesce(f.granted, 0) AS refunds_granted,
           coalesce(f.drawn, 0) AS credit_drawn
    FROM customer_accounts c
    LEFT JOIN refunds_due f ON f.customer_id = c.customer_id
    LEFT JOIN journal j ON j.customer_id = c.customer_id
)
SELECT customer_id, currency, refunds_requested, payable_in_journal, refunds_granted,
       credit_drawn, count(*) OVER () AS found
FROM figures
WHERE refunds_requested <> payable_in_journal OR refunds_granted <> credit_drawn
ORDER BY customer_id LIMIT :limit
""")
