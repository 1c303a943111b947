"""Who a statement is addressed to, as customer-svc's file has it for the reader: the legal
name, the billing address and the tax id (masked where the reader's role may not see it)."""

from dataclasses import dataclass

from ledgerflow_platform.errors import DomainError


@dataclass(frozen=True)
class StatementParty:
    legal_name: str
    address_lines: tuple[str, ...] = ()
    tax_id: str | None = None


class CustomerFileUnavailable(DomainError):
    """customer-svc would not give the customer's file to this reader (it answered `status`):
    the statement is not printed without its addressee."""

    def __init__(self, customer_id: str, status: int) -> None:
        super().__init__(
            f"customer-svc answered {status} for customer {customer_id}'s file; "
            "the statement cannot be addressed."
        )
        self.customer_id = customer_id
        self.status = status
