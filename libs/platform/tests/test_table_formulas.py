import pytest

from ledgerflow_platform.tables.formulas import cell_text, formula_in, neutralized

PADDING = " \u3000"
REFUSAL = "would run as a formula in a spreadsheet; start it with an apostrophe if it is text."


@pytest.mark.parametrize(
    "raw",
    [
        '=HYPERLINK("http://x","pay here")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "\rcmd",
        "  =1+1",
        "\u3000=1+1",
        "\uff1d1+1",
        "\uff0bcmd",
        "\uff0dcmd",
        "\uff20SUM(A1)",
    ],
)
def test_every_formula_start_is_refused_in_one_wording(raw: str) -> None:
    shown = raw.lstrip(PADDING)
    assert formula_in(raw) == f"{shown!r} {REFUSAL}"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("-250.75", "-250.75"),
        ("+1,250.00", "+1,250.00"),
        ("\uff0d5", "\uff0d5"),
        ("'=1+1", "=1+1"),
        ("O'Brien", "O'Brien"),
        ("  Acme  ", "Acme"),
        ("", ""),
    ],
)
def test_signed_numbers_and_quoted_text_are_data(raw: str, text: str) -> None:
    assert (cell_text(raw), formula_in(raw)) == ((text, False), None)


def test_a_column_may_take_more_signed_cells_as_data() -> None:
    assert formula_in("+86 138 0013 8000") is not None
    assert formula_in("+86 138 0013 8000", signed_data=lambda t: t.startswith("+86")) is None


def test_a_long_formula_is_shown_cut_short() -> None:
    assert formula_in("=" + "A" * 100) == f"{'=' + 'A' * 36 + '...'!r} {REFUSAL}"


@pytest.mark.parametrize("text", ["=1", "+1", "-x", "@x", "\tx", "\rx", "\uff1dx", "\uff0dx"])
def test_exports_neutralise_every_formula_start(text: str) -> None:
    assert neutralized(text) == "'" + text
    assert cell_text(neutralized(text)) == (text.strip(), False)
