"""The figures each fault leaves behind, printed at the end of the run."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FaultFigures:
    fault: str
    sent: int
    acknowledged: int
    retried: int
    replayed: int
    lost: int
    doubled: int
    seconds_to_agree: float


FIGURES: list[FaultFigures] = []
COLUMNS = ("sent", "acknowledged", "retried", "replayed", "lost", "doubled", "seconds_to_agree")


def table(rows: list[FaultFigures]) -> list[str]:
    header = f"{'fault':<34}" + "".join(f"{c.replace('_', ' '):>17}" for c in COLUMNS)
    lines = [header]
    for row in rows:
        cells = [
            f"{getattr(row, c):>17.1f}" if c == "seconds_to_agree" else f"{getattr(row, c):>17}"
            for c in COLUMNS
        ]
        lines.append(f"{row.fault:<34}" + "".join(cells))
    return lines
