"""The HTTP contract of opening balances: the file goes in as a form's `file` (or the body
itself), the cut-over date as a query parameter; what was posted comes back."""

import json
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ledger_svc.api.fields import CurrencyCode, CustomerId
from ledger_svc.domain.account import CustomerAccount, CustomerFile
from ledger_svc.domain.contracts import CustomerContract
from ledger_svc.domain.opening_balances.announced import AnnouncedCustomer, AnnouncedCustomers
from ledgerflow_platform.web.bounds import BusinessTime
from ledgerflow_platform.web.text_guard import MESSAGE, first_unstorable
from ledgerflow_platform.web.uploads import FileContent

# As many customers as the largest table customer-svc files in one import.
MAX_ANNOUNCED = 20_000
Code = Annotated[str, Field(min_length=1, max_length=64)]


def _json_text(value: Any) -> Any:
    """A form field carries text: read it as JSON here, so that text which is not JSON is a
    422 naming the field (pydantic's Json would be taken for a malformed body)."""
    if not isinstance(value, str):
        return value
    try:
        found = json.loads(value)
    except ValueError:
        raise ValueError("not JSON: give the customers as a JSON list") from None
    # A form is not read by the guard that keeps such text out of JSON bodies.
    if (where := first_unstorable(found)) is not None:
        raise ValueError(f"{where}: {MESSAGE}")
    return found


class AnnouncedContractIn(BaseModel):
    """A signed contract of an announced customer, as customer-svc files it."""

    model_config = ConfigDict(extra="forbid")

    id: Code
    number: Code
    currency: CurrencyCode


class AnnouncedCustomerIn(BaseModel):
    """A customer customer-svc is filing with these balances, as its file will say."""

    model_config = ConfigDict(extra="forbid")

    id: CustomerId
    code: Code
    currency: CurrencyCode
    payment_terms_days: int = Field(ge=0, le=3650)
    registered_at: BusinessTime
    contracts: list[AnnouncedContractIn] = Field(default_factory=list, max_length=1000)

    def announced(self) -> AnnouncedCustomer:
        account = CustomerAccount(self.id, self.currency, self.payment_terms_days, code=self.code)
        contracts = (CustomerContract(c.id, self.id, c.number, c.currency) for c in self.contracts)
        return AnnouncedCustomer(CustomerFile(account, self.registered_at), tuple(contracts))


class OpeningBalancesUpload(BaseModel):
    # The form of POST /v1/opening-balances, which the route reads itself (a cap on what it
    # reads). No docstring: it would become the published schema's description.
    model_config = ConfigDict(title="Body_import_opening_balances_v1_opening_balances_post")

    file: FileContent = Field(
        description="CSV (UTF-8 or GB18030) or XLSX: customer_code, contract_number, currency, "
        "invoiced, paid, due_date"
    )
    # The bound is on the list itself: a field sent as JSON null is no list to measure.
    customers: Annotated[
        Annotated[list[AnnouncedCustomerIn], Field(max_length=MAX_ANNOUNCED)] | None,
        BeforeValidator(_json_text),
    ] = Field(
        default=None,
        description="customer-svc only (role service): the customers of a finance table it is "
        "filing with these balances, as a JSON list; it files them once the balances are taken",
    )

    def announced(self) -> AnnouncedCustomers | None:
        if self.customers is None:
            return None
        return AnnouncedCustomers([c.announced() for c in self.customers])


class OpeningBalancesOut(BaseModel):
    """What the cut-over posted: one opening invoice per row with something invoiced, one
    payment per row with something paid."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"rows": 2, "invoices_created": 2, "payments_created": 1}]}
    )

    rows: int
    invoices_created: int
    payments_created: int
