"""A real Prometheus (Debian's package) scraping the e2e platform with the repository's scrape
config and alert rules, for as long as a test module needs it."""

import asyncio
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import yaml

from ledgerflow_devstack.config import HOST
from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_events.testing import eventually

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"
# Fast enough to see a short flow; a scrape must fit in one interval.
SCRAPE_INTERVAL = "2s"


def scrape_config(service_addresses: Mapping[str, str]) -> dict[str, Any]:
    """The repository's prometheus.yml, each job's targets replaced by that service's address
    (API and worker report together under `serve`), its rules by their absolute path."""
    config: dict[str, Any] = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    config["global"].update(
        scrape_interval=SCRAPE_INTERVAL,
        scrape_timeout=SCRAPE_INTERVAL,
        evaluation_interval=SCRAPE_INTERVAL,
    )
    config["rule_files"] = [str(PROMETHEUS_DIR / pattern) for pattern in config["rule_files"]]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert sorted(jobs) == sorted(service_addresses), "one scrape job per service"
    for name, job in jobs.items():
        job["static_configs"] = [{"targets": [service_addresses[name]]}]
    return config


class Prometheus:
    def __init__(self, binary: str, config: dict[str, Any]) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="lf-prom-"))
        self.config_file = self.home / "prometheus.yml"
        self.config_file.write_text(yaml.safe_dump(config))
        self.port = free_ports(1)[0]
        self.url = f"http://{HOST}:{self.port}"
        self._binary = binary
        self._process: subprocess.Popen[bytes] | None = None

    def spawn(self) -> None:
        log = (self.home / "prometheus.log").open("wb")
        self._process = subprocess.Popen(  # noqa: S603 - Debian's prometheus binary
            [
                self._binary,
                f"--config.file={self.config_file}",
                f"--storage.tsdb.path={self.home / 'data'}",
                f"--web.listen-address={HOST}:{self.port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    async def start(self, client: httpx.AsyncClient) -> None:
        await asyncio.to_thread(self.spawn)

        async def ready() -> bool:
            assert self._process is not None
            assert self._process.poll() is None, self.log()
            try:
                return (await client.get(f"{self.url}/-/ready")).status_code == 200
            except httpx.TransportError:
                return False

        await eventually(ready, within=30.0)

    def log(self) -> str:
        return (self.home / "prometheus.log").read_text(errors="replace")[-3000:]

    async def query(self, client: httpx.AsyncClient, expr: str) -> list[dict[str, Any]]:
        response = await client.get(f"{self.url}/api/v1/query", params={"query": expr})
        body = response.json()
        assert body["status"] == "success", f"{expr}: {body}"
        result: list[dict[str, Any]] = body["data"]["result"]
        return result

    async def wait_for_scrapes(self, client: httpx.AsyncClient, jobs: int, scrapes: int) -> None:
        """Until every job's target has been scraped successfully `scrapes` times."""

        async def scraped() -> bool:
            found = await self.query(client, f"sum_over_time(up[5m]) >= {scrapes}")
            return len(found) >= jobs

        await eventually(scraped, within=60.0)

    async def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                await asyncio.to_thread(self._process.wait, 10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                await asyncio.to_thread(self._process.wait)
        shutil.rmtree(self.home, ignore_errors=True)
