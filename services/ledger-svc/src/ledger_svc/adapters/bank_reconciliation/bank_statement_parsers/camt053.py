"""ISO 20022 camt.053 (BankToCustomerStatement), versions 001.02 to 001.13.

Only booked entries count (Sts BOOK, or no status). An entry that batches several transfers
(several TxDtls) becomes one line per transfer, whose amounts must add up to the entry's.
The payer of a credit is the debtor (Dbtr/Nm in .02, Dbtr/Pty/Nm from .08 on). External
entities are refused (defusedxml), so a file cannot make the parser read or expand anything.
"""

import re
from datetime import date
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

from ledger_svc.adapters.bank_reconciliation.bank_statement_parsers.reading import (
    amount,
    clean,
    iso_date,
)
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankStatementBalance,
    BankStatementEntry,
    Direction,
    MalformedBankStatement,
    ParsedBankStatement,
    StatementFormat,
    ensure_balances_add_up,
)
from ledgerflow_events import money

CAMT = StatementFormat.CAMT053
_DOCUMENT = re.compile(r"^\{(urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2})\}Document$")
_DIRECTIONS = {"CRDT": Direction.CREDIT, "DBIT": Direction.DEBIT}


class _Node:
    """An element and where it is in the document, for lookups that say what is missing."""

    def __init__(self, element: Element, where: str, namespace: str) -> None:
        self.element, self.where, self._ns = element, where, {"c": namespace}

    def _path(self, path: str) -> str:
        return "/".join(f"c:{step}" for step in path.split("/"))

    def find(self, path: str) -> "_Node | None":
        found = self.element.find(self._path(path), self._ns)
        return None if found is None else _Node(found, self.at(path), self._ns["c"])

    def all(self, path: str) -> list["_Node"]:
        found = self.element.findall(self._path(path), self._ns)
        return [_Node(e, f"{self.at(path)}[{n}]", self._ns["c"]) for n, e in enumerate(found, 1)]

    def text(self, path: str) -> str | None:
        found = self.find(path)
        return clean(found.element.text) if found is not None else None

    def require(self, path: str) -> "_Node":
        if (found := self.find(path)) is None:
            raise MalformedBankStatement(CAMT, self.at(path), "is missing")
        return found

    def at(self, path: str) -> str:
        return f"{self.where}/{path}"


def _document(content: bytes) -> _Node:
    try:
        root = fromstring(content)
    except ParseError as exc:
        line, column = exc.position
        raise MalformedBankStatement(
            CAMT, f"line {line}, column {column}", "not well-formed XML"
        ) from None
    except DefusedXmlException:
        raise MalformedBankStatement(CAMT, "DOCTYPE", "entity declarations are refused") from None
    if (known := _DOCUMENT.match(root.tag)) is None:
        raise MalformedBankStatement(CAMT, "Document", f"{root.tag} is not a camt.053 document")
    return _Node(root, "Document", known.group(1))


def _money(node: _Node) -> tuple[int, str]:
    currency = node.element.get("Ccy")
    return amount(CAMT, node.where, node.element.text, currency), str(currency)


def _direction(node: _Node) -> Direction:
    mark = node.text("CdtDbtInd")
    if mark not in _DIRECTIONS:
        raise MalformedBankStatement(
            CAMT, node.at("CdtDbtInd"), f"{mark!r} is neither CRDT nor DBIT"
        )
    return _DIRECTIONS[mark]


def _balance(stmt: _Node, codes: tuple[str, ...]) -> BankStatementBalance | None:
    for bal in stmt.all("Bal"):
        if bal.text("Tp/CdOrPrtry/Cd") in codes:
            minor, currency = _money(bal.require("Amt"))
            day = iso_date(CAMT, bal.at("Dt"), bal.text("Dt/Dt") or bal.text("Dt/DtTm"))
            signed = minor if _direction(bal) is Direction.CREDIT else -minor
            return BankStatementBalance(signed, currency, day)
    return None


def _transfer_amounts(entry: _Node, transfers: list[_Node], total: int, currency: str) -> list[int]:
    if len(transfers) == 1:
        return [total]
    amounts = []
    for tx in transfers:
        found = tx.find("Amt") or tx.find("AmtDtls/TxAmt/Amt")
        if found is None:
            raise MalformedBankStatement(
                CAMT, tx.at("Amt"), "is missing in a batch of transactions"
            )
        minor, tx_currency = _money(found)
        if tx_currency != currency:
            raise MalformedBankStatement(
                CAMT, found.where, f"in {tx_currency}, the entry in {currency}"
            )
        amounts.append(minor)
    if sum(amounts) != total:

        def show(minor: int) -> str:
            return f"{money.format_minor(minor, currency)} {currency}"

        problem = f"its {len(amounts)} transactions add up to {show(sum(amounts))}"
        raise MalformedBankStatement(
            CAMT, entry.at("NtryDtls"), f"{problem}, the entry to {show(total)}"
        )
    return amounts


def _entries(entry: _Node) -> list[BankStatementEntry]:
    total, currency = _money(entry.require("Amt"))
    direction = _direction(entry)
    booked = entry.text("BookgDt/Dt") or entry.text("BookgDt/DtTm")
    if booked is None:
        raise MalformedBankStatement(CAMT, entry.at("BookgDt"), "is missing")
    booking_date = iso_date(CAMT, entry.at("BookgDt"), booked)
    valued = entry.text("ValDt/Dt") or entry.text("ValDt/DtTm")
    value_date = iso_date(CAMT, entry.at("ValDt"), valued) if valued else None
    bank_reference = entry.text("AcctSvcrRef")
    transfers = entry.all("NtryDtls/TxDtls")
    if not transfers:
        remittance = entry.text("AddtlNtryInf")
        return [
            BankStatementEntry(
                booking_date,
                value_date,
                direction,
                total,
                currency,
                None,
                remittance,
                bank_reference,
            )
        ]
    party = "Dbtr" if direction is Direction.CREDIT else "Cdtr"
    found = []
    for tx, minor in zip(
        transfers, _transfer_amounts(entry, transfers, total, currency), strict=True
    ):
        end_to_end = tx.text("Refs/EndToEndId")
        creditor_refs = [n.element.text or "" for n in tx.all("RmtInf/Strd/CdtrRefInf/Ref")]
        free_text = [n.element.text or "" for n in tx.all("RmtInf/Ustrd")]
        found.append(
            BankStatementEntry(
                booking_date,
                value_date,
                direction,
                minor,
                currency,
                reference=end_to_end
                if end_to_end != "NOTPROVIDED"
                else clean(" ".join(creditor_refs)),
                remittance=clean(" ".join(free_text + creditor_refs)),
                bank_reference=tx.text("Refs/AcctSvcrRef") or bank_reference,
                counterparty_name=tx.text(f"RltdPties/{party}/Pty/Nm")
                or tx.text(f"RltdPties/{party}/Nm"),
                # Accounts outside the IBAN world (Chinese banks among them) come as Othr/Id.
                counterparty_iban=tx.text(f"RltdPties/{party}Acct/Id/IBAN")
                or tx.text(f"RltdPties/{party}Acct/Id/Othr/Id"),
            )
        )
    return found


def _statement(stmt: _Node) -> ParsedBankStatement:
    entries = [
        line
        for entry in stmt.all("Ntry")
        if (entry.text("Sts/Cd") or entry.text("Sts") or "BOOK") == "BOOK"
        for line in _entries(entry)
    ]
    opening, closing = _balance(stmt, ("OPBD", "PRCD")), _balance(stmt, ("CLBD",))
    ensure_balances_add_up(CAMT, stmt.at("Bal"), opening, entries, closing)
    return ParsedBankStatement(
        CAMT,
        stmt.text("Acct/Id/IBAN") or stmt.text("Acct/Id/Othr/Id"),
        stmt.text("Acct/Ccy"),
        stmt.text("Id"),
        opening,
        closing,
        tuple(entries),
        _period_day(stmt, "FrToDt/FrDtTm"),
        _period_day(stmt, "FrToDt/ToDtTm"),
    )


def _period_day(stmt: _Node, path: str) -> date | None:
    """The day of the statement period's start or end as the bank declares it (FrToDt)."""
    stamp = stmt.text(path)
    return None if stamp is None else iso_date(CAMT, stmt.at(path), stamp)


def parse(content: bytes) -> ParsedBankStatement:
    document = _document(content)
    statements = [_statement(stmt) for stmt in document.all("BkToCstmrStmt/Stmt")]
    if not statements:
        raise MalformedBankStatement(CAMT, document.at("BkToCstmrStmt/Stmt"), "is missing")
    first, last = statements[0], statements[-1]
    for n, other in enumerate(statements[1:], 2):
        if other.account != first.account:
            where = document.at(f"BkToCstmrStmt/Stmt[{n}]/Acct")
            raise MalformedBankStatement(CAMT, where, "a file holds the statements of one account")
    return ParsedBankStatement(
        CAMT,
        first.account,
        first.currency,
        first.bank_statement_id,
        first.opening,
        last.closing,
        tuple(e for s in statements for e in s.entries),
        first.declared_from,
        last.declared_to,
    )
