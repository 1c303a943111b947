"""Integration partners read our topics with any Kafka tool; kcat is the common one."""

import asyncio
import json
from datetime import date

import pytest

from ledgerflow_devstack.kcat import kcat_command
from ledgerflow_devstack.stack import Stack

from .conftest import Api
from .flow import issue_invoice, register_customer

pytestmark = pytest.mark.e2e


async def kcat_lines(platform: Stack, topic: str) -> list[str]:
    argv, env = kcat_command(
        platform.kafka_bootstrap,
        ["-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%h\t%k\t%s\n"],
        platform.config.home / "lib",
    )
    process = await asyncio.create_subprocess_exec(
        *argv, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    return out.decode().splitlines()


async def test_kcat_shows_cloud_events_headers_and_json_data_on_ledger_events(api: Api) -> None:
    customer = await register_customer(api, "Fabrikam Ltd")
    invoice = await issue_invoice(api, customer, date(2026, 11, 1), "99.90")

    async def published() -> list[str]:
        lines = await kcat_lines(api.platform, "ledger.events")
        return [line for line in lines if invoice["id"] in line]

    for _ in range(100):
        if found := await published():
            break
        await asyncio.sleep(0.2)
    [line] = found
    headers, key, value = line.split("\t")
    header_map = dict(h.split("=", 1) for h in headers.split(","))
    assert header_map["ce_specversion"] == "1.0"
    assert header_map["ce_type"] == "ledger.invoice_issued.v1"
    assert header_map["ce_source"] == "/ledgerflow/ledger"
    assert header_map["ce_subject"] == customer
    assert header_map["content-type"] == "application/json"
    assert key == customer
    data = json.loads(value)
    assert (data["invoice_id"], data["total"], data["currency"]) == (invoice["id"], "99.90", "EUR")
