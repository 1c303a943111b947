"""A dated dunning run: each open invoice climbs at most one level, and every customer gets one
notice per channel naming the invoices that did."""

from collections.abc import Callable
from datetime import date, datetime

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
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
    held = await holds_on(uow, as_of)
    # The database applies `domain.dunning.next_level` to every open invoice at once.
    levels = {(name, lv.level): lv for name, p in in_force.items() for lv in p.levels}
    steps = []
    for due in await uow.dunned.due_steps(as_of, in_force, held):
        level = levels[(due.policy, due.level)]
        steps.append(Step(due.invoice, level, fee_of(level, due.invoice.currency)))

    notices = notices_of_run(run_id, as_of, steps, new_id, mail_domain)
    run = DunningRun(run_id, as_of, len(notices), now)
    await uow.runs.add(run)
    # An e-mail the server kept refusing gets another chance with each new run.
    await uow.notices.requeue_failed()
    # In bulk: a run may move a hundred thousand invoices.
    await uow.notices.add_many(notices)
    await uow.dunned.record_steps(
        [(line.invoice_id, line.level, n.id) for n in notices for line in n.invoices],
        run_id=run_id,
        as_of=as_of,
    )
    for notice in notices:
        if notice.status is not NoticeStatus.QUEUED:
            # Letters and call or visit tasks exist once made: the ledger may charge their fees.
            await uow.emit(notice_sent(notice, now))
    for escalated in await escalations_of(uow, steps, as_of):
        await uow.emit(escalated)
    return run, True
