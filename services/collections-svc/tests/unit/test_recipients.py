"""The REST read of dunning recipients, against customer-svc's contacts API as it answers
(one page at a time, masked values where the reader may not see them)."""

from typing import Any

import httpx

from collections_svc.adapters.recipients import CustomerServiceRecipients, Recipients
from ledgerflow_platform.service_client import ServiceClient


def contact(email: str | None, *roles: str) -> dict[str, Any]:
    return {
        "id": "k",
        "customer_id": "c1",
        "name": "x",
        "phone": None,
        "email": email,
        "roles": list(roles),
        "version": 1,
        "created_at": "2026-11-01T00:00:00Z",
    }


PAGES = {
    None: {
        "items": [
            contact("anna@example.com", "dunning_recipient"),
            contact("billing@example.com", "billing"),
        ],
        "next_cursor": "p2",
    },
    "p2": {
        "items": [
            contact("a***@example.com", "dunning_recipient"),
            contact(None, "primary"),
            contact("bo@example.com", "billing", "dunning_recipient"),
        ],
        "next_cursor": None,
    },
}


def customer_svc(country: str) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/customers/c1":
            return httpx.Response(200, json={"id": "c1", "country": country})
        assert request.url.path == "/v1/customers/c1/contacts"
        return httpx.Response(200, json=PAGES[request.url.params.get("cursor")])

    return httpx.MockTransport(answer)


async def read(country: str) -> Recipients:
    client = ServiceClient("customer", "http://customer", None, transport=customer_svc(country))
    try:
        return await CustomerServiceRecipients(client).recipients_of("c1")
    finally:
        await client.aclose()


async def test_only_dunning_recipients_with_a_clear_address_receive_notices() -> None:
    assert await read("DE") == Recipients(("anna@example.com", "bo@example.com"), "en")


async def test_customers_in_china_read_notices_in_chinese() -> None:
    assert (await read("CN")).language == "zh-CN"
