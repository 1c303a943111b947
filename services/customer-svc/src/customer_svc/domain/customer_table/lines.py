"""The contact and contract lines of a customer in the finance customer table."""

from dataclasses import dataclass
from datetime import datetime

from customer_svc.domain.contacts import ContactDetails, contact_details
from customer_svc.domain.contracts.contract import Contract, ContractStatus, new_contract
from customer_svc.domain.contracts.terms import InvalidContractTerms, contract_terms
from customer_svc.domain.customer_table.cells import (
    contract_date,
    contract_number,
    total,
    whole_days,
)
from customer_svc.domain.customer_table.rows import Report, TableRow
from customer_svc.domain.customers.customer import Customer
from ledgerflow_events.money import InvalidAmount, format_minor, to_minor

CONTACT_COLUMNS = ("contact", "phone", "email")
CONTACT_FIELDS = {"name": "contact", "phone": "phone", "email": "email"}
# Where a contract term's refusal shows in the table.
TERMS_FIELDS = {
    "project": "project",
    "total": "contract_total",
    "payment_cycle": "payment_cycle",
    "notes": "notes",
    "signed_on": "contract_date",
    "status": "contract_date",
}
CONTRACT_COLUMNS = (
    "project",
    "contract_number",
    "contract_date",
    "contract_total",
    "contract_currency",
    "contract_payment_terms_days",
    "payment_cycle",
    "notes",
)


def is_contract_line(row: TableRow) -> bool:
    return any(row[c] for c in CONTRACT_COLUMNS)


def contacts_of(group: list[TableRow], country: str | None, report: Report) -> list[ContactDetails]:
    """Distinct contacts in the order they first appear; the first is the primary contact."""
    found: dict[tuple[str, str | None, str | None], ContactDetails] = {}
    # Finance repeats the contact on each contract line: check each one once.
    passed: set[tuple[str, ...]] = set()
    for row in group:
        name, phone, email = cells = tuple(row[c] for c in CONTACT_COLUMNS)
        if not (name or phone or email) or cells in passed:
            continue
        if not name:
            report.add(row.line, "contact", "Give the name of the contact this phone or email is.")
            continue
        roles = () if found else ("primary",)
        details = report.check(
            row.line,
            "contact",
            contact_details,
            name,
            phone or None,
            email or None,
            roles,
            country,
            fields=CONTACT_FIELDS,
        )
        if details is not None:
            passed.add(cells)
            # The same person typed twice: case and spacing of a name or address aside.
            address = details.email.casefold() if details.email else None
            found.setdefault((details.name.casefold(), details.phone, address), details)
    return list(found.values())


def contract_of(
    row: TableRow, customer: Customer, report: Report, now: datetime, by: str
) -> Contract | None:
    line = row.line
    missing = [c for c in ("project", "contract_total") if not row[c]]
    for column in missing:
        report.add(line, column, f"A contract line needs its {column}.")
    signed_on = report.check(line, "contract_date", contract_date, row["contract_date"])
    number = report.check(line, "contract_number", contract_number, row["contract_number"])
    days = report.check(
        line,
        "contract_payment_terms_days",
        whole_days,
        row["contract_payment_terms_days"],
        customer.payment_terms_days,
    )
    if missing or days is None or number is None or (row["contract_date"] and not signed_on):
        return None
    fields = {
        **TERMS_FIELDS,
        "currency": "contract_currency" if row["contract_currency"] else "currency",
        "payment_terms_days": (
            "contract_payment_terms_days"
            if row["contract_payment_terms_days"]
            else "payment_terms_days"
        ),
    }
    terms = report.check(
        line,
        "contract_total",
        contract_terms,
        fields=fields,
        project=row["project"],
        signed_on=signed_on,
        currency=row["contract_currency"].upper() or customer.currency,
        total=total(row["contract_total"]),
        payment_terms_days=days,
        payment_cycle=row["payment_cycle"] or None,
        notes=row["notes"] or None,
    )
    if terms is None:
        return None
    return report.check(
        line,
        "contract_date",
        new_contract,
        fields=fields,
        contract_id="",
        customer_id="",
        number=number,
        terms=terms,
        status=ContractStatus.ACTIVE if signed_on else ContractStatus.DRAFT,
        at=now,
        by=by,
    )


@dataclass(frozen=True)
class ContractBalance:
    """What of a contract's total was paid and what is still open, in its currency."""

    paid: int
    unpaid: int


def _amount(raw: str, currency: str) -> int:
    try:
        minor = to_minor(total(raw), currency)
    except InvalidAmount as exc:
        raise InvalidContractTerms(str(exc), field="amount") from exc
    if minor < 0:
        raise InvalidContractTerms(f"{raw} is below zero.", field="amount")
    return minor


def contract_balance(row: TableRow, contract: Contract, report: Report) -> ContractBalance | None:
    """The line's paid and unpaid amounts, which must add up to the contract total; None for
    a line that gives neither (or a wrong one, reported by its cell)."""
    if not row["paid"] and not row["unpaid"]:
        return None
    currency, contract_total = contract.terms.currency, contract.terms.total_minor
    paid = report.check(row.line, "paid", _amount, row["paid"] or "0", currency)
    unpaid = report.check(row.line, "unpaid", _amount, row["unpaid"] or "0", currency)
    if paid is None or unpaid is None:
        return None
    if paid + unpaid != contract_total:
        report.add(
            row.line,
            "unpaid",
            f"paid {format_minor(paid, currency)} + unpaid {format_minor(unpaid, currency)} = "
            f"{format_minor(paid + unpaid, currency)}, not the contract total "
            f"{format_minor(contract_total, currency)}.",
        )
        return None
    return ContractBalance(paid, unpaid)
