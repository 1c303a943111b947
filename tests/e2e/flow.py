"""Steps of the foundation flow that several e2e tests share."""

from datetime import date

from ledgerflow_events.testing import eventually

from .conftest import Api


async def register_customer(api: Api, name: str, currency: str = "EUR", terms: int = 30) -> str:
    response = await api.post(
        "customer",
        "/v1/customers",
        {"name": name, "currency": currency, "payment_terms_days": terms},
        role="accountant",
    )
    assert response.status_code == 201, response.text
    customer_id: str = response.json()["id"]

    async def ledger_knows_customer() -> bool:
        return (await api.get("ledger", f"/v1/customers/{customer_id}/balance")).status_code == 200

    await eventually(ledger_knows_customer)
    return customer_id


async def issue_invoice(api: Api, customer_id: str, issued: date, *amounts: str) -> dict:  # type: ignore[type-arg]
    lines = [
        {"description": f"Line {n}", "quantity": "1", "unit_price": a}
        for n, a in enumerate(amounts)
    ]
    response = await api.post(
        "ledger",
        "/v1/invoices",
        {"customer_id": customer_id, "issue_date": issued.isoformat(), "lines": lines},
        role="accountant",
    )
    assert response.status_code == 201, response.text
    invoice: dict = response.json()  # type: ignore[type-arg]
    return invoice


async def pay(
    api: Api, customer_id: str, amount: str, received: date, currency: str = "EUR"
) -> dict:  # type: ignore[type-arg]
    response = await api.post(
        "ledger",
        "/v1/payments",
        {
            "customer_id": customer_id,
            "amount": amount,
            "currency": currency,
            "received_on": received.isoformat(),
        },
        role="cashier",
    )
    assert response.status_code == 201, response.text
    payment: dict = response.json()  # type: ignore[type-arg]
    return payment


async def until_equal(fetch, expected, *, within: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Poll `fetch()` until it returns `expected`; on timeout show the last value seen."""
    last = None

    async def matches() -> bool:
        nonlocal last
        last = await fetch()
        return bool(last == expected)

    try:
        await eventually(matches, within=within)
    except TimeoutError:
        raise AssertionError(f"still {last!r}, expected {expected!r}") from None
