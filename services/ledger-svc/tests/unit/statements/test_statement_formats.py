import pytest

from ledger_svc.api.statements.render import neutralised
from ledger_svc.api.statements.routes import negotiate
from ledger_svc.api.statements.schemas import StatementOfAccountFormat


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1+1", "'+1+1"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("-8.39", "-8.39"),
        ("-12", "-12"),
        ("Payment received (=1+1)", "Payment received (=1+1)"),
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_quoted_but_amounts_stay_numbers(
    cell: str, shown: str
) -> None:
    assert neutralised(cell) == shown


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, StatementOfAccountFormat.JSON),
        ("*/*", StatementOfAccountFormat.JSON),
        ("application/pdf;q=0.9, text/csv", StatementOfAccountFormat.CSV),
        ("text/csv;q=0, application/pdf;q=0.1", StatementOfAccountFormat.PDF),
        ("TEXT/CSV", StatementOfAccountFormat.CSV),
        ("text/csv;q=abc", None),
        ("image/png, text/html", None),
    ],
)
def test_the_accept_header_picks_the_most_preferred_format(
    accept: str | None, chosen: StatementOfAccountFormat | None
) -> None:
    assert negotiate(accept) is chosen
