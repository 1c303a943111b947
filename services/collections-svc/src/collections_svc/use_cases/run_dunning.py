"""A dated dunning run: each open invoice climbs at most one level, and every customer gets one
notice per channel naming the invoices that did."""

from collections.abc import Callable
from datetime import date, datetime

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.dunning import next_level
from collections_svc.domain.dunning_policy import DEFAULT_POLICY
from collections_svc.domain.dunning_run import DunningRun, RunAfterBusinessDate, RunBeforeLatest
from collections_svc.domain.notice import NoticeStatus, Step, notices_of_run
from collections_svc.use_cases.dunning_holds import holds_on
from collections_svc.use_cases.keep_plans import judge_plans
from collections_svc.use_cases.keep_promises import judge_promises
from collections_svc.use_cases.notice_facts import escalations_of, fee_of, notice_sent


async def run_dunning(
    uow: CollectionsUnitOfWork,
    *,
    as_of: date,
    business_date: date,
    run_id: str,
    now: datetime,
    new_id: Callable[[], str],
    mail_domain: str,
) -> tuple[DunningRun, bool]:
    """The run dated `as_of`, and whether this call made it (False: it already existed)."""
    if as_of > business_date:
        raise RunAfterBusinessDate(as_of, business_date)
    await uow.runs.lock()
    existing = await uow.runs.dated(as_of)
    if existing is not None:
        return existing, False
    latest = await uow.runs.latest()
    if latest is not None and as_of < latest.as_of:
        raise RunBeforeLatest(as_of, latest.as_of)

    # Broken promises and plans stop holding first: their invoices may move one level in this run.
    await judge_promises(uow, as_of)
    await judge_plans(uow, as_of)
    in_force = await uow.policies.all_in_force()
    assigned = await uow.policies.assigned()
    held = await holds_on(uow, as_of)
    steps = []
    for invoice in await uow.dunned.open_ones():
        if held.holds(invoice):
            continue
        policy = in_force.get(assigned.get(invoice.customer_id, DEFAULT_POLICY))
        if policy is None:
            continue
        level = next_level(invoice, policy, as_of)
        if level is not None:
            steps.append(Step(invoice, level, fee_of(level, invoice.currency)))

    notices = notices_of_run(run_id, as_of, steps, new_id, mail_domain)
    run = DunningRun(run_id, as_of, len(notices), now)
    await uow.runs.add(run)
    # An e-mail the server kept refusing gets another chance with each new run.
    await uow.notices.requeue_failed()
    for notice in notices:
        await uow.notices.save(notice)
        for line in notice.invoices:
            await uow.dunned.record_step(
                line.invoice_id, level=line.level, run_id=run_id, notice_id=notice.id, as_of=as_of
            )
        if notice.status is not NoticeStatus.QUEUED:
            # Letters and call or visit tasks exist once made: the ledger may charge their fees.
            await uow.emit(notice_sent(notice, now))
    for escalated in await escalations_of(uow, steps, as_of):
        await uow.emit(escalated)
    return run, True
