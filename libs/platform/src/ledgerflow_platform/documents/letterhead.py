"""The company's letterhead, printed at the top of every page of every document, from each
service's settings (LEDGER_COMPANY_NAME, LEDGER_COMPANY_ADDRESS, LEDGER_COMPANY_TAX_ID, and
the same with the service's own prefix elsewhere)."""

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


@dataclass(frozen=True)
class Letterhead:
    """Who issues a document: the company's name, its address lines and its tax id."""

    company_name: str
    address_lines: tuple[str, ...] = ()
    tax_id: str | None = None


class CompanySettings(BaseSettings):
    """The issuing company, mixed into a service's Settings, which gives the env prefix.

    `company_address` holds the address lines separated by newlines or semicolons, as one
    environment variable can: "88 Century Avenue; Pudong, Shanghai 200120; China"."""

    model_config = SettingsConfigDict(extra="ignore")

    company_name: str = Field(default="Ledgerflow", min_length=1, max_length=200)
    company_address: str | None = Field(default=None, max_length=500)
    company_tax_id: str | None = Field(default=None, max_length=40)
    # A TrueType font that prints Chinese; unset, the first installed of fonts.FONT_FILES.
    document_font_file: Path | None = None

    def letterhead(self) -> Letterhead:
        raw = (self.company_address or "").replace(";", "\n")
        lines = tuple(line.strip() for line in raw.splitlines() if line.strip())
        return Letterhead(self.company_name, lines, self.company_tax_id or None)
