"""A customer's financial statements and the ratios finance teams read from them.

1. Amounts are the statement's, in minor units of its currency. EBIT, retained earnings and
   equity may be negative: those are the distressed cases the ratios exist for.
2. Impossible statements are refused naming the field: total assets must be more than zero,
   nothing else on the balance sheet negative, current assets within total assets, cash,
   marketable securities, receivables and inventory within current assets, current
   liabilities within total liabilities.
3. Ratios: current (CA / CL), quick ((cash + marketable securities + receivables) / CL),
   debt-to-assets (TL / TA), receivables turnover (sales / receivables), and Altman Z'' for
   non-manufacturers: 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4 with X1 = (CA - CL) / TA,
   X2 = retained earnings / TA, X3 = EBIT / TA, X4 = equity / TL; safe above 2.6, grey from
   1.1 to 2.6, distress below 1.1. A ratio over a zero is unknown (null), never infinite.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ledgerflow_platform.errors import DomainError

NON_NEGATIVE = (
    "current_assets",
    "current_liabilities",
    "cash",
    "marketable_securities",
    "receivables",
    "inventory",
    "total_liabilities",
    "sales",
)


class ImpossibleStatement(DomainError):
    """The figures cannot come from a real balance sheet."""


@dataclass(frozen=True)
class FinancialStatement:
    period_end: date
    currency: str
    current_assets: int
    current_liabilities: int
    cash: int
    marketable_securities: int
    receivables: int
    inventory: int
    total_assets: int
    total_liabilities: int
    equity: int
    retained_earnings: int
    ebit: int
    sales: int


@dataclass(frozen=True)
class Ratios:
    current_ratio: Decimal | None
    quick_ratio: Decimal | None
    debt_to_assets: Decimal
    receivables_turnover: Decimal | None
    altman_z: Decimal | None
    altman_zone: str | None


def checked(statement: FinancialStatement) -> FinancialStatement:
    s = statement
    if s.total_assets <= 0:
        raise ImpossibleStatement("total_assets must be more than zero.", field="total_assets")
    for name in NON_NEGATIVE:
        if getattr(s, name) < 0:
            raise ImpossibleStatement(f"{name} cannot be negative.", field=name)
    if s.current_assets > s.total_assets:
        raise ImpossibleStatement(
            "current_assets cannot exceed total_assets.", field="current_assets"
        )
    if s.cash + s.marketable_securities + s.receivables + s.inventory > s.current_assets:
        raise ImpossibleStatement(
            "cash, marketable securities, receivables and inventory are part of current_assets.",
            field="current_assets",
        )
    if s.current_liabilities > s.total_liabilities:
        raise ImpossibleStatement(
            "current_liabilities cannot exceed total_liabilities.", field="current_liabilities"
        )
    return s


def ratios_of(s: FinancialStatement) -> Ratios:
    cl, ta, tl = s.current_liabilities, s.total_assets, s.total_liabilities
    z = altman_z(s)
    return Ratios(
        current_ratio=_ratio(s.current_assets, cl),
        quick_ratio=_ratio(s.cash + s.marketable_securities + s.receivables, cl),
        debt_to_assets=Decimal(tl) / Decimal(ta),
        receivables_turnover=_ratio(s.sales, s.receivables),
        altman_z=z,
        altman_zone=None if z is None else zone_of(z),
    )


def altman_z(s: FinancialStatement) -> Decimal | None:
    if s.total_liabilities == 0:
        return None
    ta = Decimal(s.total_assets)
    x1 = Decimal(s.current_assets - s.current_liabilities) / ta
    x2 = Decimal(s.retained_earnings) / ta
    x3 = Decimal(s.ebit) / ta
    x4 = Decimal(s.equity) / Decimal(s.total_liabilities)
    return Decimal("6.56") * x1 + Decimal("3.26") * x2 + Decimal("6.72") * x3 + Decimal("1.05") * x4


def zone_of(z: Decimal) -> str:
    if z > Decimal("2.6"):
        return "safe"
    return "grey" if z >= Decimal("1.1") else "distress"


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    return None if denominator == 0 else Decimal(numerator) / Decimal(denominator)


def rounded(value: Decimal | None, places: int = 2) -> str | None:
    if value is None:
        return None
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
