"""`make up` / `make down` as a developer lives with them: idempotent, and nothing is lost."""

import asyncio
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.demo import CUSTOMERS, INVOICES
from ledgerflow_devstack.stack import Stack

pytestmark = pytest.mark.e2e


@pytest.fixture
def own_platform() -> Iterator[Stack]:
    home = Path(tempfile.mkdtemp(prefix="lf-life-"))
    stack = Stack(StackConfig.isolated(home))
    try:
        yield stack
    finally:
        stack.down()
        shutil.rmtree(home, ignore_errors=True)


async def customer_names(stack: Stack) -> list[str]:
    headers = {"Authorization": f"Bearer {stack.token('auditor')}"}
    async with httpx.AsyncClient() as client:
        page = await client.get(stack.url("customer") + "/v1/customers", headers=headers)
    return sorted(c["name"] for c in page.json()["items"])


async def credit_demo(stack: Stack, customers: list[str]) -> list[tuple[str | None, str, bool]]:
    """(grade, reserved, held by hand) of each demo customer, in registration order."""
    headers = {"Authorization": f"Bearer {stack.token('auditor')}"}
    found = []
    async with httpx.AsyncClient(base_url=stack.url("credit"), headers=headers) as client:
        for customer in customers:
            p = (await client.get(f"/v1/customers/{customer}/credit")).json()
            manual = any(h["placed_by"] != "credit-control" for h in p["holds"])
            found.append((p["grade"], p["reserved"], manual))
    return found


async def collections_demo(stack: Stack, ids: dict[str, str]) -> list[str]:
    """The status of the demo's notice, dispute and promise."""
    headers = {"Authorization": f"Bearer {stack.token('auditor')}"}
    found = []
    async with httpx.AsyncClient(base_url=stack.url("collections"), headers=headers) as client:
        for path in ("notices", "disputes", "promises"):
            kind = path.removesuffix("s")
            found.append((await client.get(f"/v1/{path}/{ids[kind]}")).json()["status"])
    return found


def mailed_statement(mail_dir: Path) -> tuple[str, str]:
    """(To, the attached statement's text) of the one e-mail in the sink."""
    [eml] = sorted(mail_dir.glob("*.eml"))
    mail: Any = message_from_bytes(eml.read_bytes(), policy=policy.default)
    [pdf] = [p for p in mail.iter_attachments() if p.get_content_type() == "application/pdf"]
    pages = PdfReader(io.BytesIO(pdf.get_content())).pages
    return mail["To"], " ".join(" ".join(p.extract_text().split()) for p in pages)


def acme_owes() -> str:
    """What the demo invoices Acme (net, no tax), as a statement prints it."""
    total = sum(
        Decimal(quantity) * Decimal(price)
        for who, _, lines in INVOICES
        if who == 0
        for _, quantity, price in lines
    )
    return f"{total:,.2f}"


# Two starts, a stop and the demo data for five services on a platform of its own, beside the
# other lanes of `make test`: more than the default five minutes on two busy cores.
@pytest.mark.timeout(900)
async def test_up_twice_changes_nothing_and_data_survives_down_and_up(own_platform: Stack) -> None:
    assert await asyncio.to_thread(own_platform.up, demo=True, timeout=120.0) is True
    demo = await customer_names(own_platform)
    assert demo == ["Acme Trading GmbH", "Blue River Foods Inc.", "Nordlicht Retail AG"]
    customers = json.loads(own_platform.config.demo_marker.read_text())["customers"]
    # Acme graded C by its statement and bureau report, Blue River's order reserved,
    # Nordlicht held by hand.
    assert await credit_demo(own_platform, customers) == [
        ("C", "0.00", False),
        (None, "400.00", False),
        (None, "0.00", True),
    ]
    # Acme is dunned by e-mail, its statement from the ledger attached; Blue River promised.
    collections = json.loads(own_platform.config.demo_marker.read_text())["collections"]
    assert await collections_demo(own_platform, collections) == ["sent", "open", "open"]
    to, statement = mailed_statement(own_platform.config.mail_dir)
    assert to == "petra.schmidt@acme-trading.example"
    assert CUSTOMERS[0][0] in statement, statement
    assert f"Balance {acme_owes()}" in statement, statement
    pids = {s.name: s.pid for s in own_platform.status()}

    assert await asyncio.to_thread(own_platform.up, demo=True) is False
    assert {s.name: s.pid for s in own_platform.status()} == pids

    stopped = await asyncio.to_thread(own_platform.down)
    assert set(stopped) == set(pids)
    assert not any(own_platform.running().values())

    assert await asyncio.to_thread(own_platform.up, demo=True, timeout=120.0) is True
    assert await customer_names(own_platform) == demo
