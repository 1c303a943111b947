"""The ledger's facts as the dunning tests deliver them, and the REST calls they make."""

from datetime import date
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import (
    CreditNoteIssued,
    InvoiceIssued,
    InvoiceOverdue,
    InvoiceVoided,
    InvoiceWrittenOff,
    PaymentAllocation,
    PaymentReceived,
)
from ledgerflow_platform.testing import EventDelivery, KeyPair


def new_id() -> str:
    return str(uuid7())


class Ledger:
    """Delivers what the ledger would publish about one customer's EUR invoices."""

    def __init__(self, delivery: EventDelivery, customer: str | None = None) -> None:
        self.delivery = delivery
        self.customer = customer or new_id()
        self.due: dict[str, date] = {}

    async def issue(self, number: str, total: str, due: date) -> str:
        invoice = new_id()
        self.due[invoice] = due
        await self.delivery.deliver(
            InvoiceIssued(
                customer_id=self.customer,
                invoice_id=invoice,
                number=number,
                currency="EUR",
                total=total,
                issue_date=date(2026, 9, 1),
                due_date=due,
            )
        )
        return invoice

    async def overdue(self, invoice: str, open_amount: str, as_of: date) -> None:
        await self.delivery.deliver(
            InvoiceOverdue(
                customer_id=self.customer,
                invoice_id=invoice,
                currency="EUR",
                open_amount=open_amount,
                due_date=self.due[invoice],
                as_of=as_of,
            )
        )

    async def pay(
        self, invoice: str, amount: str, open_after: str, on: date, *, opening: bool = False
    ) -> None:
        await self.delivery.deliver(
            PaymentReceived(
                customer_id=self.customer,
                payment_id=new_id(),
                currency="EUR",
                amount=amount,
                received_on=on,
                allocations=[
                    PaymentAllocation(
                        invoice_id=invoice, amount=amount, open_amount_after=open_after
                    )
                ],
                unapplied_amount="0.00",
                opening=opening,
            )
        )

    async def void(self, invoice: str, total: str, on: date) -> None:
        await self.delivery.deliver(
            InvoiceVoided(
                customer_id=self.customer,
                invoice_id=invoice,
                number="void",
                currency="EUR",
                total=total,
                voided_on=on,
            )
        )

    async def credit(self, invoice: str, amount: str, open_after: str, on: date) -> None:
        await self.delivery.deliver(
            CreditNoteIssued(
                customer_id=self.customer,
                credit_note_id=new_id(),
                number="CN-1",
                currency="EUR",
                amount=amount,
                tax="0.00",
                issue_date=on,
                invoice_id=invoice,
                invoice_open_amount_after=open_after,
            )
        )

    async def write_off(self, invoice: str, amount: str, on: date) -> None:
        await self.delivery.deliver(
            InvoiceWrittenOff(
                customer_id=self.customer,
                invoice_id=invoice,
                write_off_id=new_id(),
                currency="EUR",
                amount=amount,
                written_off_on=on,
            )
        )


class Collections:
    """collections-svc's REST API as a credit manager uses it."""

    def __init__(self, client: httpx.AsyncClient, keys: KeyPair) -> None:
        self.client = client
        self.headers = keys.auth("credit_manager")

    async def run(self, as_of: date) -> httpx.Response:
        return await self.client.post(
            "/v1/dunning-runs", json={"as_of": as_of.isoformat()}, headers=self.headers
        )

    async def ran(self, as_of: date) -> dict[str, Any]:
        response = await self.run(as_of)
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    async def notices(self, **params: str) -> list[dict[str, Any]]:
        response = await self.client.get("/v1/notices", params=params, headers=self.headers)
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def lines(self, customer: str, run: dict[str, Any]) -> list[tuple[str, int, str, int]]:
        """(number, level, open amount, days past due) of the customer's notices in the run."""
        found = []
        for notice in await self.notices(customer_id=customer, run_id=run["id"]):
            found += [
                (i["number"], i["level"], i["open_amount"], i["days_past_due"])
                for i in notice["invoices"]
            ]
        return found
