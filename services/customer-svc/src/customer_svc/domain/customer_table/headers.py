"""The header row of the finance customer table, as people write it in English or Chinese."""

import re

from customer_svc.domain.customer_table.table import (
    COLUMNS,
    EXPORTED_COLUMNS,
    REQUIRED_COLUMNS,
    CellError,
)

_CHINESE_HEADERS = {
    "客户": "customer",
    "客户名称": "customer",
    "客户编码": "customer_code",
    "客户代码": "customer_code",
    "国家": "country",
    "税号": "tax_id",
    "统一社会信用代码": "tax_id",
    "币种": "currency",
    "账期": "payment_terms_days",
    "账期天数": "payment_terms_days",
    "联系人": "contact",
    "电话": "phone",
    "联系电话": "phone",
    "邮箱": "email",
    "电子邮箱": "email",
    "项目": "project",
    "项目名称": "project",
    "合同编号": "contract_number",
    "合同日期": "contract_date",
    "合同金额": "contract_total",
    "合同币种": "contract_currency",
    "合同账期": "contract_payment_terms_days",
    "已付": "paid",
    "已付款": "paid",
    "未付": "unpaid",
    "未付款": "unpaid",
    "付款周期": "payment_cycle",
    "备注": "notes",
}
_ENGLISH_HEADERS = {
    **{c.replace("_", " "): c for c in COLUMNS},
    "customer name": "customer",
    "contact name": "contact",
    "e mail": "email",
    "payment terms": "payment_terms_days",
}
_UNIT_SUFFIX = re.compile("\\s*[(\uff08][^)\uff09]*[)\uff09]\\s*$")


def column_of(header: str) -> str | None:
    """The table's column a header names, in English or Chinese; units in brackets aside."""
    text = _UNIT_SUFFIX.sub("", header.strip()).rstrip("?").strip()
    if text in _CHINESE_HEADERS:
        return _CHINESE_HEADERS[text]
    words = " ".join(text.casefold().replace("_", " ").replace("-", " ").split())
    return _ENGLISH_HEADERS.get(words)


def read_header(header: tuple[str, ...]) -> tuple[dict[int, str], list[CellError]]:
    """Position of each known column, and what is wrong with the header row."""
    found: dict[int, str] = {}
    errors: list[CellError] = []
    seen: dict[str, str] = {}
    for position, text in enumerate(header):
        if not text.strip():
            continue
        column = column_of(text)
        if column is None:
            known = ", ".join(EXPORTED_COLUMNS)
            errors.append(CellError(1, text, f"Unknown column {text!r}; columns are {known}."))
        elif column in seen:
            errors.append(CellError(1, text, f"{text!r} is the same column as {seen[column]!r}."))
        else:
            seen[column] = text
            found[position] = column
    for column in REQUIRED_COLUMNS:
        if column not in seen:
            errors.append(CellError(1, column, f"The table needs a {column!r} column."))
    return found, errors
