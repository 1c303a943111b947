"""The HTTP contract of bulk invoice imports."""

from datetime import datetime

from pydantic import BaseModel, Field

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.invoicing.invoice_import import InvoiceImport

EXAMPLE_FILE = (
    "invoice_ref,customer_id,issue_date,due_date,description,quantity,unit_price,tax_rate\r\n"
    "A-1001,0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01,2026-03-01,2026-03-31,Consulting,12.5,80.00,19\r\n"
    "A-1001,0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01,2026-03-01,2026-03-31,Travel,1,145.30,\r\n"
)
REQUEST_BODY = {
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
                        "description": "UTF-8 CSV with a header row, at most 50 MiB",
                    }
                },
            }
        },
        "text/csv": {"schema": {"type": "string"}, "example": EXAMPLE_FILE},
    },
}


class InvoiceImportOut(BaseModel):
    """A file of invoices imported whole."""

    import_id: str
    file_sha256: str
    filename: str | None
    rows: int
    invoices_created: int
    lines_created: int
    total: dict[str, str] = Field(description='Invoice totals per currency: {"EUR": "1145.30"}')
    imported_by: str
    imported_at: datetime


class ImportedInvoiceOut(BaseModel):
    """The invoice one reference of the file became."""

    invoice_ref: str
    invoice_id: str
    number: str


class ImportedInvoicePage(BaseModel):
    """One page of an import's invoices, by reference."""

    items: list[ImportedInvoiceOut]
    next_cursor: str | None


def import_out(summary: InvoiceImport) -> InvoiceImportOut:
    return InvoiceImportOut(
        import_id=summary.id,
        file_sha256=summary.file_sha256,
        filename=summary.filename,
        rows=summary.rows,
        invoices_created=summary.invoices_created,
        lines_created=summary.lines_created,
        total={c: format_amount(minor, c) for c, minor in summary.totals.items()},
        imported_by=summary.imported_by,
        imported_at=summary.imported_at,
    )
