"""Bank statement files for API tests - camt.053 as a bank writes it - and the books a test
reconciles them with, built per test so its references, accounts and invoices are its own."""

import random
import string
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import httpx
from schwifty import IBAN

from ledgerflow_platform.testing import KeyPair

FIXTURES = Path(__file__).parents[2] / "fixtures"
Json = dict[str, Any]


def fixture(name: str, *, account: str | None = None) -> bytes:
    """A sample file, its account swapped for `account` so each test has lines of its own."""
    text = (FIXTURES / name).read_bytes()
    if account is None:
        return text
    return text.replace(b"DE89370400440532013000", account.encode())


def new_iban() -> str:
    return str(
        IBAN.generate(
            "DE", bank_code="37040044", account_code=str(random.randrange(10**9, 10**10))
        ).compact
    )


@dataclass(frozen=True)
class Entry:
    """One booked entry of a camt.053 statement."""

    amount: str
    booked: str = "2026-03-02"
    direction: str = "CRDT"
    end_to_end: str | None = None
    remittance: str | None = None
    payer_name: str | None = None
    payer_iban: str | None = None
    payer_account: str | None = None  # not an IBAN: written as Othr/Id

    def xml(self, n: int) -> str:
        party = "Dbtr" if self.direction == "CRDT" else "Cdtr"
        refs = f"<Refs><EndToEndId>{escape(self.end_to_end or 'NOTPROVIDED')}</EndToEndId></Refs>"
        name = (
            f"<{party}><Pty><Nm>{escape(self.payer_name)}</Nm></Pty></{party}>"
            if self.payer_name
            else ""
        )
        iban = (
            f"<{party}Acct><Id><IBAN>{self.payer_iban}</IBAN></Id></{party}Acct>"
            if self.payer_iban
            else ""
        )
        if self.payer_account:
            iban = f"<{party}Acct><Id><Othr><Id>{self.payer_account}</Id></Othr></Id></{party}Acct>"
        text = (
            f"<RmtInf><Ustrd>{escape(self.remittance)}</Ustrd></RmtInf>" if self.remittance else ""
        )
        return (
            f'<Ntry><Amt Ccy="EUR">{self.amount}</Amt><CdtDbtInd>{self.direction}</CdtDbtInd>'
            f"<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>{self.booked}</Dt></BookgDt>"
            f"<ValDt><Dt>{self.booked}</Dt></ValDt><AcctSvcrRef>BANK-{n:04d}</AcctSvcrRef>"
            f"<NtryDtls><TxDtls>{refs}<RltdPties>{name}{iban}</RltdPties>{text}</TxDtls></NtryDtls>"
            "</Ntry>"
        )


def camt053(
    entries: list[Entry],
    *,
    account: str,
    statement_id: str = "STMT-1",
    period: tuple[str, str] | None = None,
) -> bytes:
    moved = sum(Decimal(e.amount) * (1 if e.direction == "CRDT" else -1) for e in entries)
    closing_mark = "CRDT" if moved >= 0 else "DBIT"

    def balance(code: str, amount: Decimal, mark: str) -> str:
        return (
            f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
            f'<Amt Ccy="EUR">{amount:.2f}</Amt><CdtDbtInd>{mark}</CdtDbtInd>'
            "<Dt><Dt>2026-03-02</Dt></Dt></Bal>"
        )

    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>'
        "<GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-03-03T06:00:00+01:00</CreDtTm></GrpHdr>"
        f"<Stmt><Id>{statement_id}</Id>"
        + (
            f"<FrToDt><FrDtTm>{period[0]}T00:00:00+01:00</FrDtTm>"
            f"<ToDtTm>{period[1]}T23:59:59+01:00</ToDtTm></FrToDt>"
            if period
            else ""
        )
        + f"<Acct><Id><IBAN>{account}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
        + balance("OPBD", Decimal(0), "CRDT")
        + balance("CLBD", abs(moved), closing_mark)
        + "".join(e.xml(n) for n, e in enumerate(entries, 1))
        + "</Stmt></BkToCstmrStmt></Document>"
    ).encode()


class Books:
    """A test's own customers, invoices (in a series of its own) and payments."""

    def __init__(self, client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
        self.client = client
        self.accountant = auth_keys.auth("accountant")
        self.cashier = auth_keys.auth("cashier")
        self.series = "R" + "".join(random.choices(string.ascii_uppercase, k=8))
        self.tag = self.series.lower()

    async def invoice(self, customer_id: str, amount: str) -> Json:
        body = {
            "customer_id": customer_id,
            "issue_date": "2026-02-01",
            "series": self.series,
            "lines": [{"description": "Goods", "quantity": "1", "unit_price": amount}],
        }
        response = await self.client.post("/v1/invoices", json=body, headers=self.accountant)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def payment(self, customer_id: str, amount: str, on: str, reference: str) -> Json:
        body = {
            "customer_id": customer_id,
            "amount": amount,
            "currency": "EUR",
            "received_on": on,
            "reference": reference,
        }
        response = await self.client.post("/v1/payments", json=body, headers=self.cashier)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def statement(self, entries: list[Entry], period: tuple[str, str] | None = None) -> Json:
        content = camt053(entries, account=new_iban(), period=period)
        response = await self.client.post(
            "/v1/bank-statements", files={"file": ("s.xml", content)}, headers=self.cashier
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def reconcile(self, statement: Json, **body: Any) -> httpx.Response:
        return await self.client.post(
            f"/v1/bank-statements/{statement['id']}:reconcile", json=body, headers=self.cashier
        )
