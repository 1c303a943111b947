"""The scorecard: every input scored on its bands, weighted, summed into a grade.

1. Each input falls in the band with the highest `at_least` not above its value; that band's
   points (0-100) times the input's weight (weights add up to 100), divided by 100, is the
   input's contribution. The score is the sum of contributions, 0 to 100, to the hundredth.
2. An input with no value (no statement, no bureau report, no paid invoice yet) or below every
   band scores nothing: credit is not extended on what we do not know.
3. The grade is the best of A-D whose threshold the score reaches, else E.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

GRADES = ("A", "B", "C", "D", "E")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class InputValue:
    """An input as found: its value, where it came from and the date it speaks for."""

    input: str
    value: Decimal | None
    source: str
    as_of: date | None


@dataclass(frozen=True)
class ScoredInput:
    found: InputValue
    band: Decimal | None
    weight: int
    points: int

    @property
    def contribution(self) -> Decimal:
        return Decimal(self.weight * self.points) / 100


@dataclass(frozen=True)
class Score:
    inputs: list[ScoredInput]
    total: Decimal
    grade: str


def band_of(value: Decimal | None, bands: list[dict[str, Any]]) -> tuple[Decimal | None, int]:
    """The band's lower bound and its points; (None, 0) when unknown or below every band."""
    if value is None:
        return None, 0
    reached = [(Decimal(str(b["at_least"])), int(b["points"])) for b in bands]
    reached = [b for b in reached if b[0] <= value]
    return max(reached) if reached else (None, 0)


def grade_of(score: Decimal, thresholds: dict[str, Any]) -> str:
    for grade in GRADES[:-1]:
        if score >= Decimal(str(thresholds[grade])):
            return grade
    return GRADES[-1]


def score_of(rules: dict[str, Any], found: dict[str, InputValue]) -> Score:
    scored = []
    for line in rules["scorecard"]:
        value = found[line["input"]]
        band, points = band_of(value.value, line["bands"])
        scored.append(ScoredInput(value, band, int(line["weight"]), points))
    total = sum((s.contribution for s in scored), Decimal(0)).quantize(CENT, ROUND_HALF_UP)
    return Score(scored, total, grade_of(total, rules["grade_thresholds"]))
