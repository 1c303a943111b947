"""What credit-svc builds once per process from its settings."""

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from credit_svc.domain.limits import DEFAULT_APPROVAL_THRESHOLD_MAJOR
from ledgerflow_events.money import to_minor
from ledgerflow_platform.spec import Sessions

# Fonts with Chinese, Japanese and Korean glyphs as Debian and others install them.
SYSTEM_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
)


def cjk_font(configured: Path | None) -> Path | None:
    if configured is not None:
        return configured
    return next((Path(p) for p in SYSTEM_CJK_FONTS if Path(p).is_file()), None)


@dataclass(frozen=True)
class CreditResources:
    approval_thresholds: Mapping[str, Decimal]
    # The font credit report PDFs print with; None: no PDF can print Chinese names here.
    report_font: Path | None = None

    def approval_threshold(self, currency: str) -> int:
        """The four-eyes threshold in the currency's minor units."""
        major = self.approval_thresholds.get(currency, Decimal(DEFAULT_APPROVAL_THRESHOLD_MAJOR))
        return to_minor(major, currency)


@asynccontextmanager
async def credit_resources(settings: Any, sessions: Sessions) -> AsyncIterator[CreditResources]:
    yield CreditResources(
        dict(settings.limit_approval_thresholds), cjk_font(getattr(settings, "report_font", None))
    )
