"""The HTTP contract of opening balances: the file goes in as a form's `file` (or the body
itself), the cut-over date as a query parameter; what was posted comes back."""

from pydantic import BaseModel, ConfigDict, Field

from ledgerflow_platform.web.uploads import FileContent


class OpeningBalancesUpload(BaseModel):
    # The form of POST /v1/opening-balances, which the route reads itself (a cap on what it
    # reads). No docstring: it would become the published schema's description.
    model_config = ConfigDict(title="Body_import_opening_balances_v1_opening_balances_post")

    file: FileContent = Field(
        description="CSV (UTF-8 or GB18030) or XLSX: customer_code, contract_number, currency, "
        "invoiced, paid, due_date"
    )


class OpeningBalancesOut(BaseModel):
    """What the cut-over posted: one opening invoice per row with something invoiced, one
    payment per row with something paid."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"rows": 2, "invoices_created": 2, "payments_created": 1}]}
    )

    rows: int
    invoices_created: int
    payments_created: int
