"""Who receives a customer's dunning notices, read from customer-svc when a notice is sent, so
customer-svc audits every read and nothing personal is kept here beyond a masked form."""

from dataclasses import dataclass
from typing import Any, Protocol

from ledgerflow_platform.service_client import ServiceClient

# Customers registered here read their notices in Chinese; everyone else in English.
CHINESE_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "SG"})
MAX_CONTACT_PAGES = 20


@dataclass(frozen=True)
class Recipients:
    emails: tuple[str, ...]
    language: str  # "zh-CN" or "en"
    # Printed on documents addressed to the customer (a legal bundle's cover); never stored.
    name: str | None = None


class RecipientDirectory(Protocol):
    async def recipients_of(self, customer_id: str) -> Recipients: ...


def language_of(country: str | None) -> str:
    return "zh-CN" if country in CHINESE_COUNTRIES else "en"


def dunning_emails(contacts: list[dict[str, Any]]) -> list[str]:
    """The addresses of the contacts marked as dunning recipients; no other contact's.
    A masked address (customer-svc hides it from this reader) cannot be written to."""
    return [
        c["email"]
        for c in contacts
        if "dunning_recipient" in c.get("roles", []) and c.get("email") and "*" not in c["email"]
    ]


class CustomerServiceRecipients:
    """customer-svc's contacts API, called with collections-svc's own service token."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def recipients_of(self, customer_id: str) -> Recipients:
        customer = (await self._client.get(f"/v1/customers/{customer_id}")).json()
        contacts: list[dict[str, Any]] = []
        cursor: str | None = None
        for _ in range(MAX_CONTACT_PAGES):
            params: dict[str, Any] = {"limit": 100}
            if cursor is not None:
                params["cursor"] = cursor
            page = (
                await self._client.get(f"/v1/customers/{customer_id}/contacts", params=params)
            ).json()
            contacts += page["items"]
            cursor = page.get("next_cursor")
            if cursor is None:
                break
        return Recipients(
            tuple(dunning_emails(contacts)),
            language_of(customer.get("country")),
            customer.get("name"),
        )
