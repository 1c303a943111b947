from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from customer_svc.domain.contracts.contract import ContractStatus
from customer_svc.domain.contracts.terms import ContractTerms
from customer_svc.domain.customer_table.clashes import OnFile, clashes, new_contract_numbers
from customer_svc.domain.customer_table.export import ContactCells, customer_lines
from customer_svc.domain.customer_table.plan import ImportPlan, TableDefaults, plan_import
from customer_svc.domain.customer_table.table import CustomerTableRejected, Sheet, SheetRow
from customer_svc.domain.customers.tax_ids import TaxId

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
HEADER = ("customer", "customer_code", "country", "contact", "phone", "email", "project")
HEADER += ("contract_number", "contract_date", "contract_total", "payment_cycle", "notes")


def sheet(*rows: Mapping[str, str]) -> Sheet:
    lines = (SheetRow(n, tuple(r.get(c, "") for c in HEADER)) for n, r in enumerate(rows, 2))
    return Sheet(HEADER, tuple(lines))


def plan(*rows: Mapping[str, str]) -> ImportPlan:
    return plan_import(sheet(*rows), TableDefaults("EUR", 30), now=NOW, by="importer")


def errors(*rows: Mapping[str, str]) -> list[tuple[int, str]]:
    with pytest.raises(CustomerTableRejected) as refused:
        plan(*rows)
    return [(e.row, e.column) for e in refused.value.errors]


ACME = {"customer": "Acme GmbH", "country": "DE", "contact": "Jane Doe", "phone": "030 1234567"}
ACME |= {"project": "Racking", "contract_date": "2026-01-10", "contract_total": "1000"}


def test_rows_of_one_name_file_one_customer_with_each_contact_once() -> None:
    again = {**ACME, "customer": " acme  gmbh ", "project": "Lighting", "contract_date": ""}
    other = {"customer": "Acme GmbH", "contact": "John Roe", "email": "john@acme.example"}

    [acme] = plan(ACME, again, other).customers

    assert (acme.customer.name, acme.customer.currency, acme.customer.country) == (
        "Acme GmbH",
        "EUR",
        "DE",
    )
    assert [(c.name, c.phone, c.email, c.roles) for c in acme.contacts] == [
        ("Jane Doe", "+49301234567", None, ("primary",)),
        ("John Roe", None, "john@acme.example", ()),
    ]
    assert [(c.line, c.contract.status, c.contract.terms.total_minor) for c in acme.contracts] == [
        (2, ContractStatus.ACTIVE, 100000),
        (3, ContractStatus.DRAFT, 100000),
    ]


def test_a_row_without_code_joins_the_coded_customer_of_its_name() -> None:
    coded = {**ACME, "customer_code": "ac-1", "contract_number": "N1"}
    uncoded = {**ACME, "contract_number": "N2"}

    [acme] = plan(uncoded, coded).customers

    assert (acme.customer.code, acme.line, [c.line for c in acme.contracts]) == ("AC-1", 2, [2, 3])


def test_a_name_two_codes_share_must_say_which_customer_it_is() -> None:
    first, second = {**ACME, "customer_code": "A1"}, {**ACME, "customer_code": "A2"}

    assert errors(first, second, ACME) == [(4, "customer_code")]


def test_rows_disagreeing_on_the_customer_are_refused_where_they_differ() -> None:
    assert errors(ACME, {**ACME, "country": "AT", "phone": ""}) == [(3, "country")]


def test_a_contract_cell_on_a_row_without_contract_asks_for_project_and_total() -> None:
    row = {"customer": "Acme GmbH", "notes": "call first"}

    assert errors(row) == [(2, "contract_total"), (2, "project")]


def test_tax_ids_and_numbers_repeated_in_the_table_are_refused_where_they_repeat() -> None:
    header = (*HEADER, "tax_id")
    rows = [("A", "DE136695976", "N-1"), ("B", "DE 136 695 976", "n-1")]
    cells = [
        {"customer": c, "country": "DE", "tax_id": t, "contract_number": n, "project": "P"}
        for c, t, n in rows
    ]
    lines = tuple(
        SheetRow(n, tuple({**r, "contract_total": "5"}.get(c, "") for c in header))
        for n, r in enumerate(cells, 2)
    )

    with pytest.raises(CustomerTableRejected) as refused:
        plan_import(Sheet(header, lines), TableDefaults("EUR", 30), now=NOW, by="importer")

    assert [(e.row, e.column) for e in refused.value.errors] == [
        (3, "contract_number"),
        (3, "tax_id"),
    ]


def test_what_is_on_file_already_is_named_at_its_row() -> None:
    table = plan(
        {**ACME, "customer_code": "ACME", "contract_number": "N-9"},
        {"customer": "Beta AG", "country": "DE", "project": "P", "contract_total": "1"},
    )
    on_file = OnFile(
        customer_ids_by_code={"ACME": "c-1"},
        codes_by_name_key={"beta ag": "C000007"},
        customer_ids_by_tax_id={TaxId("DE", "DE136695976"): "c-2"},
        contract_ids_by_number={"N-9": "k-1"},
    )

    assert [(e.row, e.column) for e in clashes(table, on_file)] == [
        (2, "customer_code"),
        (2, "contract_number"),
        (3, "customer"),
    ]


def test_contracts_without_number_are_numbered_after_their_customer_skipping_taken_ones() -> None:
    assert new_contract_numbers("C000042", 3, {"C000042-02"}) == [
        "C000042-01",
        "C000042-03",
        "C000042-04",
    ]


def test_an_export_pairs_contracts_with_contacts_primary_first() -> None:
    [acme] = plan(ACME, {**ACME, "project": "Lighting", "contract_total": "20.5"}).customers
    contracts = [c.contract for c in acme.contracts]
    usd = ContractTerms("Abroad", date(2026, 1, 2), "USD", 999, 10, None, None)
    contracts.append(replace(contracts[0], current=replace(contracts[0].current, terms=usd)))
    jane = ContactCells("Jane Doe", "+49301234567", None, primary=False)
    john = ContactCells("John Roe", None, "john@acme.example", primary=True)

    lines = customer_lines(acme.customer, None, [jane, john], contracts)

    assert [(line["contact"], line["project"]) for line in lines] == [
        ("John Roe", "Racking"),
        ("Jane Doe", "Lighting"),
        ("John Roe", "Abroad"),
    ]
    assert [line["contract_total"] for line in lines] == [
        Decimal("1000.00"),
        Decimal("20.50"),
        Decimal("9.99"),
    ]
    assert [(line["contract_currency"], line["contract_payment_terms_days"]) for line in lines] == [
        (None, None),
        (None, None),
        ("USD", 10),
    ]
