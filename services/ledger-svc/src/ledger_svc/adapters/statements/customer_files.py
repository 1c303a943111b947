"""The addressee of a statement, read from customer-svc with the reader's own token: customer-svc
masks and audits the read as for that person, and the ledger keeps nothing of it."""

from typing import Any, Protocol

from ledger_svc.domain.statements.party import CustomerFileUnavailable, StatementParty
from ledgerflow_platform.service_client import ServiceClient, UpstreamRefused


class CustomerFiles(Protocol):
    async def party_of(self, customer_id: str, *, reader_token: str) -> StatementParty: ...


def address_lines(address: dict[str, Any] | None) -> tuple[str, ...]:
    """The street lines, then postal code and city, then the country code."""
    if not address:
        return ()
    place = " ".join(p for p in (address.get("postal_code"), address.get("city")) if p)
    return tuple(
        line for line in (*address.get("lines", []), place, address.get("country")) if line
    )


class CustomerServiceFiles:
    """customer-svc's customer file API, called on behalf of the reader."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def party_of(self, customer_id: str, *, reader_token: str) -> StatementParty:
        try:
            response = await self._client.get(
                f"/v1/customers/{customer_id}", on_behalf_of=reader_token
            )
        except UpstreamRefused as refused:
            raise CustomerFileUnavailable(customer_id, refused.status_code) from refused
        found = response.json()
        return StatementParty(
            legal_name=found["name"],
            address_lines=address_lines(found.get("billing_address")),
            tax_id=found.get("tax_id"),
        )
