"""JSON Schemas of the event contracts: generated from the models, committed, guarded.

`python -m ledgerflow_events.schemas` writes them; it refuses a backward-incompatible change
to a published version (publish a new version beside it instead). The test suite fails
when the committed schemas and the models disagree.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ledgerflow_events.asyncapi import document
from ledgerflow_events.contracts.registry import EVENT_TYPES
from ledgerflow_events.envelope import dataschema_for

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
ASYNCAPI_FILE = Path(__file__).resolve().parents[2] / "asyncapi.json"
Schema = dict[str, Any]


def generate() -> dict[str, Schema]:
    schemas = {}
    for event_type, model in sorted(EVENT_TYPES.items()):
        schema = model.model_json_schema(mode="serialization")
        schema = {
            "$id": dataschema_for(event_type),
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema,
        }
        schemas[event_type] = schema
    return schemas


def load_committed(directory: Path = SCHEMA_DIR) -> dict[str, Schema]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(directory.glob("*.v*.json"))}


def _resolve(schema: Schema, root: Schema) -> Schema:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: Schema = root["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return schema


def _type_of(schema: Schema, root: Schema) -> Any:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        return sorted(json.dumps(_type_of(s, root), sort_keys=True) for s in schema["anyOf"])
    if schema.get("type") == "object":
        return "object"
    return schema.get("type"), schema.get("format")


def _compare(old: Schema, new: Schema, old_root: Schema, new_root: Schema, path: str) -> list[str]:
    old, new = _resolve(old, old_root), _resolve(new, new_root)
    problems = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name in old_props.keys() - new_props.keys():
        problems.append(f"{path}{name}: removed")
    for name in set(new.get("required", [])) - set(old.get("required", [])):
        problems.append(f"{path}{name}: newly required")
    for name in old_props.keys() & new_props.keys():
        before, after = old_props[name], new_props[name]
        if _type_of(before, old_root) != _type_of(after, new_root):
            problems.append(f"{path}{name}: type changed")
        problems += _compare(before, after, old_root, new_root, f"{path}{name}.")
        if "items" in before and "items" in after:
            problems += _compare(
                before["items"], after["items"], old_root, new_root, f"{path}{name}[]."
            )
    return problems


def breaking_changes(old: Schema, new: Schema) -> list[str]:
    """What a reader of `old` could no longer read in events written against `new`."""
    return _compare(old, new, old, new, "")


def incompatibilities(
    committed: dict[str, Schema], generated: dict[str, Schema]
) -> dict[str, list[str]]:
    found = {}
    for event_type, old in committed.items():
        if event_type not in generated:
            found[event_type] = ["event type removed"]
        elif problems := breaking_changes(old, generated[event_type]):
            found[event_type] = problems
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ")
    args = parser.parse_args()
    committed, generated = load_committed(), generate()
    if broken := incompatibilities(committed, generated):
        for event_type, problems in broken.items():
            print(f"{event_type}: {'; '.join(problems)}", file=sys.stderr)
        sys.exit("breaking change to a published event version: add a new version instead")
    asyncapi = json.dumps(document(generated), indent=2) + "\n"
    if args.check:
        fresh = committed == generated and ASYNCAPI_FILE.read_text() == asyncapi
        sys.exit(0 if fresh else "schemas are stale: run make schemas")
    SCHEMA_DIR.mkdir(exist_ok=True)
    for event_type, schema in generated.items():
        (SCHEMA_DIR / f"{event_type}.json").write_text(json.dumps(schema, indent=2) + "\n")
    ASYNCAPI_FILE.write_text(asyncapi)


if __name__ == "__main__":
    main()
