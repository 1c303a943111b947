# ruff: noqa: RUF001  (full-width punctuation is correct in the Chinese texts)
"""A level with `escalation: legal` moves the case to legal, and the case's legal bundle is one
PDF: a cover page, every notice sent for its invoices as its letter prints, and the ledger's
statement of account."""

import io
from datetime import date
from typing import Any

import httpx
from pypdf import PdfReader

from collections_svc.adapters.recipients import Recipients
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .ledger import Collections, Ledger
from .sending import Sender

D = date
NAME = "北京远景科技有限公司"
LEGAL_TRACK = {
    "name": "legal-track",
    "levels": [
        {"level": 1, "days_from_due": 1, "channel": "email", "template": "notice"},
        {
            "level": 2,
            "days_from_due": 10,
            "channel": "letter",
            "template": "escalation",
            "escalation": "legal",
        },
    ],
    "min_days_between_notices": 5,
}


def pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


async def on_legal_track(client: httpx.AsyncClient, api: Collections, customer: str) -> None:
    drafted = await client.post("/v1/dunning-policies", json=LEGAL_TRACK, headers=api.headers)
    policy = drafted.json()["id"]
    await client.post(f"/v1/dunning-policies/{policy}:activate", headers=api.headers)
    assigned = await client.put(
        f"/v1/customers/{customer}/dunning-policy", json={"policy_id": policy}, headers=api.headers
    )
    assert assigned.status_code == 200, assigned.text


async def test_a_legal_level_moves_the_case_to_legal_with_its_bundle_of_papers(
    wired_client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    client = wired_client
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    sender.directory.found[ledger.customer] = Recipients(("li@example.cn",), "zh-CN", NAME)
    invoice = await ledger.issue("INV-5", "1234.50", due=D(2026, 11, 1))
    await ledger.overdue(invoice, "1234.50", as_of=D(2026, 11, 2))
    await on_legal_track(client, api, ledger.customer)
    await api.ran(D(2026, 11, 5))
    await sender.send()
    [case] = (await client.get("/v1/cases", headers=api.headers)).json()["items"]
    bundle_url = f"/v1/cases/{case['id']}/legal-bundle.pdf"
    before_legal = await client.get(bundle_url, headers=api.headers)

    await api.ran(D(2026, 11, 12))
    after: dict[str, Any] = (
        await client.get(f"/v1/cases/{case['id']}", headers=api.headers)
    ).json()
    bundle = await client.get(bundle_url, headers=api.headers)
    others = await client.get(bundle_url, headers=auth_keys.auth("collector", subject="colin"))
    unknown = await client.get("/v1/cases/no-such-case/legal-bundle.pdf", headers=api.headers)

    assert_problem(before_legal, 404, "case-not-in-legal")
    assert (case["status"], after["status"]) == ("open", "legal")
    assert (bundle.status_code, bundle.headers["content-type"]) == (200, "application/pdf")
    cover, emailed, letter, statement = pages(bundle.content)
    assert cover == (
        f"Ledgerflow Page 1 法律催收材料 客户 {NAME} 客户编号 {ledger.customer} "
        f"催收案件 {case['id']} 逾期金额 1,234.50 EUR 未付总额 1,234.50 EUR "
        "转交法务日期 2026-11-12 编制日期 2026-12-31 附件：已发送的催收通知 2 份，以及对账单。"
    )
    assert emailed.endswith("INV-5 1 4 1234.50 EUR 合计 1234.50 EUR 付款时请注明发票号。")
    assert letter.endswith("INV-5 2 11 1234.50 EUR 合计 1234.50 EUR 付款时请注明发票号。")
    assert statement == (
        f"Ledgerflow Page 1 Statement of account Customer {ledger.customer} "
        "from 2026-01-01 to 2026-12-31"
    )
    # A collector sees only the cases assigned to them: this one is not theirs to see.
    assert_problem(others, 404, "case-not-found")
    assert_problem(unknown, 404, "case-not-found")
