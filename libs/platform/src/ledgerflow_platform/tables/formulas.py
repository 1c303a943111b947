"""Cells a spreadsheet would run as a formula rather than show as text (CSV injection).

Every import refuses such a cell the same way, naming its row and column, and every export
neutralises it with a leading apostrophe, the spreadsheet's own mark for "text, not a formula".
A leading sign makes a formula too, except on a number: "-250.75" is money out, not a formula.
Spreadsheets in CJK locales take the full-width signs (U+FF1D, U+FF0B, U+FF0D, U+FF20) as
the ASCII ones.
"""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

FORMULA_STARTS = ("=", "@", "\t", "\r", "\uff1d", "\uff20")
SIGNED_STARTS = ("+", "-", "\uff0b", "\uff0d")
QUOTE = "'"
# Spaces a cell may start with before a formula sign (tab and CR are formula signs themselves).
PADDING = " \n\u3000\xa0"
_ASCII_SIGNS = str.maketrans({"\uff0b": "+", "\uff0d": "-"})
# A cell starting with none of these is plain text: the quick test before the full one.
MAY_START_FORMULA = frozenset((*FORMULA_STARTS, *SIGNED_STARTS, QUOTE, *PADDING))
_QUOTED = frozenset((*FORMULA_STARTS, *SIGNED_STARTS))
_SHOWN = 40


def is_number(text: str) -> bool:
    """A signed decimal, thousands separators allowed: "-1,250.75", "+3", a full-width sign."""
    try:
        return Decimal(text.translate(_ASCII_SIGNS).replace(",", "").strip()).is_finite()
    except InvalidOperation:
        return False


def cell_text(raw: str, *, signed_data: Callable[[str], bool] = is_number) -> tuple[str, bool]:
    """The cell's text, and whether a spreadsheet would run it as a formula.

    A leading apostrophe is dropped and the rest taken as text. A signed cell is data when
    `signed_data` says so (a number, by default; a column of phone numbers adds those)."""
    if not raw or raw[0] not in MAY_START_FORMULA:
        return raw.strip(), False
    if raw.startswith(QUOTE):
        return (raw[1:].strip(), False) if raw[1:2] in _QUOTED else (raw.strip(), False)
    text = raw.lstrip(PADDING)
    if text.startswith(FORMULA_STARTS):
        return text, True
    if text.startswith(SIGNED_STARTS):
        return text.strip(), not signed_data(text)
    return text.strip(), False


def formula_refusal(text: str) -> str:
    """What every import says of a cell it refuses as a formula."""
    shown = text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
    return (
        f"{shown!r} would run as a formula in a spreadsheet; "
        "start it with an apostrophe if it is text."
    )


def formula_in(raw: str, *, signed_data: Callable[[str], bool] = is_number) -> str | None:
    """The refusal of a cell that would run as a formula; None for a cell that is data."""
    text, formula = cell_text(raw, signed_data=signed_data)
    return formula_refusal(text) if formula else None


def neutralized(text: str) -> str:
    """Text a spreadsheet will show as it is instead of running it."""
    if text.startswith((*FORMULA_STARTS, *SIGNED_STARTS)):
        return QUOTE + text
    return text
