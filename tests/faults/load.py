"""A bounded load of payments as a careful client sends them: each with its own
Idempotency-Key, retried with the same key and body until it gets an answer, and some sent
twice on purpose after their answer, which must then be the original again."""

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

RECEIVED_ON = "2026-11-20"
# A client retries a failed request after this long (plus jitter), a little longer each time.
FIRST_RETRY_S = 0.2
LONGEST_RETRY_S = 2.0
# Beyond the recovery bound: a payment still unanswered then is a failure of the test.
GIVE_UP_AFTER_S = 90.0
REQUEST_TIMEOUT_S = 5.0
# Payments in flight at most: while the ledger is down the rest wait their turn, so the
# client does not spend the CPU the restarting service needs on refused connections.
IN_FLIGHT = 16


@dataclass
class Payment:
    key: str
    customer_id: str
    amount_minor: int
    body: dict[str, Any]
    failed_attempts: int = 0
    answer: dict[str, Any] | None = None
    # The answers to sending it again after it was acknowledged, in order.
    replays: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class LoadFigures:
    sent: int
    acknowledged: int
    retried: int
    replayed: int
    replays_differing: int
    unanswered: int


def amount_text(minor: int) -> str:
    return f"{minor // 100}.{minor % 100:02d}"


class PaymentLoad:
    def __init__(
        self,
        client: httpx.AsyncClient,
        ledger_url: str,
        cashier_token: str,
        customers: list[str],
        *,
        label: str,
        rate: float = 20.0,
        replay_every: int = 3,
    ) -> None:
        self._client = client
        self._url = f"{ledger_url}/v1/payments"
        self._headers = {"Authorization": f"Bearer {cashier_token}"}
        self._customers = customers
        self._label = label
        self._rate = rate
        self._replay_every = replay_every
        self._in_flight = asyncio.Semaphore(IN_FLIGHT)
        self.payments: list[Payment] = []

    async def run(self, seconds: float) -> None:
        """Send at the pace set for `seconds`, then wait until every payment has its answer."""
        started = time.monotonic()
        in_flight: list[asyncio.Task[None]] = []
        n = 0
        while time.monotonic() - started < seconds:
            payment = self._next_payment(n)
            self.payments.append(payment)
            in_flight.append(
                asyncio.create_task(self._settle(payment, replay=n % self._replay_every == 0))
            )
            n += 1
            await asyncio.sleep(max(0.0, started + n / self._rate - time.monotonic()))
        await asyncio.gather(*in_flight)

    def figures(self) -> LoadFigures:
        answered = [p for p in self.payments if p.answer is not None]
        replays = [(p, r) for p in answered for r in p.replays]
        return LoadFigures(
            sent=len(self.payments),
            acknowledged=len(answered),
            retried=sum(1 for p in self.payments if p.failed_attempts),
            replayed=len(replays),
            replays_differing=sum(1 for p, r in replays if r != p.answer),
            unanswered=len(self.payments) - len(answered),
        )

    def _next_payment(self, n: int) -> Payment:
        customer = self._customers[n % len(self._customers)]
        minor = 100 + (n * 37) % 5000  # 1.00 to 50.99, varied so sums are not round
        reference = f"{self._label}-{n:05d}"
        body = {
            "customer_id": customer,
            "amount": amount_text(minor),
            "currency": "EUR",
            "received_on": RECEIVED_ON,
            "reference": reference,
        }
        return Payment(reference, customer, minor, body)

    async def _settle(self, payment: Payment, *, replay: bool) -> None:
        async with self._in_flight:
            payment.answer = await self._send(payment)
            if replay and payment.answer is not None:
                again = await self._send(payment)
                if again is not None:
                    payment.replays.append(again)

    async def _send(self, payment: Payment) -> dict[str, Any] | None:
        """POST until a 201, retrying what failed for want of the service; None on giving up."""
        deadline = time.monotonic() + GIVE_UP_AFTER_S
        headers = {**self._headers, "Idempotency-Key": payment.key}
        wait = FIRST_RETRY_S
        while time.monotonic() < deadline:
            try:
                response = await self._client.post(
                    self._url, json=payment.body, headers=headers, timeout=REQUEST_TIMEOUT_S
                )
                if response.status_code == 201:
                    answer: dict[str, Any] = response.json()
                    return answer
                if response.status_code < 500:
                    raise AssertionError(f"{payment.key}: {response.status_code} {response.text}")
            except httpx.TransportError:
                pass
            payment.failed_attempts += 1
            await asyncio.sleep(wait * random.uniform(1.0, 1.5))
            wait = min(LONGEST_RETRY_S, wait * 2)
        return None
