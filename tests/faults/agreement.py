"""What must hold after every fault, asked of the services by REST only: the ledger has
every acknowledged payment exactly once and balances, and credit and reporting agree with
it per customer to the cent, with nothing dead-lettered."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from ledgerflow_devstack.config import SERVICES
from ledgerflow_devstack.stack import Stack

from .load import Payment, amount_text

AGING_AS_OF = "2026-11-25"


@dataclass(frozen=True)
class Book:
    """The customers the load pays, each with one invoice it never fully pays, and every
    payment sent to them so far, fault after fault."""

    customers: list[str]
    invoiced_minor: dict[str, int]
    payments: list[Payment]
    # Dead letters other suites left on the shared platform before this one began, by service.
    letters_before: dict[str, set[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Agreement:
    lost: int
    doubled: int
    disagreements: list[str]

    @property
    def holds(self) -> bool:
        return not self.disagreements


class Auditor:
    def __init__(self, platform: Stack, client: httpx.AsyncClient) -> None:
        self._platform = platform
        self._client = client
        self._auth = {"Authorization": f"Bearer {platform.token('admin', subject='auditor')}"}

    async def get(self, service: str, path: str, **params: Any) -> Any:
        response = await self._client.get(
            self._platform.url(service) + path, params=params, headers=self._auth, timeout=10.0
        )
        if response.status_code != 200:
            raise LookupError(f"GET {service}{path}: {response.status_code} {response.text}")
        return response.json()

    async def check(self, book: Book) -> Agreement:
        """Every figure compared once; unreachable services count as disagreement. While the
        balances still differ (a consumer catching up) the costlier checks wait."""
        payments = book.payments
        disagreements: list[str] = []
        try:
            lost, doubled = await self._payments_once(book, payments, disagreements)
            await self._balances(book, payments, disagreements)
            if disagreements:
                return Agreement(lost, doubled, disagreements)
            integrity = await self.get("ledger", "/v1/integrity")
            if not integrity["ok"]:
                disagreements.append(f"integrity: {integrity}")
            for service in SERVICES:
                letters = await self.get(service, "/v1/admin/dead-letters")
                known = book.letters_before.get(service, set())
                new = [item for item in letters["items"] if item["id"] not in known]
                if new:
                    disagreements.append(f"{service} dead letters: {new}")
        except (LookupError, httpx.HTTPError) as unreachable:
            return Agreement(-1, -1, [f"not answering: {unreachable}"])
        return Agreement(lost, doubled, disagreements)

    async def _payments_once(
        self, book: Book, payments: list[Payment], disagreements: list[str]
    ) -> tuple[int, int]:
        recorded: Counter[str] = Counter()
        for customer in book.customers:
            recorded.update(await self._payment_references(customer))
        acknowledged = {p.key for p in payments if p.answer is not None}
        ours = {p.key for p in payments}
        lost = len([k for k in acknowledged if recorded[k] == 0])
        doubled = sum(n - 1 for k, n in recorded.items() if k in ours and n > 1)
        if lost or doubled:
            disagreements.append(f"lost {lost}, doubled {doubled}")
        return lost, doubled

    async def _payment_references(self, customer: str) -> list[str]:
        references: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"customer_id": customer, "source_type": "payment"}
            params |= {"limit": 500} | ({"cursor": cursor} if cursor else {})
            page = await self.get("ledger", "/v1/journal", **params)
            # "Payment received (<reference>)"
            references += [e["memo"].rpartition("(")[2].rstrip(")") for e in page["items"]]
            cursor = page.get("next_cursor")
            if not cursor:
                return references

    async def _balances(
        self, book: Book, payments: list[Payment], disagreements: list[str]
    ) -> None:
        paid: Counter[str] = Counter()
        for p in payments:
            if p.answer is not None:
                paid[p.customer_id] += p.amount_minor
        aging = await self.get("reporting", "/v1/reports/aging", as_of=AGING_AS_OF)
        aged = {row["customer_id"]: row["total"] for row in aging["rows"]}
        for customer in book.customers:
            # the oracle: what the test invoiced less what the ledger acknowledged receiving
            owed = amount_text(book.invoiced_minor[customer] - paid[customer])
            balance = await self.get("ledger", f"/v1/customers/{customer}/balance")
            exposure = await self.get("credit", f"/v1/customers/{customer}/exposure")
            seen = {
                "ledger": balance["open_amount"],
                "credit": exposure["open_amount"],
                "reporting": aged.get(customer),
            }
            if set(seen.values()) != {owed}:
                disagreements.append(f"{customer} owes {owed}: {seen}")
