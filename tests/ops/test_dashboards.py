"""The committed dashboards are what the generator makes today."""

import sys

from .tools import DEPLOY, run


def test_the_committed_dashboards_are_fresh(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run(sys.executable, DEPLOY / "grafana" / "generate.py", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    committed = DEPLOY / "grafana" / "dashboards"
    made = {p.name: p.read_text() for p in tmp_path.glob("*.json")}
    assert sorted(made) == ["event-pipeline.json", "platform.json", "receivables.json"]
    stale = [name for name, text in made.items() if (committed / name).read_text() != text]
    assert stale == [], f"run `make dashboards` and commit: {stale} differ from the generator"


def test_grafana_is_provisioned_with_the_dashboards_and_prometheus() -> None:
    provisioning = DEPLOY / "grafana" / "provisioning"
    assert (
        "path: /var/lib/grafana/dashboards/ledgerflow"
        in (provisioning / "dashboards" / "ledgerflow.yml").read_text()
    )
    assert (
        "url: http://prometheus:9090"
        in (provisioning / "datasources" / "prometheus.yml").read_text()
    )
