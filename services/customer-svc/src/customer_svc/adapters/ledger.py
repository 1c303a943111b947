"""The ledger, asked with customer-svc's own service credentials: what a customer owes or
holds there before its currency may change, and the opening balances a finance table hands
over at a cut-over."""

from datetime import date
from typing import Any

from customer_svc.domain.customers.account_standing import LedgerStanding
from ledgerflow_platform.service_client import ServiceClient, UpstreamRefused


class LedgerService:
    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def standing(self, customer_id: str) -> LedgerStanding | None:
        """The customer's open amount and credit in the ledger; None if it keeps no account."""
        try:
            response = await self._client.get(f"/v1/customers/{customer_id}/balance")
        except UpstreamRefused as refused:
            if refused.status_code == 404:
                return None
            raise
        body = response.json()
        return LedgerStanding(
            currency=body["currency"],
            open_amount=body["open_amount"],
            credit_amount=body["credit_amount"],
        )

    async def bring_in_opening_balances(
        self, table: bytes, *, cutover_date: date, on_behalf_of: str | None = None
    ) -> tuple[int, Any]:
        """POST the balances as a CSV to the ledger: (status code, its answer)."""
        try:
            response = await self._client.request(
                "POST",
                "/v1/opening-balances",
                params={"cutover_date": cutover_date.isoformat()},
                files={"file": ("opening-balances.csv", table, "text/csv")},
                on_behalf_of=on_behalf_of,
            )
        except UpstreamRefused as refused:
            return refused.status_code, refused.body
        return response.status_code, response.json()
