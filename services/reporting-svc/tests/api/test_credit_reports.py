"""Exposure, top risks and customer value through REST over credit and ledger facts delivered
through the real inbox, each figure checked against a plain-Python oracle over the same facts
at 31 December 2026."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.credit import (
    CreditLimitChanged,
    CreditReservationEnded,
    CreditReserved,
    GradeChanged,
    HoldPlaced,
    HoldReleased,
)
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, event_delivery
from reporting_svc.service import SPEC

from .test_aging_report import issued, paid

AS_OF = date(2026, 12, 31)
END = datetime(2027, 1, 1, tzinfo=UTC)


def when(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def cents(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


@dataclass
class Book:
    """The facts of one customer as the oracle reads them (amounts in EUR)."""

    grade: str
    invoices: list[tuple[Decimal, date, date]] = field(default_factory=list)  # total, on, due
    payments: list[tuple[int, Decimal, date]] = field(default_factory=list)  # invoice, amount
    limits: list[tuple[datetime, Decimal]] = field(default_factory=list)
    reservations: list[tuple[Decimal, datetime, datetime | None]] = field(default_factory=list)
    holds: list[tuple[datetime, datetime | None]] = field(default_factory=list)

    def owed(self, n: int) -> Decimal:
        total, _, _ = self.invoices[n]
        return total - sum((a for i, a, d in self.payments if i == n and d <= AS_OF), Decimal(0))

    def receivables(self) -> Decimal:
        return sum((self.owed(n) for n in range(len(self.invoices))), Decimal(0))

    def overdue(self) -> Decimal:
        return sum((self.owed(n) for n, inv in enumerate(self.invoices) if inv[2] < AS_OF),
                   Decimal(0))  # fmt: skip

    def limit(self) -> Decimal | None:
        in_force = [(t, a) for t, a in self.limits if t < END]
        return max(in_force)[1] if in_force else None

    def reserved(self) -> Decimal:
        # Reserved now (before END) and neither ended nor expired by END.
        return sum((a for a, expires, ended in self.reservations
                    if expires >= END and (ended is None or ended >= END)), Decimal(0))  # fmt: skip

    def on_hold(self) -> bool:
        return any(p < END and (r is None or r >= END) for p, r in self.holds)

    def days_to_pay(self) -> list[int]:
        out = []
        for n, (_, on, _) in enumerate(self.invoices):
            days = sorted(d for i, _, d in self.payments if i == n)
            if self.owed(n) == 0 and days:
                out.append((days[-1] - on).days)
        return out


async def deliver(delivery: EventDelivery, c: str, book: Book) -> None:
    await delivery.deliver(GradeChanged(customer_id=c, assessment_id=str(uuid7()), from_grade=None,
                                        to_grade=book.grade, score="50", policy_version=1,
                                        assessed_on=date(2026, 9, 1)))  # fmt: skip
    for n, (total, on, due) in enumerate(book.invoices):
        await delivery.deliver(issued(c, f"{c}/{n}", str(total), on=on, due=due))
    for n, amount, on in book.payments:
        await delivery.deliver(paid(c, str(uuid7()), on, {f"{c}/{n}": str(amount)}))
    for at, amount in book.limits:
        await delivery.deliver(CreditLimitChanged(customer_id=c, limit_id=str(uuid7()),
                                                  currency="EUR", previous_limit=None,
                                                  credit_limit=str(amount), reason="review",
                                                  effective_at=at))  # fmt: skip
    for amount, expires, ended in book.reservations:
        r = str(uuid7())
        await delivery.deliver(CreditReserved(customer_id=c, reservation_id=r, order_reference="o",
                                              currency="EUR", amount=str(amount),
                                              expires_at=expires))  # fmt: skip
        if ended is not None:
            await delivery.deliver(CreditReservationEnded(
                customer_id=c, reservation_id=r, order_reference="o", outcome="released",
                invoice_id=None, ended_at=ended))  # fmt: skip
    for placed, released in book.holds:
        h = str(uuid7())
        await delivery.deliver(HoldPlaced(customer_id=c, hold_id=h, reason="manual",
                                          placed_at=placed))  # fmt: skip
        if released is not None:
            await delivery.deliver(HoldReleased(customer_id=c, hold_id=h, reason="manual",
                                                released_at=released, on_hold=False))  # fmt: skip


D = Decimal
BOOKS = {
    "a": Book("C", [(D("1000.00"), date(2026, 10, 1), date(2026, 10, 31)),
                    (D("500.00"), date(2026, 12, 10), date(2027, 1, 9))],
              [(0, D("300.00"), date(2026, 11, 20))],
              [(when("2026-09-01T00:00"), D("2000.00")), (when("2027-01-05T00:00"), D("1000.00"))],
              [(D("250.00"), when("2027-01-31T00:00"), None),
               (D("100.00"), when("2026-12-15T00:00"), None),
               (D("70.00"), when("2027-02-01T00:00"), when("2026-12-20T00:00"))],
              [(when("2026-12-01T10:00"), None)]),
    "b": Book("E", [(D("700.00"), date(2026, 9, 15), date(2026, 10, 15))],
              holds=[(when("2026-11-01T00:00"), when("2026-11-15T00:00"))]),
    "c": Book("A", [(D("2000.00"), date(2026, 11, 1), date(2026, 12, 1)),
                    (D("300.00"), date(2026, 6, 1), date(2026, 7, 1))],
              [(0, D("2000.00"), date(2026, 12, 5)), (1, D("300.00"), date(2026, 7, 11))],
              [(when("2026-10-01T00:00"), D("5000.00"))]),
}  # fmt: skip


@pytest.fixture(scope="module")
async def customers(settings: ServiceSettings) -> dict[str, str]:
    """Delivered once for the module: every test reads the same three customers."""
    ids = {name: str(uuid7()) for name in BOOKS}
    async with event_delivery(SPEC, settings) as delivery:
        for name, book in BOOKS.items():
            await deliver(delivery, ids[name], book)
    return ids


async def get(client: httpx.AsyncClient, keys: KeyPair, path: str, **params: str) -> Any:
    response = await client.get(f"/v1/reports/{path}", params=params,
                                headers=keys.auth("credit_manager"))  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def exposure_oracle(book: Book) -> dict[str, Any]:
    limit, exposure = book.limit(), book.receivables() + book.reserved()
    row = {"credit_limit": None if limit is None else cents(limit),
           "receivables": cents(book.receivables()), "reserved": cents(book.reserved()),
           "exposure": cents(exposure),
           "utilisation_percent": None if limit is None else cents(exposure / limit * 100),
           "customers": 1, "customers_on_hold": int(book.on_hold()), "on_hold": book.on_hold(),
           "hold_reasons": ["manual"] if book.on_hold() else []}  # fmt: skip
    if limit is None:
        row["null_reason"] = "no credit limit in force in this currency"
    return row


async def test_exposure_against_limits_with_holds_and_reservations(
    client: httpx.AsyncClient, auth_keys: KeyPair, customers: dict[str, str]
) -> None:
    for name, c in customers.items():
        body = await get(client, auth_keys, "credit-exposure", as_of=AS_OF.isoformat(),
                         customer_id=c)  # fmt: skip
        assert body["rows"] == [{"customer_id": c, "currency": "EUR",
                                 **exposure_oracle(BOOKS[name])}], name  # fmt: skip
    # By hand for a: owed 700 + 500, reserved 250 (one expired, one ended): 1450 / 2000.
    assert exposure_oracle(BOOKS["a"])["utilisation_percent"] == "72.50"
    graded = await get(client, auth_keys, "credit-exposure", as_of=AS_OF.isoformat(),
                       customer_id=customers["a"], group_by="grade")  # fmt: skip
    assert graded["rows"] == [{"grade": "C", "currency": "EUR", **exposure_oracle(BOOKS["a"])}]


async def test_top_risks_rank_by_overdue_then_weaker_grade(
    client: httpx.AsyncClient, auth_keys: KeyPair, customers: dict[str, str]
) -> None:
    body = await get(client, auth_keys, "top-risks", as_of=AS_OF.isoformat(), limit="100")
    mine = {c: n for n, c in customers.items()}
    got = [(mine[r["customer_id"]], r["overdue"], r["grade"], r["on_hold"])
           for r in body["rows"] if r["customer_id"] in mine]  # fmt: skip
    grades = "EDCBA"
    overdue = [(n, cents(b.overdue()), b.grade, b.on_hold()) for n, b in BOOKS.items()
               if b.overdue() > 0]  # fmt: skip
    expected = sorted(overdue, key=lambda e: (-D(e[1]), grades.index(e[2])))
    assert got == expected
    # b and a both owe 700.00 overdue: the weaker grade E comes first; c owes nothing overdue.
    assert [n for n, *_ in got] == ["b", "a"]


async def test_customer_value_over_the_last_twelve_months(
    client: httpx.AsyncClient, auth_keys: KeyPair, customers: dict[str, str]
) -> None:
    body = await get(client, auth_keys, "customer-value", as_of=AS_OF.isoformat())
    assert body["window"] == {"from": "2026-01-01", "to": "2026-12-31"}
    mine = {c: n for n, c in customers.items()}
    rows = [r for r in body["rows"] if r["customer_id"] in mine]
    expected = []
    for name, book in BOOKS.items():
        days = book.days_to_pay()
        expected.append({
            "customer_id": customers[name], "currency": "EUR",
            "sales_12_months": cents(sum((t for t, on, _ in book.invoices
                                         if on > date(2025, 12, 31)), D(0))),
            "invoices_paid": len(days),
            "average_days_to_pay": cents(D(sum(days)) / len(days)) if days else None,
            "grade": book.grade,
        })  # fmt: skip
    expected.sort(key=lambda r: (-D(r["sales_12_months"]), r["customer_id"]))
    assert rows == expected
    # c: 34 and 40 days to pay.
    assert rows[0]["average_days_to_pay"] == "37.00"


async def test_bad_parameters_are_refused_naming_them(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    for path, params, name in [
        ("credit-exposure", {"group_by": "planet"}, "group_by"),
        ("credit-exposure", {"as_of": "1899-12-31"}, "as_of"),
        ("top-risks", {"limit": "0"}, "limit"),
        ("customer-value", {"limit": "501"}, "limit"),
    ]:
        response = await client.get(f"/v1/reports/{path}", params=params,
                                    headers=auth_keys.auth("auditor"))  # fmt: skip
        assert_problem(response, 422, "validation-error", fields=[name])
