"""Opening balances brought in at a cut-over (1 March 2026) are owed and aged like any invoice,
but they are no credit sale of that day, their dates are no payment behaviour, and what they
had been paid before is no cash collected on the day. A CEI over the cut-over counts what they
still owed on the day as owed from the window's start.

The customer's history, by hand:
- OB1, an opening balance of 50,000.00 due 30 June 2025, 30,000.00 of it paid before;
- OB2, an opening balance of 10,000.00 due 31 January 2025, paid in full before;
- N1, 1,000.00 issued 10 March, due 9 April, 400.00 paid 20 March;
- N2, 500.00 issued 5 March, due 15 March, paid 25 March: 10 days late.
"""

from datetime import UTC, date, datetime
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import InvoiceIssued, PaymentReceived
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .test_aging_report import issued, paid

CUTOVER = date(2026, 3, 1)


def opening(event: InvoiceIssued | PaymentReceived) -> Any:
    return event.model_copy(update={"opening": True})


async def test_opening_balances_are_owed_but_no_sales_behaviour_or_cash_of_the_day(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    c = str(uuid7())
    await delivery.deliver(CustomerRegistered(
        customer_id=c, name="迁移客户", currency="EUR", payment_terms_days=30,
        registered_at=datetime(2026, 1, 1, tzinfo=UTC), segments=["migrated"]))  # fmt: skip
    facts = [
        opening(issued(c, f"{c}/OB1", "50000.00", on=CUTOVER, due=date(2025, 6, 30))),
        opening(paid(c, f"{c}/ob1", CUTOVER, {f"{c}/OB1": "30000.00"})),
        opening(issued(c, f"{c}/OB2", "10000.00", on=CUTOVER, due=date(2025, 1, 31))),
        opening(paid(c, f"{c}/ob2", CUTOVER, {f"{c}/OB2": "10000.00"})),
        issued(c, f"{c}/N1", "1000.00", on=date(2026, 3, 10), due=date(2026, 4, 9)),
        paid(c, f"{c}/n1", date(2026, 3, 20), {f"{c}/N1": "400.00"}),
        issued(c, f"{c}/N2", "500.00", on=date(2026, 3, 5), due=date(2026, 3, 15)),
        paid(c, f"{c}/n2", date(2026, 3, 25), {f"{c}/N2": "500.00"}),
    ]
    for fact in facts:
        await delivery.deliver(fact)
    auditor = auth_keys.auth("auditor")

    async def report(path: str, **params: str) -> list[dict[str, Any]]:
        response = await client.get(f"/v1/reports/{path}", params=params, headers=auditor)
        assert response.status_code == 200, response.text
        return response.json()["rows"]  # type: ignore[no-any-return]

    # Owed: N1's 600.00 and OB1's 20,000.00. Sold in March: N1 and N2 only, 1,500.00.
    # DSO = 20,600.00 / 1,500.00 x 31 days = 425.7333...
    [dso] = await report("dso", as_of="2026-03-31", months="1", customer_id=c)
    assert (dso["receivables"], dso["credit_sales"], dso["dso_days"]) == (
        "20600.00", "1500.00", "425.73",
    )  # fmt: skip
    # CEI over March: what the opening balances still owed on the day (20,000.00) counts as
    # owed from the start. (20,000 + 1,500 - 20,600) / (20,000 + 1,500 - 600 current) x 100.
    [cei] = await report("cei", **{"from": "2026-03-01", "to": "2026-03-31"}, customer_id=c)
    assert (cei["opening_receivables"], cei["credit_sales"], cei["cei_percent"]) == (
        "20000.00", "1500.00", "4.31",
    )  # fmt: skip
    # Paid in March: N2 alone, 10 days beyond its terms; OB2's dates are not behaviour.
    [behaviour] = await report(
        "payment-behaviour", **{"from": "2026-01-01", "to": "2026-12-31"}, customer_id=c
    )
    assert (behaviour["invoices_paid"], behaviour["average_days_beyond_terms"]) == (1, "10.00")
    # Cash collected in March: 400.00 + 500.00; what the opening balances had been paid
    # before the cut-over came in no day of ours.
    budgets = await report("collection-budgets", **{"from": "2026-03", "to": "2026-03"})
    assert [(r["segment"], r["collected"]) for r in budgets] == [("migrated", "900.00")]
