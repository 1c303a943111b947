"""A customer's contract as the ledger knows it: which customer, which number people quote."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CustomerContract:
    contract_id: str
    customer_id: str
    number: str
    currency: str
