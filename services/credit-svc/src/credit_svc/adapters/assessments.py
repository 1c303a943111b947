"""Assessments with their score breakdown, and the behaviour facts and invoice history they
are taken from."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.assessment_tables import BehaviourFactRow, CreditAssessmentRow
from credit_svc.adapters.tables import ReceivableRow
from credit_svc.domain.assessment import Assessment, Judgement
from credit_svc.domain.behaviour import BehaviourFact, FactKind, InvoiceRecord
from credit_svc.domain.scorecard import InputValue, Score, ScoredInput


class BehaviourFacts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(
        self, customer_id: str, currency: str, fact: BehaviourFact, source: str
    ) -> None:
        """Keep the fact once: a redelivered event finds it there and changes nothing."""
        await self._session.execute(
            insert(BehaviourFactRow)
            .values(
                id=fact.id,
                customer_id=customer_id,
                kind=fact.kind,
                currency=currency,
                amount=fact.amount,
                occurred_on=fact.occurred_on,
                source=source,
                invoice_ids=list(fact.invoice_ids),
            )
            .on_conflict_do_nothing()
        )

    async def resolve(self, fact_id: str, on: date) -> None:
        await self._session.execute(
            update(BehaviourFactRow)
            .where(col(BehaviourFactRow.id) == fact_id, col(BehaviourFactRow.resolved_on).is_(None))
            .values(resolved_on=on)
        )

    async def of(self, customer_id: str) -> list[BehaviourFact]:
        rows = await self._session.execute(
            select(BehaviourFactRow).where(col(BehaviourFactRow.customer_id) == customer_id)
        )
        return [
            BehaviourFact(
                r.id, FactKind(r.kind), r.amount, r.occurred_on, tuple(r.invoice_ids), r.resolved_on
            )
            for r in rows.scalars().all()
        ]

    async def invoices_of(self, customer_id: str) -> list[InvoiceRecord]:
        rows = await self._session.execute(
            select(ReceivableRow).where(col(ReceivableRow.customer_id) == customer_id)
        )
        return [
            InvoiceRecord(
                r.invoice_id,
                r.total or 0,
                r.open_amount,
                r.issue_date,
                r.due_date,
                r.paid_on,
                r.opening,
            )
            for r in rows.scalars().all()
        ]


class Assessments:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, a: Assessment) -> None:
        self._session.add(
            CreditAssessmentRow(
                id=a.id,
                customer_id=a.customer_id,
                as_of=a.as_of,
                policy_version=a.judgement.policy_version,
                score=a.judgement.score.total,
                grade=a.judgement.grade,
                previous_grade=a.previous_grade,
                currency=a.currency,
                proposed_limit=a.judgement.proposed_limit,
                inputs=[_input_json(s) for s in a.judgement.score.inputs],
                assessed_by=a.assessed_by,
                assessed_at=a.assessed_at,
            )
        )
        await self._session.flush()

    async def of(self, customer_id: str) -> list[Assessment]:
        """A customer's assessments, latest first."""
        rows = await self._session.execute(
            select(CreditAssessmentRow)
            .where(col(CreditAssessmentRow.customer_id) == customer_id)
            .order_by(
                col(CreditAssessmentRow.assessed_at).desc(), col(CreditAssessmentRow.id).desc()
            )
        )
        return [_assessment(r) for r in rows.scalars().all()]


def _input_json(s: ScoredInput) -> dict[str, Any]:
    f = s.found
    return {
        "input": f.input,
        "value": None if f.value is None else str(f.value),
        "source": f.source,
        "as_of": None if f.as_of is None else f.as_of.isoformat(),
        "band": None if s.band is None else str(s.band),
        "weight": s.weight,
        "points": s.points,
    }


def _scored(j: dict[str, Any]) -> ScoredInput:
    value = None if j["value"] is None else Decimal(j["value"])
    as_of = None if j["as_of"] is None else date.fromisoformat(j["as_of"])
    band = None if j["band"] is None else Decimal(j["band"])
    return ScoredInput(
        InputValue(j["input"], value, j["source"], as_of), band, j["weight"], j["points"]
    )


def _assessment(r: CreditAssessmentRow) -> Assessment:
    score = Score([_scored(j) for j in r.inputs], Decimal(r.score), r.grade)
    return Assessment(
        id=r.id,
        customer_id=r.customer_id,
        as_of=r.as_of,
        currency=r.currency,
        judgement=Judgement(r.policy_version, score, r.proposed_limit),
        previous_grade=r.previous_grade,
        assessed_by=r.assessed_by,
        assessed_at=r.assessed_at,
    )
