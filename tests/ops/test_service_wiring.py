"""Deployed from docker-compose.yml or the Kubernetes overlays, each service reaches the
services it calls and signs those calls, and collections-svc's mail reaches a mail server.

Who calls whom is read from the services' code, not from a list kept beside the deployment: a
service calls another where it builds a `service_client("<other>", ...)`, or where its own
settings declare `<other>_url` (reporting asks every producer to replay when it rebuilds).
"""

import importlib
import re
import shutil
import stat
import sys
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from ledgerflow_platform.auth.verifier import TokenVerifier
from ledgerflow_platform.service_client import ServiceCredentials
from ledgerflow_platform.settings import ServiceSettings

from .test_containers import SERVICES, compose
from .test_kubernetes import K8S, render
from .tools import DEPLOY, ROOT, run

CLIENT_CALL = re.compile(r"""service_client\(\s*["'](\w+)["']""")
API_PORT = 8000
# Mailpit's SMTP listener (its default; the web UI is on 8025).
MAILPIT_SMTP_PORT = 1025
ISSUER_PUBLIC_KEY = "${AUTH_PUBLIC_KEY:?}"


def settings_fields(service: str) -> set[str]:
    module = importlib.import_module(f"{service}_svc.settings")
    return set(module.Settings.model_fields)


@cache
def calls() -> dict[str, frozenset[str]]:
    """For each service, the services its code calls over REST."""
    shared = set(ServiceSettings.model_fields)
    found = {}
    for service in SERVICES:
        source = ROOT / "services" / f"{service}-svc" / "src"
        called = {
            match
            for path in source.rglob("*.py")
            for match in CLIENT_CALL.findall(path.read_text())
        }
        own = settings_fields(service) - shared
        called |= {other for other in SERVICES if f"{other}_url" in own}
        found[service] = frozenset(called - {service})
    return found


def uses_smtp(service: str) -> bool:
    return "smtp_host" in settings_fields(service)


def test_the_calls_are_read_from_the_code() -> None:
    # What the architecture names, at least: were the reading broken, nothing would be checked.
    assert calls()["ledger"] >= {"customer"}
    assert calls()["collections"] >= {"customer", "ledger"}
    assert calls()["reporting"] >= {"customer", "ledger", "credit", "collections"}
    assert calls()["customer"] >= {"ledger"}
    assert [s for s in SERVICES if uses_smtp(s)] == ["collections"]


def url_setting(service: str, called: str) -> str:
    assert f"{called}_url" in settings_fields(service), f"{service}-svc has no {called}_url"
    return f"{service.upper()}_{called.upper()}_URL"


# docker compose


def secret_mount(secret: str | dict[str, str]) -> tuple[str, str]:
    """Where a service's secret appears in its containers, and which secret it is."""
    source = secret if isinstance(secret, str) else secret["source"]
    target = source if isinstance(secret, str) else secret.get("target", source)
    return (target if target.startswith("/") else f"/run/secrets/{target}"), source


def compose_problems(document: dict[str, Any]) -> list[str]:
    services, secrets = document["services"], document.get("secrets", {})
    found = []
    for service in SERVICES:
        prefix = service.upper()
        for half in ("api", "worker"):
            name = f"{service}-{half}"
            env = services[name]["environment"]
            urls = {k for k in env if k.startswith(prefix) and k.endswith("_URL")}
            urls.discard(f"{prefix}_DATABASE_URL")
            wanted = {
                url_setting(service, c): f"http://{c}-api:{API_PORT}" for c in calls()[service]
            }
            if urls != set(wanted):
                found.append(f"{name}: neighbour URLs {sorted(urls)}, needs {sorted(wanted)}")
            for key, url in wanted.items():
                if env.get(key) != url:
                    found.append(f"{name}: {key} is {env.get(key)!r}, not {url}")
            for called in calls()[service]:
                # The signing key is the issuer's (make_env.py): the called API must verify
                # with the issuer's public key.
                verifies = services[f"{called}-api"]["environment"]
                if verifies.get(f"{called.upper()}_AUTH_PUBLIC_KEY") != ISSUER_PUBLIC_KEY:
                    found.append(f"{called}-api does not trust the key {name} signs with")
            key_file = env.get(f"{prefix}_SERVICE_KEY_FILE")
            if not calls()[service]:
                if key_file is not None:
                    found.append(f"{name} calls no one but has a signing key")
                continue
            mounted = dict(secret_mount(s) for s in services[name].get("secrets", []))
            if key_file not in mounted:
                found.append(f"{name}: its signing key {key_file!r} is not a mounted secret")
            elif "file" not in secrets.get(mounted[key_file], {}):
                found.append(f"{name}: the secret {mounted[key_file]} is not read from a file")
    for service in filter(uses_smtp, SERVICES):
        prefix = service.upper()
        for half in ("api", "worker"):
            env = services[f"{service}-{half}"]["environment"]
            host, port = env.get(f"{prefix}_SMTP_HOST"), env.get(f"{prefix}_SMTP_PORT")
            if (host, port) != ("mailpit", MAILPIT_SMTP_PORT) or "mailpit" not in services:
                found.append(f"{service}-{half} mails {host}:{port}, not mailpit's SMTP")
    return found


def test_compose_wires_each_service_to_the_services_it_calls() -> None:
    assert compose_problems(compose()) == []


def test_mailpit_listens_for_smtp_where_collections_sends() -> None:
    # Mailpit's SMTP address is moved only by MP_SMTP_BIND_ADDR or --smtp.
    mailpit = compose()["services"]["mailpit"]
    assert "MP_SMTP_BIND_ADDR" not in mailpit.get("environment", {})
    assert "command" not in mailpit


async def test_make_compose_env_writes_the_key_compose_mounts_and_the_services_trust(
    tmp_path: Path,
) -> None:
    script = tmp_path / "deploy" / "compose" / "make_env.py"
    script.parent.mkdir(parents=True)
    shutil.copy(DEPLOY / "compose" / "make_env.py", script)
    result = run(sys.executable, script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    [secret] = compose()["secrets"].values()
    key = tmp_path / secret["file"]
    # Readable by the containers' user, behind a directory only its owner may enter.
    assert stat.S_IMODE(key.stat().st_mode) == 0o644
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert ".ledgerflow/" in (ROOT / ".gitignore").read_text().splitlines()
    assert PurePosixPath(secret["file"]).parts[0] == ".ledgerflow"

    [public] = re.findall(r'^AUTH_PUBLIC_KEY="(.*)"$', (tmp_path / ".env").read_text(), re.M)
    verifier = TokenVerifier(
        public.replace("\\n", "\n"), issuer="ledgerflow", audience="ledgerflow"
    )
    signed = ServiceCredentials.from_key_file(
        key, service="reporting", issuer="ledgerflow", audience="ledgerflow"
    )
    principal = await verifier.verify(signed.token())
    assert principal.subject == "reporting-svc"


@pytest.mark.parametrize(
    ("service", "setting", "value"),
    [
        ("ledger", "LEDGER_CUSTOMER_URL", None),
        ("reporting", "REPORTING_COLLECTIONS_URL", None),
        ("customer", "CUSTOMER_SERVICE_KEY_FILE", None),
        ("collections", "COLLECTIONS_SMTP_HOST", "127.0.0.1"),
        ("credit", "CREDIT_LEDGER_URL", "http://ledger-api:8000"),
    ],
)
def test_a_compose_service_wired_wrong_is_caught(
    service: str, setting: str, value: str | None
) -> None:
    document = compose()
    env = dict(document["services"][f"{service}-worker"]["environment"])
    if value is None:
        del env[setting]
    else:
        env[setting] = value
    document["services"][f"{service}-worker"]["environment"] = env
    assert len(compose_problems(document)) >= 1


# Kubernetes


def kubernetes_problems(objects: list[dict[str, Any]]) -> list[str]:
    by_kind: dict[str, dict[str, dict[str, Any]]] = {}
    for obj in objects:
        by_kind.setdefault(obj["kind"], {})[obj["metadata"]["name"]] = obj
    found = []
    for service in SERVICES:
        prefix = service.upper()
        data = by_kind["ConfigMap"][f"{service}-config"]["data"]
        urls = {k for k in data if k.endswith("_URL")}
        wanted = {url_setting(service, c): f"http://{c}" for c in calls()[service]}
        if urls != set(wanted):
            found.append(f"{service}-config: neighbour URLs {sorted(urls)}, needs {sorted(wanted)}")
        for key, url in wanted.items():
            called = url.removeprefix("http://")
            ports = by_kind["Service"].get(called, {}).get("spec", {}).get("ports", [])
            if data.get(key) != url or not any(p["port"] == 80 for p in ports):
                found.append(
                    f"{service}-config: {key} {data.get(key)!r} is not the {called} Service"
                )
        key_file = data.get(f"{prefix}_SERVICE_KEY_FILE")
        if not calls()[service]:
            if key_file is not None:
                found.append(f"{service} calls no one but has a signing key")
            continue
        for half in ("api", "worker"):
            spec = by_kind["Deployment"][f"{service}-{half}"]["spec"]["template"]["spec"]
            secrets = {
                v["name"]: v["secret"]["secretName"] for v in spec["volumes"] if "secret" in v
            }
            [main] = spec["containers"]
            mounted = [
                m
                for m in main["volumeMounts"]
                if m["name"] in secrets
                and secrets[m["name"]] == f"{service}-service-key"
                and key_file is not None
                and Path(key_file).parent == Path(m["mountPath"])
            ]
            if not mounted:
                found.append(f"{service}-{half}: {key_file!r} is not its mounted service key")
    for service in filter(uses_smtp, SERVICES):
        data = by_kind["ConfigMap"][f"{service}-config"]["data"]
        host = data.get(f"{service.upper()}_SMTP_HOST")
        if host in (None, "127.0.0.1", "localhost"):
            found.append(f"{service}-config: no SMTP host ({host!r})")
        port = int(data.get(f"{service.upper()}_SMTP_PORT", 1025))
        egress = by_kind["NetworkPolicy"][service]["spec"]["egress"]
        if not any(p.get("port") == port for rule in egress for p in rule.get("ports", [])):
            found.append(f"{service}: its NetworkPolicy lets no mail out on port {port}")
    return found


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_the_overlay_wires_each_service_to_the_services_it_calls(overlay: str) -> None:
    assert kubernetes_problems(render(K8S / "overlays" / overlay)) == []


def test_the_network_policies_let_each_call_through() -> None:
    objects = render(K8S / "overlays" / "prod")
    policies = {o["metadata"]["name"]: o for o in objects if o["kind"] == "NetworkPolicy"}
    for caller, called in calls().items():
        for other in called:
            ingress = policies[other]["spec"]["ingress"]
            sources = [
                peer["podSelector"]["matchLabels"]
                for rule in ingress
                for peer in rule["from"]
                if "podSelector" in peer
            ]
            # Any of the caller's pods: workers call as well as APIs.
            assert {
                "app.kubernetes.io/name": caller,
                "app.kubernetes.io/part-of": "ledgerflow",
            } in (sources), f"{other} refuses {caller}"


@pytest.mark.parametrize(
    ("kind", "name", "path"),
    [
        ("ConfigMap", "ledger-config", ("data", "LEDGER_CUSTOMER_URL")),
        ("ConfigMap", "customer-config", ("data", "CUSTOMER_SERVICE_KEY_FILE")),
        ("ConfigMap", "collections-config", ("data", "COLLECTIONS_SMTP_HOST")),
        ("Deployment", "reporting-worker", ("spec", "template", "spec", "volumes")),
    ],
)
def test_a_kubernetes_service_wired_wrong_is_caught(
    kind: str, name: str, path: tuple[str, ...]
) -> None:
    objects = render(K8S / "overlays" / "dev")
    [obj] = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    *parents, last = path
    node = obj
    for key in parents:
        node = node[key]
    if isinstance(node[last], list):
        node[last] = [v for v in node[last] if "secret" not in v]
    else:
        del node[last]
    assert len(kubernetes_problems(objects)) >= 1
