"""customer-svc asked about a customer the ledger has not heard of yet, with the ledger's own
service credentials: so a customer registered a moment ago can be invoiced at once, without
waiting for its registration to arrive as an event."""

from datetime import datetime

from ledger_svc.domain.account import CustomerAccount, CustomerFile
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
        body = response.json()
        account = CustomerAccount(
            customer_id=body["id"],
            currency=body["currency"],
            payment_terms_days=int(body["payment_terms_days"]),
            status=body["status"],
            code=body["code"],
        )
        return CustomerFile(account, datetime.fromisoformat(body["registered_at"]))
