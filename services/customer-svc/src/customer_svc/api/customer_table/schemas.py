"""The HTTP contract of the finance customer table's import and export."""

from pydantic import BaseModel, ConfigDict, Field

from customer_svc.adapters.customer_table.spreadsheets import XLSX_MEDIA_TYPE

UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "The table: .csv (UTF-8 or GB18030) or .xlsx, 50 MB at most",
                    }
                },
            }
        }
    },
}
EXPORT_CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
}


class OpeningBalancesOut(BaseModel):
    """The ledger's answer to the balances handed over: what it posted."""

    rows: int
    invoices_created: int
    payments_created: int


class ImportedTableOut(BaseModel):
    """What an accepted table filed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"customers_created": 4, "contacts_created": 4, "contracts_created": 5}]
        }
    )

    customers_created: int
    contacts_created: int
    contracts_created: int
    opening_balances: OpeningBalancesOut | None = Field(
        default=None,
        description="With ?with_balances=true: what the ledger posted for the paid and unpaid "
        "amounts at the cut-over",
    )


class TableError(BaseModel):
    """One wrong cell: its row as the sheet numbers it (header = 1) and its column's header."""

    row: int
    column: str
    message: str


class TableErrorReport(BaseModel):
    """Why a table was refused, cell by cell; nothing of it was imported."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "https://ledgerflow.dev/problems/customer-table-rejected",
                    "title": "Rows of the table are wrong; nothing was imported",
                    "status": 422,
                    "detail": "The table has 2 errors; nothing was imported.",
                    "instance": "/v1/customer-imports",
                    "errors": [
                        {"row": 3, "column": "phone", "message": "'12' is not a phone number."},
                        {
                            "row": 5,
                            "column": "notes",
                            "message": '\'=HYPERLINK("http://x","click")\' would run as a '
                            "formula in a spreadsheet; start it with an apostrophe if it is text.",
                        },
                    ],
                    "error_count": 2,
                }
            ]
        }
    )

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[TableError] = Field(description="The first 1000 errors, by row and column")
    error_count: int
