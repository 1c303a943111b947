"""Credit control's part of the demo: a graded customer, a held customer and an order's
reservation, under the default policy every fresh platform starts with."""

import time
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.errors import StackError

Post = Callable[[str, str, str, dict[str, Any]], dict[str, Any]]

STATEMENT = {
    "currency": "EUR",
    "current_assets": "500000.00",
    "current_liabilities": "250000.00",
    "cash": "80000.00",
    "marketable_securities": "20000.00",
    "receivables": "150000.00",
    "inventory": "200000.00",
    "total_assets": "1000000.00",
    "total_liabilities": "600000.00",
    "equity": "400000.00",
    "retained_earnings": "150000.00",
    "ebit": "90000.00",
    "sales": "1800000.00",
}


def load_credit_demo(
    client: httpx.Client, config: StackConfig, post: Post, customer_ids: list[str], today: date
) -> None:
    """Acme is assessed (statement and bureau report first; grade C), Blue River gets a limit and an
    order's reservation, Nordlicht is held by hand. `post` carries a credit manager's token."""
    acme, blue_river, nordlicht = customer_ids
    for customer_id in customer_ids:
        _wait_until_credit_agrees(client, config, customer_id)
    period_end = date(today.year - 1, 12, 31).isoformat()
    statement = {**STATEMENT, "period_end": period_end}
    post("credit", f"/v1/customers/{acme}/financial-statements", "demo-statement-1", statement)
    report = {
        "agency": "Creditreform",
        "score": 700,
        "scale_min": 300,
        "scale_max": 850,
        "reported_on": today.isoformat(),
    }
    post("credit", f"/v1/customers/{acme}/bureau-reports", "demo-bureau-1", report)
    assessment = {"as_of": today.isoformat()}
    post("credit", f"/v1/customers/{acme}/assessments", "demo-assessment-1", assessment)
    limit = {"amount": "3000.00", "reason": "Opening limit"}
    post("credit", f"/v1/customers/{blue_river}/credit-limits", "demo-limit-1", limit)
    check = {
        "customer_id": blue_river,
        "amount": "400.00",
        "currency": "USD",
        "order_reference": "DEMO-ORDER-1",
        "reserve": True,
    }
    post("credit", "/v1/credit-checks", "demo-check-1", check)
    hold = {"reason": "Ownership change under review"}
    post("credit", f"/v1/customers/{nordlicht}/holds", "demo-hold-1", hold)


def _wait_until_credit_agrees(
    client: httpx.Client, config: StackConfig, customer_id: str, timeout: float = 120.0
) -> None:
    """Until credit-svc holds what the ledger does of this customer: it learns of customers
    from customer.events and of invoices, payments and overdue runs from ledger.events, a
    little after each. An assessment made before would grade on part of the evidence."""
    credit = f"{config.url('credit')}/v1/customers/{customer_id}/credit"
    ledger = f"{config.url('ledger')}/v1/customers/{customer_id}/balance"
    deadline = time.monotonic() + timeout
    while True:
        profile, balance = client.get(credit), client.get(ledger)
        if profile.status_code == balance.status_code == 200:
            seen = (profile.json()["open_receivables"], profile.json()["overdue_amount"])
            if seen == (balance.json()["open_amount"], balance.json()["overdue_amount"]):
                return
        elif profile.status_code != 404 or balance.status_code not in (200, 404):
            raise StackError(
                f"demo data: GET {credit} answered {profile.status_code}, "
                f"GET {ledger} {balance.status_code}"
            )
        if time.monotonic() > deadline:
            raise StackError(
                f"demo data: credit did not agree with the ledger on customer {customer_id} "
                f"within {timeout:.0f}s"
            )
        time.sleep(0.2)
