"""A notice printed as a letter, for customers nobody can be e-mailed."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from collections_svc.adapters.letter import render_letter
from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanReadCollections, Resources
from collections_svc.domain.dunning_policy import Channel
from collections_svc.domain.notice import NoticeNotALetter, NoticeStatus
from collections_svc.use_cases.look_up_notices import notice_by_id
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/notices", tags=["notices"])
Language = Annotated[
    Literal["en", "zh-CN"] | None,
    Query(description="Override the customer's language (by country unless set)"),
]


@router.get(
    "/{notice_id}/letter.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The letter, A4 PDF"}},
    summary="A letter notice (or an e-mail notice turned into one) as a printable PDF",
)
async def get_letter(
    notice_id: Annotated[str, Path(min_length=1, max_length=64)],
    session: DbSession,
    resources: Resources,
    _: CanReadCollections,
    language: Language = None,
) -> Response:
    notice = await notice_by_id(CollectionsUnitOfWork(session), notice_id)
    if notice.channel is not Channel.LETTER and notice.status is not NoticeStatus.LETTER_READY:
        raise NoticeNotALetter(notice_id)
    directory = resources.sending.recipients
    chosen: str = language or "en"
    if language is None and directory is not None:
        chosen = (await directory.recipients_of(notice.customer_id)).language
    pdf = render_letter(notice, chosen, resources.letterhead, resources.font_file)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="notice-{notice.id}.pdf"'},
    )
