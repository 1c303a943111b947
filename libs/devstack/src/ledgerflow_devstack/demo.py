"""A small, realistic book of receivables so a fresh `ledgerflow up` has something to show.

Loaded through the public REST APIs, as a user would. Every POST carries a fixed
Idempotency-Key and a marker file records success, so a second `up` never duplicates it.
"""

import json
import time
from datetime import date, timedelta
from typing import Any

import httpx

from ledgerflow_devstack.auth import token_for
from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.demo_collections import CONTACT, load_collections_demo
from ledgerflow_devstack.demo_credit import load_credit_demo
from ledgerflow_devstack.errors import StackError

CUSTOMERS = (
    ("Acme Trading GmbH", "EUR"),
    ("Blue River Foods Inc.", "USD"),
    ("Nordlicht Retail AG", "EUR"),
)
# (customer index, days before today, lines as (description, quantity, unit price))
INVOICES = (
    (0, 60, (("Consulting days", "10", "120.00"), ("Travel expenses", "1", "340.50"))),
    (0, 10, (("Consulting days", "8", "120.00"),)),
    (1, 45, (("Pallets of canned tomatoes", "12", "85.00"),)),
    (2, 10, (("Point-of-sale terminals", "3", "499.00"),)),
)


def load_demo(config: StackConfig, admin_token: str, today: date | None = None) -> None:
    """Register customers, invoice them, record a payment, run the overdue check, give credit
    control a graded customer, a held customer and a reservation, and collections a policy,
    a customer dunned by e-mail, a dispute and a promise."""
    if config.demo_marker.exists():
        return
    today = today or date.today()
    headers = {"Authorization": f"Bearer {admin_token}"}
    with httpx.Client(timeout=30.0, headers=headers) as client:
        loader = _Loader(client, config)
        customer_ids = []
        for n, (name, currency) in enumerate(CUSTOMERS, start=1):
            body = {"name": name, "currency": currency, "payment_terms_days": 30}
            customer_ids.append(
                loader.post("customer", "/v1/customers", f"demo-customer-{n}", body)["id"]
            )
        contact = f"/v1/customers/{customer_ids[0]}/contacts"
        loader.post("customer", contact, "demo-contact-1", CONTACT)
        for customer_id in customer_ids:
            loader.wait_until_ledger_knows(customer_id)
        invoice_ids = []
        for n, (who, days_ago, lines) in enumerate(INVOICES, start=1):
            invoice = {
                "customer_id": customer_ids[who],
                "issue_date": (today - timedelta(days=days_ago)).isoformat(),
                "lines": [{"description": d, "quantity": q, "unit_price": p} for d, q, p in lines],
            }
            invoice_ids.append(
                loader.post("ledger", "/v1/invoices", f"demo-invoice-{n}", invoice)["id"]
            )
        payment = {
            "customer_id": customer_ids[1],
            "amount": "500.00",
            "currency": "USD",
            "received_on": (today - timedelta(days=5)).isoformat(),
            "reference": "DEMO-WIRE-0001",
        }
        loader.post("ledger", "/v1/payments", "demo-payment-1", payment)
        run = {"as_of": today.isoformat()}
        loader.post("ledger", "/v1/overdue-runs", "demo-overdue-run-1", run)
    # Credit decisions are a credit manager's, not an administrator's.
    manager = {"Authorization": f"Bearer {token_for(config, 'credit_manager', subject='demo')}"}
    with httpx.Client(timeout=30.0, headers=manager) as client:
        post = _Loader(client, config).post
        load_credit_demo(client, config, post, customer_ids, today)
        collections = load_collections_demo(client, config, post, customer_ids, invoice_ids, today)
    marker = {"customers": customer_ids, "collections": collections}
    config.demo_marker.write_text(json.dumps(marker, indent=2))


class _Loader:
    def __init__(self, client: httpx.Client, config: StackConfig) -> None:
        self._client = client
        self._config = config

    def post(self, service: str, path: str, key: str, body: dict[str, Any]) -> dict[str, Any]:
        url = self._config.url(service) + path
        response = self._client.post(url, json=body, headers={"Idempotency-Key": key})
        if response.status_code not in (200, 201, 202):
            raise StackError(
                f"demo data: POST {url} answered {response.status_code}: {response.text}"
            )
        result: dict[str, Any] = response.json()
        return result

    def wait_until_ledger_knows(self, customer_id: str, timeout: float = 30.0) -> None:
        # the ledger learns of customers from customer.events, so it lags registration a little
        url = f"{self._config.url('ledger')}/v1/customers/{customer_id}/balance"
        deadline = time.monotonic() + timeout
        while True:
            status = self._client.get(url).status_code
            if status == 200:
                return
            if status != 404 or time.monotonic() > deadline:
                raise StackError(
                    f"demo data: the ledger did not learn of customer {customer_id} "
                    f"within {timeout:.0f}s (GET {url} answered {status})"
                )
            time.sleep(0.2)
