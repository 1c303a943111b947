"""Steps for assessments: a customer's invoice history, a statement and a bureau report, and
an oracle that scores them under the default policy, written apart from the service's code."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx

from ledgerflow_events.contracts.ledger import InvoiceIssued, InvoicePaid
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .credit_steps import new_id

STATEMENT = {
    "period_end": "2025-12-31",
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
REPORT = {
    "agency": "Creditreform",
    "score": 620,
    "scale_min": 300,
    "scale_max": 850,
    "reported_on": "2026-11-01",
}
# The default policy's bands as (at least, points), highest first, and weights.
DEFAULT_BANDS = {
    "bureau_score": (30, [(80, 100), (60, 75), (40, 50), (20, 25), (0, 0)]),
    "altman_z": (25, [(Decimal("2.6"), 100), (Decimal("1.1"), 50), (-1000, 0)]),
    "current_ratio": (15, [(2, 100), (Decimal("1.5"), 75), (1, 50), (0, 0)]),
    "days_beyond_terms": (20, [(60, 0), (30, 25), (10, 60), (0, 100)]),
    "late_share": (10, [(50, 0), (25, 40), (10, 70), (0, 100)]),
}


def oracle_points(name: str, value: Decimal | None) -> int:
    _, bands = DEFAULT_BANDS[name]
    if value is None:
        return 0
    return next((p for at_least, p in bands if value >= at_least), 0)


def oracle_score(values: dict[str, Decimal | None]) -> Decimal:
    total = sum(Decimal(DEFAULT_BANDS[n][0] * oracle_points(n, v)) / 100 for n, v in values.items())
    return Decimal(total).quantize(Decimal("0.01"), ROUND_HALF_UP)


async def invoiced(
    delivery: EventDelivery,
    customer: str,
    total: str,
    *,
    issued: date,
    due: date,
    paid_on: date | None = None,
    opening: bool = False,
) -> InvoiceIssued:
    invoice_id = new_id()
    issue = InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice_id,
        number=f"INV-{invoice_id[-6:]}",
        currency="EUR",
        total=total,
        issue_date=issued,
        due_date=due,
        opening=opening,
    )
    await delivery.deliver(issue)
    if paid_on is not None:
        await delivery.deliver(
            InvoicePaid(
                customer_id=customer,
                invoice_id=invoice_id,
                currency="EUR",
                total=total,
                paid_on=paid_on,
            )
        )
    return issue


async def record_inputs(
    client: httpx.AsyncClient, keys: KeyPair, customer: str, **statement: str
) -> tuple[str, str]:
    """Record the statement (changed as given) and the report; their ids."""
    manager = keys.auth("credit_manager")
    s = await client.post(
        f"/v1/customers/{customer}/financial-statements",
        json={**STATEMENT, **statement},
        headers=manager,
    )
    r = await client.post(f"/v1/customers/{customer}/bureau-reports", json=REPORT, headers=manager)
    assert (s.status_code, r.status_code) == (201, 201), s.text + r.text
    return s.json()["id"], r.json()["id"]


async def assess(
    client: httpx.AsyncClient, keys: KeyPair, customer: str, as_of: str, **extra: Any
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/customers/{customer}/assessments",
        json={"as_of": as_of, **extra},
        headers=keys.auth("credit_manager", subject="carla"),
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
