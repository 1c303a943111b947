"""Hypothesis strategies for any event contract, honouring its field constraints."""

import types
from datetime import UTC, date, datetime
from typing import Annotated, Any, Union, get_args, get_origin

from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _for_annotation(annotation: Any, metadata: list[Any]) -> st.SearchStrategy[Any]:
    if get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        return _for_annotation(base, [*metadata, *extra])
    pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
    if pattern:
        return st.from_regex(pattern, fullmatch=True)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return st.one_of(*(_for_annotation(a, metadata) for a in get_args(annotation)))
    if origin is list:
        return st.lists(_for_annotation(get_args(annotation)[0], []), max_size=4)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_instances(annotation)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: st.text(max_size=40),
        int: st.integers(min_value=-(2**53), max_value=2**53),
        bool: st.booleans(),
        date: st.dates(),
        datetime: st.datetimes(timezones=st.just(UTC)),
        type(None): st.none(),
    }
    return simple[annotation]


def _for_field(field: FieldInfo) -> st.SearchStrategy[Any]:
    return _for_annotation(field.annotation, list(field.metadata))


def model_instances(model: type[BaseModel]) -> st.SearchStrategy[Any]:
    fields = {name: _for_field(f) for name, f in model.model_fields.items()}
    return st.fixed_dictionaries(fields).map(model.model_validate)
