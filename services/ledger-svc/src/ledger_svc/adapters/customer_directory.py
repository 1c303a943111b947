"""customer-svc asked about a customer the ledger has not heard of yet, with the ledger's own
service credentials: so a customer registered a moment ago can be invoiced at once, without
waiting for its registration to arrive as an event."""

from datetime import datetime
from typing import Any

from ledger_svc.domain.account import CustomerAccount, CustomerFile
from ledger_svc.domain.contracts import CustomerContract
from ledgerflow_platform.service_client import ServiceClient, UpstreamRefused


class CustomerServiceDirectory:
    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def find(self, customer_id: str) -> CustomerFile | None:
        """The customer's file, or None if customer-svc has no such customer either."""
        try:
            response = await self._client.get(f"/v1/customers/{customer_id}")
        except UpstreamRefused as refused:
            # 404 no such customer; 422 an id customer-svc would never have given out.
            if refused.status_code in (404, 422):
                return None
            raise
        return _file(response.json())

    async def find_by_code(self, code: str) -> CustomerFile | None:
        """The customer filed under exactly this code, or None."""
        found = await self._client.get("/v1/customers", params={"q": code, "limit": 500})
        for item in found.json()["items"]:
            if item["code"] == code:
                return _file(item)
        return None

    async def signed_contracts(self, customer_id: str) -> list[CustomerContract]:
        """The customer's active contracts (one page of 200: a customer's contracts fit)."""
        found = await self._client.get(
            "/v1/contracts", params={"customer_id": customer_id, "status": "active", "limit": 200}
        )
        return [
            CustomerContract(c["id"], c["customer_id"], c["number"], c["currency"])
            for c in found.json()["items"]
        ]


def _file(body: dict[str, Any]) -> CustomerFile:
    account = CustomerAccount(
        customer_id=body["id"],
        currency=body["currency"],
        payment_terms_days=int(body["payment_terms_days"]),
        status=body["status"],
        code=body["code"],
    )
    return CustomerFile(account, datetime.fromisoformat(body["registered_at"]))
