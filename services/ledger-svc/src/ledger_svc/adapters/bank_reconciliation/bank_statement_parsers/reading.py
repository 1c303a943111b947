"""What every statement reader needs: amounts to the cent and dates, or a precise complaint."""

import re
from datetime import date
from decimal import Decimal

from ledger_svc.domain.bank_reconciliation.bank_statement import (
    MalformedBankStatement,
    StatementFormat,
)
from ledgerflow_events import money

_DECIMAL = re.compile(r"^\d{1,15}(\.\d{1,6})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T.+)?$")


def currency(statement_format: StatementFormat, where: str, code: str | None) -> str:
    """An ISO 4217 code whose amounts have a minor unit ("EUR", "JPY")."""
    code = (code or "").strip()
    try:
        if re.fullmatch(r"[A-Z]{3}", code):
            money.currency_scale(code)
            return code
    except money.UnknownCurrency:
        pass
    raise MalformedBankStatement(
        statement_format, where, f"{code!r} is not an ISO 4217 currency code"
    )


def amount(
    statement_format: StatementFormat, where: str, text: str | None, currency_code: str | None
) -> int:
    """Minor units of an unsigned decimal ("1190.00"), at most the currency's scale."""
    code = currency(statement_format, where, currency_code)
    text = (text or "").strip()
    if not _DECIMAL.match(text):
        raise MalformedBankStatement(statement_format, where, f"{text!r} is not an amount")
    try:
        return money.to_minor(Decimal(text), code)
    except money.InvalidAmount:
        scale = money.currency_scale(code)
        problem = f"{text} has more than {scale} decimals for {code}"
        raise MalformedBankStatement(statement_format, where, problem) from None


def iso_date(statement_format: StatementFormat, where: str, text: str | None) -> date:
    """A date from "2026-03-02" or the date part of "2026-03-02T10:15:00+01:00"."""
    text = (text or "").strip()
    try:
        if _DATE.match(text):
            return date.fromisoformat(text[:10])
    except ValueError:
        pass
    raise MalformedBankStatement(statement_format, where, f"{text!r} is not a date (YYYY-MM-DD)")


def clean(text: str | None) -> str | None:
    """Text with its runs of whitespace made single spaces; None if nothing is left."""
    joined = " ".join((text or "").split())
    return joined or None
