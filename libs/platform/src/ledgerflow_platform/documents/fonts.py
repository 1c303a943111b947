"""The one font every Ledgerflow document is set in: a Unicode TrueType font that prints
Chinese as well as Latin text, embedded (subset) in each PDF so a reader needs nothing
installed.

The font comes from the operating system's packages (`make fonts` installs Debian's
fonts-wqy-microhei), not from the repository. ReportLab reads TrueType outlines only, so the
OpenType/CFF Noto CJK files are not among the candidates.
"""

import threading
from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

# Raised here, defined apart (the web layer answers it without loading ReportLab).
from ledgerflow_platform.documents.missing_font import DocumentFontMissing as DocumentFontMissing

FONT_NAME = "LedgerflowSans"
# Looked for in this order; the first that exists is used.
FONT_FILES: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
)
_lock = threading.Lock()
_registered: dict[str, Path] = {}


def find_font_file(candidates: Sequence[Path] = FONT_FILES) -> Path:
    for path in candidates:
        if path.is_file():
            return path
    raise DocumentFontMissing(candidates)


def register_document_font(font_file: Path | None = None) -> str:
    """Register the document font with ReportLab (once per process: reading a CJK font takes
    about a second) and return its name; bold and italic map to the same face, which has one
    weight."""
    path = font_file or find_font_file()
    with _lock:
        if FONT_NAME in _registered:
            return FONT_NAME
        if not path.is_file():
            raise DocumentFontMissing((path,))
        # In a collection (.ttc) the first face is the proportional one.
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
        registerFontFamily(
            FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
        )
        _registered[FONT_NAME] = path
        return FONT_NAME
