"""The opening-balances form's announced customers: JSON null is no customers, not a crash."""

import pytest
from pydantic import ValidationError

from ledger_svc.api.opening_balances.schemas import MAX_ANNOUNCED, OpeningBalancesUpload


def test_customers_sent_as_json_null_are_none() -> None:
    form = OpeningBalancesUpload.model_validate({"file": b"x", "customers": "null"})

    assert form.customers is None


def test_more_customers_than_one_import_files_are_refused_naming_the_field() -> None:
    too_many = "[" + ",".join(["{}"] * (MAX_ANNOUNCED + 1)) + "]"

    with pytest.raises(ValidationError) as refused:
        OpeningBalancesUpload.model_validate({"file": b"x", "customers": too_many})

    assert [(e["loc"], e["type"]) for e in refused.value.errors()] == [(("customers",), "too_long")]
