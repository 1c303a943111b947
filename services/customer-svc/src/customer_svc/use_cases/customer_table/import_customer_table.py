"""Import a finance customer table: every row checked first, then all of it filed, or nothing."""

import asyncio
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from customer_svc.adapters.customer_table.spreadsheets import read_sheet
from customer_svc.adapters.customer_table.store import CustomerTableStore, FiledCustomer
from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.contracts.contract import ContractStatus
from customer_svc.domain.customer_table.clashes import OnFile, clashes, new_contract_numbers
from customer_svc.domain.customer_table.ledger_customers import LedgerCustomer
from customer_svc.domain.customer_table.plan import ImportPlan, TableDefaults, plan_import
from customer_svc.domain.customer_table.table import CustomerTableRejected
from customer_svc.domain.customers.names import legal_name_key
from customer_svc.use_cases.customer_table.file_customer_table import NewNames, filed_customers
from ledgerflow_events.money import format_minor


@dataclass(frozen=True)
class ContractBalanceLine:
    """A filed contract's paid and unpaid amounts, as the ledger's opening balances take them."""

    customer_code: str
    contract_number: str
    currency: str
    invoiced: int
    paid: int
    # The table's row it came from, for a refusal to name.
    line: int


@dataclass(frozen=True)
class ImportedTable:
    """How much a table filed, and the contract balances it gave (paid and unpaid)."""

    customers_created: int
    contacts_created: int
    contracts_created: int
    balances: tuple[ContractBalanceLine, ...] = ()
    # The customers the balances name, for the ledger to open their accounts from.
    customers: tuple[LedgerCustomer, ...] = ()


def opening_balances_csv(balances: Sequence[ContractBalanceLine]) -> bytes:
    """The balances as the ledger's POST /v1/opening-balances reads them."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["customer_code", "contract_number", "currency", "invoiced", "paid"])
    for b in balances:
        writer.writerow(
            [
                b.customer_code,
                b.contract_number,
                b.currency,
                format_minor(b.invoiced, b.currency),
                format_minor(b.paid, b.currency),
            ]
        )
    return out.getvalue().encode()


def _balances(plan: ImportPlan, filed: Sequence[FiledCustomer]) -> tuple[ContractBalanceLine, ...]:
    return tuple(
        ContractBalanceLine(
            f.customer.code,
            contract.number,
            contract.terms.currency,
            planned_contract.balance.paid + planned_contract.balance.unpaid,
            planned_contract.balance.paid,
            planned_contract.line,
        )
        for planned, f in zip(plan.customers, filed, strict=True)
        for planned_contract, contract in zip(planned.contracts, f.contracts, strict=True)
        # Drafts are not announced: the ledger knows signed contracts only.
        if planned_contract.balance is not None and contract.status is ContractStatus.ACTIVE
    )


def _ledger_customers(
    filed: Sequence[FiledCustomer], balances: Sequence[ContractBalanceLine]
) -> tuple[LedgerCustomer, ...]:
    named = {b.customer_code for b in balances}
    return tuple(
        LedgerCustomer(
            f.customer.id,
            f.customer.code,
            f.customer.currency,
            f.customer.payment_terms_days,
            f.customer.registered_at,
            tuple(
                (c.id, c.number, c.terms.currency)
                for c in f.contracts
                if c.status is ContractStatus.ACTIVE
            ),
        )
        for f in filed
        if f.customer.code in named
    )


def _read_and_plan(
    content: bytes, filename: str, defaults: TableDefaults, now: datetime, by: str
) -> ImportPlan:
    return plan_import(read_sheet(content, filename), defaults, now=now, by=by)


async def _on_file(store: CustomerTableStore, vault: PersonalDataVault, plan: ImportPlan) -> OnFile:
    customers = plan.customers
    tax_ids = {
        f"{p.tax_id.country}:{vault.index(pd.TAX_ID, p.tax_id.number)}": p.tax_id
        for p in customers
        if p.tax_id
    }
    held_tax_ids = await store.holders_of_tax_ids([key.split(":", 1)[1] for key in tax_ids])
    numbers = [c.contract.number for p in customers for c in p.contracts if c.contract.number]
    return OnFile(
        customer_ids_by_code=await store.holders_of_codes(
            [p.customer.code for p in customers if p.customer.code]
        ),
        codes_by_name_key=await store.holders_of_names(
            [p.name_key for p in customers if not p.customer.code]
        ),
        customer_ids_by_tax_id={
            tax_ids[key]: holder for key, holder in held_tax_ids.items() if key in tax_ids
        },
        contract_ids_by_number=await store.holders_of_numbers(numbers),
        holders_by_legal_name=await store.holders_of_legal_names(
            [legal_name_key(p.customer.name) for p in customers]
        ),
        tax_id_indexes={tax_id: key.split(":", 1)[1] for key, tax_id in tax_ids.items()},
    )


async def _new_names(store: CustomerTableStore, plan: ImportPlan) -> NewNames:
    """Codes for customers and numbers for contracts the table left without one."""
    uncoded = [n for n, p in enumerate(plan.customers) if not p.customer.code]
    codes = dict(zip(uncoded, await store.fresh_codes(len(uncoded)), strict=True))
    taken = {c.contract.number.upper() for p in plan.customers for c in p.contracts}
    while True:
        numbers = {}
        for n, planned in enumerate(plan.customers):
            unnumbered = [k for k, c in enumerate(planned.contracts) if not c.contract.number]
            code = codes.get(n, planned.customer.code)
            fresh = new_contract_numbers(code, len(unnumbered), taken)
            numbers.update({(n, k): number for k, number in zip(unnumbered, fresh, strict=True)})
        held = await store.holders_of_numbers(numbers.values())
        if not held:
            return NewNames(codes, numbers)
        taken |= held.keys()


async def import_customer_table(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    *,
    content: bytes,
    filename: str,
    defaults: TableDefaults,
    now: datetime,
    by: str,
) -> ImportedTable:
    # Reading and checking thousands of rows is CPU work: keep it off the event loop.
    plan = await asyncio.to_thread(_read_and_plan, content, filename, defaults, now, by)
    store = CustomerTableStore(uow.session)
    await store.take_turn()
    errors = clashes(plan, await _on_file(store, vault, plan))
    if errors:
        raise CustomerTableRejected(errors)
    names = await _new_names(store, plan)
    filed = await asyncio.to_thread(filed_customers, plan, names, vault, now)
    await store.file(filed)
    balances = _balances(plan, filed)
    return ImportedTable(
        customers_created=len(filed),
        contacts_created=sum(len(f.contacts) for f in filed),
        contracts_created=sum(len(f.contracts) for f in filed),
        balances=balances,
        customers=_ledger_customers(filed, balances),
    )
