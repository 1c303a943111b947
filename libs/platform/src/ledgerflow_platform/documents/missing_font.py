"""The error every printed document raises when the font that prints Chinese is missing.

Kept apart from fonts.py so the web layer can answer it without loading ReportLab."""

from collections.abc import Sequence
from pathlib import Path

INSTALL_HINT = "make fonts (or: apt-get install fonts-wqy-microhei)"


class DocumentFontMissing(RuntimeError):
    """No font that prints Chinese is installed: documents would print it as "????"."""

    def __init__(self, looked_in: Sequence[Path]) -> None:
        where = ", ".join(str(p) for p in looked_in)
        super().__init__(f"No document font found (looked for {where}); install it: {INSTALL_HINT}")
        self.looked_in = tuple(looked_in)
