"""The finance customer table as exported: one row per contract line, without paid and unpaid."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from customer_svc.domain.contracts.contract import Contract
from customer_svc.domain.customers.customer import Customer
from ledgerflow_events.money import format_minor

# Numbers and dates stay typed so a workbook can hold them as numbers and dates.
CellValue = str | int | Decimal | date | None


@dataclass(frozen=True)
class ContactCells:
    """A contact as the reader may see it: in clear or masked."""

    name: str
    phone: str | None
    email: str | None
    primary: bool


def _contract_cells(customer: Customer, contract: Contract | None) -> dict[str, CellValue]:
    if contract is None:
        return {}
    terms = contract.terms
    return {
        "project": terms.project,
        "contract_number": contract.number,
        "contract_date": terms.signed_on,
        "contract_total": Decimal(format_minor(terms.total_minor, terms.currency)),
        # Left empty where the contract follows the customer, as an import reads them.
        "contract_currency": None if terms.currency == customer.currency else terms.currency,
        "contract_payment_terms_days": (
            None
            if terms.payment_terms_days == customer.payment_terms_days
            else terms.payment_terms_days
        ),
        "payment_cycle": terms.payment_cycle,
        "notes": terms.notes,
    }


def _contact_cells(contact: ContactCells | None) -> dict[str, CellValue]:
    if contact is None:
        return {}
    return {"contact": contact.name, "phone": contact.phone, "email": contact.email}


def customer_lines(
    customer: Customer,
    tax_id: str | None,
    contacts: Sequence[ContactCells],
    contracts: Sequence[Contract],
) -> list[dict[str, CellValue]]:
    """The customer's rows: contract lines, each with a contact, and rows for further contacts.

    Contacts pair with contracts in order, the primary contact first; contract lines beyond the
    contacts repeat the primary contact, as finance tables do (an import takes it once).
    """
    ordered = sorted(contacts, key=lambda c: not c.primary)
    customer_cells: dict[str, CellValue] = {
        "customer": customer.name,
        "customer_code": customer.code,
        "country": customer.country,
        "tax_id": tax_id,
        "currency": customer.currency,
        "payment_terms_days": customer.payment_terms_days,
    }
    lines = []
    for n in range(max(1, len(ordered), len(contracts))):
        contact = ordered[n] if n < len(ordered) else (ordered[0] if ordered else None)
        contract = contracts[n] if n < len(contracts) else None
        lines.append(
            {
                **customer_cells,
                **_contact_cells(contact),
                **_contract_cells(customer, contract),
            }
        )
    return lines
