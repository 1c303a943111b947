"""Writes the Grafana dashboards as JSON: `make dashboards` (into deploy/grafana/dashboards)."""

import argparse
import json
from pathlib import Path

import event_pipeline
import platform_health
import receivables
from grafana_foundation_sdk.cog.encoder import JSONEncoder

DASHBOARDS = {
    "platform": platform_health.build,
    "event-pipeline": event_pipeline.build,
    "receivables": receivables.build,
}


def render() -> dict[str, str]:
    """Each dashboard's file name and JSON text."""
    return {
        f"{name}.json": json.dumps(build().build(), cls=JSONEncoder, indent=2, sort_keys=True)
        + "\n"
        for name, build in DASHBOARDS.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "dashboards")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for name, text in render().items():
        (out / name).write_text(text)


if __name__ == "__main__":
    main()
