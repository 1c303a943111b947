"""An example for every message of the AsyncAPI document, made from its JSON Schema: plausible
values by field name and type, every optional field filled, one item per list. The test suite
checks each example against its contract, so an example can never drift from the model."""

import re
import zlib
from typing import Any

Schema = dict[str, Any]
CUSTOMER_ID = "0193b0c2-5f1e-7c3a-9d41-6a2f8e1b3c55"
# Values by field name, where the type alone would say too little.
BY_NAME: dict[str, Any] = {
    "customer_id": CUSTOMER_ID,
    "currency": "EUR",
    "number": "INV-2026-000123",
    "fee_invoice_number": "LF-2026-000007",
    "name": "Northwind Traders GmbH",
    "code": "C-10042",
    "country": "DE",
    "industry": "wholesale",
    "region": "DACH",
    "project": "Warehouse automation",
    "payment_cycle": "monthly",
    "period": "2026-10",
    "reference": "INV-2026-000123",
    "method": "bank_transfer",
    "kind": "payment",
    "source_kind": "payment",
    "outcome": "unmatched",
    "reason": "bounced",
    "changed_fields": ["payment_terms_days"],
    "segments": ["key-account"],
    "net": "1050.42",
    "tax": "199.58",
    "open_amount_after": "0.00",
    "invoice_open_amount_after": "0.00",
    "discount": "0.00",
    "unapplied_amount": "0.00",
    "credit_removed": "0.00",
    "credit_remaining": "0.00",
}


def _resolve(schema: Schema, root: Schema) -> Schema:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        resolved: Schema = root["$defs"][ref.rsplit("/", 1)[-1]]
        return resolved
    return schema


def _from_pattern(pattern: str) -> str | None:
    alternatives = re.fullmatch(r"\^\(([\w|-]+)\)\$", pattern)
    if alternatives:
        return alternatives.group(1).split("|")[0]
    one_of_range = re.fullmatch(r"\^\[(\w)-\w\]\$", pattern)
    if one_of_range:
        return one_of_range.group(1)
    if pattern.startswith("^-?\\d+"):
        return "1250.00"
    if pattern == "^[A-Z]{3}$":
        return "EUR"
    return None


def _fits(value: Any, schema: Schema) -> bool:
    """Whether a value by name also matches the field's own pattern, where it has one."""
    pattern = schema.get("pattern")
    return not (pattern and isinstance(value, str) and re.search(pattern, value) is None)


def example_value(name: str, schema: Schema, root: Schema) -> Any:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        present = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return example_value(name, present[0], root)
    if name in BY_NAME and _fits(BY_NAME[name], schema):
        return BY_NAME[name]
    kind = schema.get("type")
    if kind == "object":
        return {
            field: example_value(field, sub, root)
            for field, sub in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [example_value(name, schema["items"], root)]
    if kind == "integer":
        return 3600 if name.endswith("_seconds") else 30 if name.endswith("_days") else 1
    if kind == "boolean":
        return True
    if schema.get("format") == "date":
        return "2026-11-02"
    if schema.get("format") == "date-time":
        return "2026-11-02T09:30:00Z"
    if (found := _from_pattern(schema.get("pattern", ""))) is not None:
        return found
    if name.endswith("_id") or name == "id":
        return f"0193b0c2-7a10-7e55-8c2d-{zlib.crc32(name.encode()):012d}"
    return name.replace("_", " ")


def example_payload(schema: Schema) -> dict[str, Any]:
    payload: dict[str, Any] = example_value("", schema, schema)
    return payload
