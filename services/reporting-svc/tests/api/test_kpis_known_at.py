"""DSO and CEI as known at a time: a backdated credit note, void and payment entered later
change the past figures only when asked. Worked by hand from the definitions at 31 March 2026
over months 1..3 (90 days): invoice A 1,000.00 (due 9 February) recorded at 08:00, invoice D
400.00 (due 30 April) at 09:00, a credit note of 100.00 on account dated 20 March entered at
12:00, D voided on 25 March entered at 14:00, 300.00 paid on A dated 20 March entered at 16:00."""

from datetime import date
from typing import Any

import httpx
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import CreditNoteIssued, InvoiceVoided
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .test_aging_options import deliver_at
from .test_aging_report import issued, paid


@pytest.fixture
async def customer(delivery: EventDelivery) -> str:
    c = str(uuid7())
    await deliver_at(delivery, issued(c, f"{c}/A", "1000.00", on=date(2026, 1, 10),
                                      due=date(2026, 2, 9)), 8)  # fmt: skip
    await deliver_at(delivery, issued(c, f"{c}/D", "400.00", on=date(2026, 3, 10),
                                      due=date(2026, 4, 30)), 9)  # fmt: skip
    note = CreditNoteIssued(customer_id=c, credit_note_id=f"{c}/n", number="CN-1",
                            currency="EUR", amount="100.00", tax="0.00",
                            issue_date=date(2026, 3, 20))  # fmt: skip
    await deliver_at(delivery, note, 12)
    void = InvoiceVoided(customer_id=c, invoice_id=f"{c}/D", number="INV-D", currency="EUR",
                         total="400.00", voided_on=date(2026, 3, 25))  # fmt: skip
    await deliver_at(delivery, void, 14)
    await deliver_at(delivery, paid(c, f"{c}/p", date(2026, 3, 20), {f"{c}/A": "300.00"}), 16)
    return c


async def get(client: httpx.AsyncClient, keys: KeyPair, path: str, **params: str) -> dict[str, Any]:
    response = await client.get(
        f"/v1/reports/{path}", params=params, headers=keys.auth("accountant")
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def at(hour: int) -> str:
    return f"2026-12-01T{hour:02d}:00:00Z"


async def test_dso_as_known_at_each_moment(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    expected = {
        # A + D owed, both sold: 1400 / 1400 x 90.
        at(10): ("1400.00", "400.00", "1400.00", "90.00"),
        # The credit note lowers sales, not receivables (on account): 1400 / 1300 x 90.
        at(13): ("1400.00", "400.00", "1300.00", "96.92"),
        # D voided: 1000 owed; sales 1000 - 100: 1000 / 900 x 90.
        at(15): ("1000.00", "0.00", "900.00", "100.00"),
        # The backdated payment: 700 / 900 x 90.
        at(17): ("700.00", "0.00", "900.00", "70.00"),
    }
    for known_at, (owed, current, sales, days) in expected.items():
        body = await get(client, auth_keys, "dso", customer_id=customer, as_of="2026-03-31",
                         known_at=known_at)  # fmt: skip
        row = body["rows"][0]
        got = (row["receivables"], row["current_receivables"], row["credit_sales"], row["dso_days"])
        assert got == (owed, current, sales, days), known_at
        assert body["known_at"] == known_at.replace("Z", "+00:00")
    latest = await get(client, auth_keys, "dso", customer_id=customer, as_of="2026-03-31")
    assert latest["rows"][0]["dso_days"] == "70.00"
    assert latest["known_at"] is None


async def test_cei_and_add_as_known_at_a_time(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    march = {"customer_id": customer, "from": "2026-03-01", "to": "2026-03-31"}
    early = await get(client, auth_keys, "cei", known_at=at(10), **march)
    # (1000 + 400 - 1400) / (1000 + 400 - 400) x 100
    assert early["rows"][0]["cei_percent"] == "0.00"
    later = await get(client, auth_keys, "cei", known_at=at(15), **march)
    # D voided within March is no sale: (1000 - 100 - 1000) / (1000 - 100 - 0) x 100
    assert later["rows"][0]["cei_percent"] == "-11.11"
    add = await get(client, auth_keys, "add", customer_id=customer, as_of="2026-03-31",
                    known_at=at(13))  # fmt: skip
    # 1400 / 1300 x 90 - 400 / 1300 x 90 = 69.230...
    assert add["rows"][0]["add_days"] == "69.23"
    trend = await get(client, auth_keys, "kpi-trend", customer_id=customer, kpi="dso",
                      **{"from": "2026-03-31", "to": "2026-03-31"}, known_at=at(10))  # fmt: skip
    assert trend["points"] == [{"as_of": "2026-03-31", "rows": [
        {"currency": "EUR", "dso_days": "90.00"}]}]  # fmt: skip
