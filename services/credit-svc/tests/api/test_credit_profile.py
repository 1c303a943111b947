"""The credit profile: exposure against the limit to the cent, who may read it."""

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .credit_steps import invoice, overdue, profile, registered_customer, set_limit

READERS = ["credit_manager", "accountant", "collector", "auditor", "admin", "service"]


async def customer_owing_1100(delivery: EventDelivery) -> str:
    customer = await registered_customer(delivery)
    late = invoice(customer, "1000.10")
    await delivery.deliver(late)
    await delivery.deliver(invoice(customer, "99.90"))
    await delivery.deliver(overdue(late))
    return customer


@pytest.mark.parametrize("role", READERS)
async def test_the_profile_shows_exposure_against_the_limit_to_the_cent(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await customer_owing_1100(delivery)
    await set_limit(client, auth_keys, customer, "4999.99")

    response = await client.get(f"/v1/customers/{customer}/credit", headers=auth_keys.auth(role))

    assert response.status_code == 200
    assert response.json() == {
        "customer_id": customer,
        "currency": "EUR",
        "grade": None,
        "credit_limit": "4999.99",
        "open_receivables": "1100.00",
        "overdue_amount": "1000.10",
        "reserved": "0.00",
        "exposure": "1100.00",
        "available": "3899.99",
        # 1100.00 / 4999.99 = 22.0000440...%
        "utilisation_percent": "22.00",
        "on_hold": False,
        "holds": [],
        "terms_days": 30,
        "prepayment_percent": "0.00",
        "guarantee_required": False,
        "policy_version": 1,
        "next_review_on": None,
    }


async def test_without_a_limit_nothing_is_available_and_utilisation_is_unknown(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_owing_1100(delivery)

    seen = await profile(client, auth_keys, customer)

    assert (seen["credit_limit"], seen["available"], seen["utilisation_percent"]) == (
        None,
        None,
        None,
    )
    assert (seen["exposure"], seen["on_hold"]) == ("1100.00", False)


async def test_over_the_limit_available_is_negative(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_owing_1100(delivery)
    await set_limit(client, auth_keys, customer, "1050.00")

    seen = await profile(client, auth_keys, customer)

    # 1100.00 / 1050.00 = 104.7619...%, within the 10% tolerance: no hold.
    assert (seen["available"], seen["utilisation_percent"], seen["on_hold"]) == (
        "-50.00",
        "104.76",
        False,
    )


async def test_a_cashier_may_not_read_credit(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_owing_1100(delivery)

    response = await client.get(
        f"/v1/customers/{customer}/credit", headers=auth_keys.auth("cashier")
    )

    assert_problem(response, 403, "forbidden")


async def test_an_unknown_customer_has_no_credit_profile(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get("/v1/customers/nobody/credit", headers=auth_keys.auth("auditor"))

    assert_problem(response, 404, "customer-not-found")
