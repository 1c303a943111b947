"""Workbooks written by hand, part by part, as an attacker would: the smallest valid .xlsx
around a sheet of our choosing, so a million rows cost a second to make, not minutes."""

import io
import zipfile
from collections.abc import Iterable

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Target="xl/workbook.xml" '
        f'Type="{DOC}/officeDocument"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Target="worksheets/sheet1.xml" Type="{DOC}/worksheet"/></Relationships>'
    ),
}


def inline(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(rows: Iterable[bytes], *, dimension: str | None = None) -> bytes:
    """A workbook whose one sheet holds `rows` (each a `<row>` element, as bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, xml in PARTS.items():
            archive.writestr(name, xml)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}">'.encode())
            if dimension is not None:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for row in rows:
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def million_rows() -> bytes:
    """A header and 1,048,575 rows of a formula text and a number: about 300 KB zipped."""
    header = f"<row>{inline('customer')}{inline('paid')}</row>".encode()
    row = f"<row>{inline('=HYPERLINK(&quot;http://x&quot;)')}<c><v>1</v></c></row>".encode()
    block = row * 4095
    return workbook([header, *[block] * 256])
