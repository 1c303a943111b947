"""The ledger, asked with customer-svc's own service credentials: what a customer owes or
holds there before its currency may change, and the opening balances a finance table hands
over at a cut-over."""

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from customer_svc.domain.customer_table.ledger_customers import LedgerCustomer
from customer_svc.domain.customers.account_standing import LedgerStanding
from ledgerflow_platform.service_client import ServiceClient, UpstreamRefused

OPENING_BALANCES_TIMEOUT_S = 120.0


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
        self,
        table: bytes,
        *,
        cutover_date: date,
        customers: Sequence[LedgerCustomer] = (),
        on_behalf_of: str | None = None,
    ) -> tuple[int, Any]:
        """POST the balances as a CSV to the ledger, with the customers being filed that they
        name (the ledger opens their accounts from them): (status code, its answer)."""
        try:
            response = await self._client.request(
                "POST",
                "/v1/opening-balances",
                params={"cutover_date": cutover_date.isoformat()},
                files={"file": ("opening-balances.csv", table, "text/csv")},
                data={"customers": json.dumps([_customer(c) for c in customers])},
                on_behalf_of=on_behalf_of,
                # A whole table's balances: the ledger posts every row in one transaction.
                timeout_s=OPENING_BALANCES_TIMEOUT_S,
            )
        except UpstreamRefused as refused:
            return refused.status_code, refused.body
        return response.status_code, response.json()


def _customer(customer: LedgerCustomer) -> dict[str, Any]:
    """As the ledger's opening-balances form reads an announced customer."""
    return {
        "id": customer.customer_id,
        "code": customer.code,
        "currency": customer.currency,
        "payment_terms_days": customer.payment_terms_days,
        "registered_at": customer.registered_at.isoformat(),
        "contracts": [
            {"id": i, "number": number, "currency": currency}
            for i, number, currency in customer.contracts
        ],
    }
