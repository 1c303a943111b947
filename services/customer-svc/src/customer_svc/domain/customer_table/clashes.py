"""What a table may not repeat of the customers and contracts already on file."""

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field

from customer_svc.domain.customer_table.plan import ImportPlan
from customer_svc.domain.customer_table.table import CellError
from customer_svc.domain.customers.names import NameHolder, legal_name_key, same_company
from customer_svc.domain.customers.tax_ids import TaxId

ONLY_NEW = "an import adds new customers only"


@dataclass(frozen=True)
class OnFile:
    """Who already holds the table's codes, names, tax ids and contract numbers."""

    customer_ids_by_code: Mapping[str, str]
    codes_by_name_key: Mapping[str, str]
    customer_ids_by_tax_id: Mapping[TaxId, str]
    contract_ids_by_number: Mapping[str, str]
    # Customers on file by legal name key, and the blind index of each table tax id.
    holders_by_legal_name: Mapping[str, Sequence[NameHolder]] = field(default_factory=dict)
    tax_id_indexes: Mapping[TaxId, str] = field(default_factory=dict)


def clashes(plan: ImportPlan, on_file: OnFile) -> list[CellError]:
    """Every cell naming a customer or contract we already have: none is filed twice."""
    errors = []
    for planned in plan.customers:
        customer = planned.customer
        if holder := on_file.customer_ids_by_code.get(customer.code):
            message = f"Code {customer.code} is customer {holder} already; {ONLY_NEW}."
            errors.append(plan.error(planned.line, "customer_code", message))
        elif not customer.code and (code := on_file.codes_by_name_key.get(planned.name_key)):
            message = f"{customer.name!r} is on file as customer {code}; {ONLY_NEW}."
            errors.append(plan.error(planned.line, "customer", message))
        elif not planned.allow_duplicate_name and (
            holder := same_company(
                on_file.holders_by_legal_name.get(legal_name_key(customer.name), ()),
                on_file.tax_id_indexes.get(planned.tax_id) if planned.tax_id else None,
            )
        ):
            message = (
                f"Customer {holder} has the same legal name (duplicate-customer-name); if this "
                "is another company, say true in allow_duplicate_name."
            )
            errors.append(plan.error(planned.line, "customer", message))
        if planned.tax_id and (holder := on_file.customer_ids_by_tax_id.get(planned.tax_id)):
            message = f"Customer {holder} already has this tax id."
            errors.append(plan.error(planned.tax_id_line, "tax_id", message))
        for line, contract in ((c.line, c.contract) for c in planned.contracts):
            if holder := on_file.contract_ids_by_number.get(contract.number.upper()):
                message = f"Contract number {contract.number} is contract {holder} already."
                errors.append(plan.error(line, "contract_number", message))
    return errors


def new_contract_numbers(code: str, count: int, taken: Container[str]) -> list[str]:
    """Numbers for a new customer's contracts that came without one: CODE-01, CODE-02, ...

    `taken` holds numbers in upper case, as contract numbers are compared.
    """
    numbers: list[str] = []
    n = 0
    while len(numbers) < count:
        n += 1
        candidate = f"{code}-{n:02d}"
        if candidate.upper() not in taken:
            numbers.append(candidate)
    return numbers
