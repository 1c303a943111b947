"""The alert rules pass their promtool unit tests, and those tests catch a wrong rule."""

import shutil
from pathlib import Path

from .tools import DEPLOY, run, tool

PROMETHEUS = DEPLOY / "prometheus"


def promtool_test(folder: Path, pattern: str = "*.test.yml") -> tuple[int, str]:
    tests = sorted((folder / "tests").glob(pattern))
    result = run(tool("promtool"), "test", "rules", *tests, cwd=folder)
    return result.returncode, result.stdout + result.stderr


def test_every_rule_fires_and_stays_quiet_as_its_unit_tests_expect() -> None:
    code, output = promtool_test(PROMETHEUS)
    assert code == 0, output
    assert output.count("SUCCESS") == 4, output


def test_the_rules_and_the_scrape_config_are_valid() -> None:
    rules = run(tool("promtool"), "check", "rules", *sorted(PROMETHEUS.glob("rules/*.yml")))
    assert rules.returncode == 0, rules.stdout + rules.stderr
    config = run(tool("promtool"), "check", "config", PROMETHEUS / "prometheus.yml")
    assert config.returncode == 0, config.stdout + config.stderr


def test_each_rule_has_a_firing_and_a_quiet_case() -> None:
    rules = "".join(p.read_text() for p in PROMETHEUS.glob("rules/*.yml"))
    tests = "".join(p.read_text() for p in PROMETHEUS.glob("tests/*.test.yml"))
    names = [line.split(":", 1)[1].strip() for line in rules.splitlines() if "- alert:" in line]
    assert len(names) == 11
    for name in names:
        cases = tests.split(f"alertname: {name}\n")[1:]
        assert any(c.lstrip().startswith("exp_alerts: []") for c in cases), f"{name} never quiet"
        assert any(c.lstrip().startswith("exp_alerts:\n") for c in cases), f"{name} never fires"


def test_a_wrong_threshold_fails_the_rule_tests(tmp_path: Path) -> None:
    shutil.copytree(PROMETHEUS, tmp_path / "prometheus")
    rules = tmp_path / "prometheus" / "rules" / "pipeline.yml"
    # An hour of lag instead of five minutes: the lagging consumer would go unnoticed.
    rules.write_text(
        rules.read_text().replace(
            "ledgerflow_consumer_lag_seconds) > 300", "ledgerflow_consumer_lag_seconds) > 3600"
        )
    )
    code, output = promtool_test(tmp_path / "prometheus", "pipeline.test.yml")
    assert code != 0
    assert "LedgerflowConsumerLagging" in output
