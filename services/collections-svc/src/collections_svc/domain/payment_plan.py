"""Payment plans (issue 11, item 6).

1. A plan covers named open invoices of the case's customer; its instalments must add up to
   exactly what is open on them, each above zero, due in date order.
2. While on track it holds its invoices at their dunning level.
3. Payments allocated to its invoices count towards the instalments in due order: an
   instalment is kept once everything due up to and including it is paid.
4. The first run dated after an instalment's due date + grace days that finds it not kept
   breaks the plan (dunning resumes in that run); everything paid completes it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from itertools import accumulate

from ledgerflow_platform.errors import DomainError


class PlanStatus(StrEnum):
    ON_TRACK = "on_track"
    COMPLETED = "completed"
    BROKEN = "broken"


class PlanDoesNotAddUp(DomainError):
    def __init__(self, total: int, open_amount: int) -> None:
        super().__init__(
            f"The instalments add up to {total} minor units, but {open_amount} is open on the "
            "invoices the plan covers.",
            field="instalments",
        )


class InstalmentsOutOfOrder(DomainError):
    def __init__(self) -> None:
        super().__init__("Instalments are listed by due date, earliest first.", field="instalments")


class InstalmentNotPositive(DomainError):
    def __init__(self, index: int) -> None:
        super().__init__(
            "An instalment is for an amount above zero.", field=f"instalments.{index}.amount"
        )


class InvoicesAlreadyPlanned(DomainError):
    def __init__(self, invoice_ids: Sequence[str]) -> None:
        super().__init__(
            f"Already in a plan on track: {', '.join(invoice_ids)}.", field="invoice_ids"
        )


class PlanNotFound(DomainError):
    def __init__(self, plan_id: str) -> None:
        super().__init__(f"No payment plan with id {plan_id}.")


@dataclass(frozen=True)
class Instalment:
    due_on: date
    amount: int


@dataclass(frozen=True)
class PaymentPlan:
    id: str
    case_id: str
    customer_id: str
    currency: str
    invoice_ids: tuple[str, ...]
    instalments: tuple[Instalment, ...]
    grace_days: int
    agreed_on: date
    status: PlanStatus = PlanStatus.ON_TRACK
    paid: int = 0
    ended_on: date | None = None

    @property
    def total(self) -> int:
        return sum(i.amount for i in self.instalments)

    def kept(self) -> list[bool]:
        """Whether each instalment is kept: everything due up to it is paid."""
        return [self.paid >= due for due in accumulate(i.amount for i in self.instalments)]

    def holds(self, invoice_id: str) -> bool:
        return self.status is PlanStatus.ON_TRACK and invoice_id in self.invoice_ids

    def count_payment(self, allocated: Mapping[str, int], on: date) -> "PaymentPlan":
        if self.status is not PlanStatus.ON_TRACK:
            return self
        counted = sum(a for i, a in allocated.items() if i in self.invoice_ids)
        if counted == 0:
            return self
        paid = self.paid + counted
        if paid >= self.total:
            return replace(self, paid=paid, status=PlanStatus.COMPLETED, ended_on=on)
        return replace(self, paid=paid)

    def judge(self, as_of: date) -> "PaymentPlan":
        """Broken when a run dated after an unkept instalment's grace finds it still unpaid."""
        if self.status is not PlanStatus.ON_TRACK:
            return self
        grace = timedelta(days=self.grace_days)
        for instalment, kept in zip(self.instalments, self.kept(), strict=True):
            if not kept and as_of > instalment.due_on + grace:
                return replace(self, status=PlanStatus.BROKEN, ended_on=as_of)
        return self


def agree_plan(
    plan_id: str,
    case_id: str,
    customer_id: str,
    *,
    currency: str,
    invoice_ids: tuple[str, ...],
    open_amount: int,
    instalments: tuple[Instalment, ...],
    grace_days: int,
    agreed_on: date,
) -> PaymentPlan:
    for index, instalment in enumerate(instalments):
        if instalment.amount <= 0:
            raise InstalmentNotPositive(index)
    dues = [i.due_on for i in instalments]
    if dues != sorted(dues):
        raise InstalmentsOutOfOrder()
    total = sum(i.amount for i in instalments)
    if total != open_amount:
        raise PlanDoesNotAddUp(total, open_amount)
    return PaymentPlan(
        plan_id, case_id, customer_id, currency, invoice_ids, instalments, grace_days, agreed_on
    )
