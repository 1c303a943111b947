"""An example for any JSON Schema of the OpenAPI document, for responses that declare none.

A model's own `examples` are used first (they are written by hand, and mean the most); failing
those, each field's, its default, or a value of its type and format within its bounds.
"""

from typing import Any

REF_PREFIX = "#/components/schemas/"
_FORMATS = {
    "date": "2026-01-31",
    "date-time": "2026-01-31T09:30:00Z",
    "uuid": "0193a8c4-5e2f-7d3a-9b1c-2f4e6a8b0c1d",
    "email": "accounts@example.com",
    "uri": "https://ledgerflow.dev/",
    "binary": "",
}
# Refs nest (a customer's contacts, a case's notices); past this depth an example stops.
MAX_DEPTH = 8


# A plain string field's example by its name: money, a currency, an id.
_BY_NAME = (
    (("amount", "total", "balance", "exposure", "limit", "fee", "price"), "125.00"),
    (("currency",), "EUR"),
)


def example_of(
    schema: dict[str, Any], schemas: dict[str, Any], depth: int = 0, name: str = ""
) -> Any:
    if depth > MAX_DEPTH:
        return None
    if "$ref" in schema:
        target = schemas.get(schema["$ref"].removeprefix(REF_PREFIX), {})
        return example_of(target, schemas, depth + 1)
    for key in ("examples", "example", "default", "const"):
        if key in schema:
            value = schema[key]
            if key == "examples" and isinstance(value, list) and value:
                return value[0]
            if key != "examples":
                return value
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example_of(options[0], schemas, depth + 1, name)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        properties: dict[str, Any] = schema.get("properties", {})
        return {key: example_of(prop, schemas, depth + 1, key) for key, prop in properties.items()}
    if kind == "array":
        item = example_of(schema.get("items", {}), schemas, depth + 1)
        return [item] * max(1, int(schema.get("minItems", 1)))
    if kind == "string":
        return _string(schema, name)
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        return int(low) + 1 if kind == "integer" else float(low) + 1.5
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return "example"


def _string(schema: dict[str, Any], name: str) -> str:
    if schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]]
    if "pattern" not in schema and not name.endswith("id"):
        for words, example in _BY_NAME:
            if any(word in name for word in words):
                return example
    pattern = schema.get("pattern", "")
    if "\\d" in pattern and "." in pattern:
        return "125.00"
    if pattern == "^[A-Z]{3}$":
        return "EUR"
    text = "example"
    low = int(schema.get("minLength", 0))
    return text + "x" * max(0, low - len(text))
