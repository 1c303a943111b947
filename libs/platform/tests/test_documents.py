"""The shared document helper: Chinese prints (the font is embedded), amounts carry thousands
separators, the letterhead comes from settings, a table kept together is never split."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_settings import SettingsConfigDict
from pypdf import PdfReader

from ledgerflow_platform.documents.fonts import DocumentFontMissing, find_font_file
from ledgerflow_platform.documents.layout import Document
from ledgerflow_platform.documents.letterhead import CompanySettings, Letterhead
from ledgerflow_platform.documents.money import with_thousands

LETTERHEAD = Letterhead(
    "上海华东贸易有限公司", ("浦东新区世纪大道88号", "Shanghai 200120"), "91310000MA1FL1234X"
)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize(
    ("amount", "printed"),
    [
        ("1280000.00", "1,280,000.00"),
        ("-1234.50", "-1,234.50"),
        ("999.99", "999.99"),
        ("0.00", "0.00"),
        ("1000", "1,000"),
        ("12345678.125", "12,345,678.125"),
        (Decimal("40000.00"), "40,000.00"),
    ],
)
def test_amounts_print_with_thousands_separators(amount: str | Decimal, printed: str) -> None:
    assert with_thousands(amount) == printed


@pytest.mark.parametrize("amount", ["1e5", "12,000.00", "", "abc", "1.2.3"])
def test_only_plain_decimal_amounts_are_grouped(amount: str) -> None:
    with pytest.raises(ValueError, match="not a plain decimal amount"):
        with_thousands(amount)


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from([0, 2, 3]))
def test_grouping_changes_no_digit(minor: int, scale: int) -> None:
    plain = format(Decimal(minor).scaleb(-scale), "f")
    grouped = with_thousands(plain)
    assert grouped.replace(",", "") == plain
    whole = grouped.lstrip("-").split(".")[0].split(",")
    assert all(len(group) == 3 for group in whole[1:])
    assert 1 <= len(whole[0]) <= 3


class LedgerCompany(CompanySettings):
    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")


def test_the_letterhead_comes_from_the_services_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_COMPANY_NAME", "上海华东贸易有限公司")
    monkeypatch.setenv("LEDGER_COMPANY_ADDRESS", "浦东新区世纪大道88号; Shanghai 200120\nChina")
    monkeypatch.setenv("LEDGER_COMPANY_TAX_ID", "91310000MA1FL1234X")
    assert LedgerCompany().letterhead() == Letterhead(
        "上海华东贸易有限公司",
        ("浦东新区世纪大道88号", "Shanghai 200120", "China"),
        "91310000MA1FL1234X",
    )


def test_without_settings_the_letterhead_is_the_products_name() -> None:
    assert CompanySettings().letterhead() == Letterhead("Ledgerflow", (), None)


def test_chinese_text_prints_and_the_font_is_embedded() -> None:
    doc = Document("对账单 Statement", LETTERHEAD)
    doc.fields([("Customer", "北京远景科技有限公司"), ("Tax ID", "91110108MA01ABCD2E")])
    goods = [("货款 goods", with_thousands("1280000.00"))]
    doc.table(("Item", "Amount"), goods, widths_mm=(60, 30), numeric=(1,))
    pdf = doc.render()

    [text] = pages_text(pdf)
    for printed in (
        "上海华东贸易有限公司",
        "浦东新区世纪大道88号",
        "Tax ID: 91310000MA1FL1234X",
        "对账单 Statement",
        "北京远景科技有限公司",
        "货款 goods",
        "1,280,000.00",
        "Page 1",
    ):
        assert printed in text, printed
    assert "?" not in text
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    embedded = [f.get_object()["/FontDescriptor"].get_object() for f in fonts.values()]
    assert all("/FontFile2" in d for d in embedded), embedded


def test_text_is_printed_as_given_not_read_as_markup() -> None:
    doc = Document("R&D <Ltd>", Letterhead("A & B"))
    doc.paragraph("<b>not bold</b> & more")
    [text] = pages_text(doc.render())
    assert "R&D <Ltd>" in text
    assert "<b>not bold</b> & more" in text


def test_a_table_kept_together_moves_whole_to_the_next_page() -> None:
    doc = Document("Long", Letterhead("Ledgerflow"))
    for n in range(46):
        doc.paragraph(f"filler line {n}")
    rows = [(f"bucket {n}", with_thousands(f"{n}000.00")) for n in range(12)]
    doc.table(
        ("Bucket", "Amount"),
        rows,
        widths_mm=(60, 30),
        numeric=(1,),
        keep_together=True,
        caption="Aging buckets",
    )

    pages = pages_text(doc.render())

    assert len(pages) == 2
    assert "filler line 45" in pages[0]
    assert "Aging buckets" in pages[1]
    assert all(f"bucket {n}" in pages[1] for n in range(12))
    assert "bucket" not in pages[0]


def test_a_table_not_kept_together_may_split() -> None:
    doc = Document("Long", Letterhead("Ledgerflow"))
    for n in range(46):
        doc.paragraph(f"filler line {n}")
    rows = [(f"bucket {n}", "1.00") for n in range(12)]
    doc.table(("Bucket", "Amount"), rows, widths_mm=(60, 30), numeric=(1,))

    pages = pages_text(doc.render())

    assert "bucket 0" in pages[0]
    assert "bucket 11" in pages[1]


def test_a_missing_font_is_named_with_how_to_install_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.ttc"
    with pytest.raises(DocumentFontMissing, match="make fonts") as refused:
        find_font_file([missing])
    assert refused.value.looked_in == (missing,)
