"""Generated import tables, shared by these tests and bench/customer_import.py (which loads this
file by path, so it imports nothing from the tests)."""

import csv
import io
from collections.abc import Sequence

from stdnum.cn import uscc

# The columns of the import sheet as finance heads them.
COLUMNS = (
    "customer",
    "customer_code",
    "country",
    "tax_id",
    "currency",
    "payment_terms_days",
    "contact",
    "phone",
    "email",
    "project",
    "contract_number",
    "contract_date",
    "contract_total",
    "paid",
    "unpaid",
    "payment_cycle",
    "notes",
)


def supplier_rows(rows: int) -> list[list[str]]:
    """A customer per row with a contact and a signed contract: the heaviest shape a table has."""
    found = []
    for n in range(rows):
        body = f"91330000{n:09d}"
        found.append(
            [
                f"Zhejiang Supplier {n:05d} Co., Ltd.",
                f"ZJ{n:05d}",
                "CN",
                body + uscc.calc_check_digit(body),
                "CNY",
                "45",
                f"Contact {n:05d}",
                f"+86 139 {n // 10000:04d} {n % 10000:04d}",
                f"buyer{n}@zj-supplier{n}.example",
                f"Project {n}",
                f"ZJ-{n:05d}",
                "2025-04-01",
                f"{1000 + n}.50",
                "0.00",
                f"{1000 + n}.50",
                "monthly",
                "",
            ]
        )
    return found


def as_csv(rows: Sequence[Sequence[str]], columns: Sequence[str] = COLUMNS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode()
