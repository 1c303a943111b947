"""The Kustomize overlays render, and every object they make is valid: Kubernetes' own kinds
against Kubernetes' schemas (kubernetes-validate), the CRDs against their published schemas."""

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from .tools import DEPLOY, run, tool

K8S = DEPLOY / "k8s"
KUBERNETES_VERSION = "1.33.0"
CRD_SCHEMAS = {
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "servicemonitor_v1.json",
    ("monitoring.coreos.com/v1", "PrometheusRule"): "prometheusrule_v1.json",
    ("keda.sh/v1alpha1", "ScaledObject"): "scaledobject_v1alpha1.json",
}


@cache
def crd_validator(schema_file: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((K8S / "schemas" / schema_file).read_text()))


@cache
def _rendered(overlay: Path) -> str:
    result = run(tool("kubectl"), "kustomize", overlay)
    assert result.returncode == 0, result.stderr
    return result.stdout


def render(overlay: Path) -> list[dict[str, Any]]:
    """The overlay's objects, rendered once per test session."""
    return [doc for doc in yaml.safe_load_all(_rendered(overlay)) if doc]


def problems(objects: list[dict[str, Any]]) -> list[str]:
    found = []
    for obj in objects:
        where = f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
        crd = CRD_SCHEMAS.get((obj.get("apiVersion"), obj.get("kind")))
        if crd is not None:
            found += [f"{where}: {e.message}" for e in crd_validator(crd).iter_errors(obj)]
            continue
        try:
            kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
        except (kubernetes_validate.ValidationError, kubernetes_validate.SchemaNotFoundError) as e:
            found.append(f"{where}: {e}")
    return found


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_the_overlay_renders_valid_objects(overlay: str) -> None:
    objects = render(K8S / "overlays" / overlay)
    assert problems(objects) == []
    kinds = sorted({o["kind"] for o in objects})
    assert kinds == [
        "ConfigMap",
        "Deployment",
        "HorizontalPodAutoscaler",
        "Job",
        "Namespace",
        "NetworkPolicy",
        "PodDisruptionBudget",
        "PrometheusRule",
        "ScaledObject",
        "Service",
        "ServiceMonitor",
    ]
    deployments = [o for o in objects if o["kind"] == "Deployment"]
    assert len(deployments) == 10  # an API and a worker per service


def test_apis_are_probed_on_live_and_ready() -> None:
    for obj in render(K8S / "overlays" / "prod"):
        if obj["kind"] == "Deployment" and obj["metadata"]["name"].endswith("-api"):
            [api] = obj["spec"]["template"]["spec"]["containers"]
            assert api["livenessProbe"]["httpGet"]["path"] == "/health/live"
            assert api["readinessProbe"]["httpGet"]["path"] == "/health/ready"
            assert api["resources"]["requests"] == {"cpu": "500m", "memory": "384Mi"}


def egress_to_services(policy: dict[str, Any]) -> set[str]:
    return {
        peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
        for rule in policy["spec"]["egress"]
        for peer in rule["to"]
        if "podSelector" in peer and "namespaceSelector" not in peer
    }


def test_each_service_reaches_only_the_services_it_calls() -> None:
    policies = {
        o["metadata"]["name"]: o
        for o in render(K8S / "overlays" / "prod")
        if o["kind"] == "NetworkPolicy" and o["metadata"]["name"] != "default-deny"
    }
    assert {name: egress_to_services(p) for name, p in policies.items()} == {
        "customer": {"ledger"},
        "ledger": {"customer"},
        "credit": set(),
        "collections": {"customer", "ledger"},
        "reporting": {"customer", "ledger", "credit", "collections"},
    }


def test_the_prometheus_rule_holds_every_rule_file_group() -> None:
    [rule] = [o for o in render(K8S / "base") if o["kind"] == "PrometheusRule"]
    files = sorted((DEPLOY / "prometheus" / "rules").glob("*.yml"))
    groups = [g for f in files for g in yaml.safe_load(f.read_text())["groups"]]
    assert rule["spec"]["groups"] == groups


def test_the_generated_base_is_fresh(tmp_path: Path) -> None:
    result = run(sys.executable, K8S / "generate.py", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    stale = [
        p.name for p in tmp_path.iterdir() if p.read_text() != (K8S / "base" / p.name).read_text()
    ]
    assert stale == [], f"run `make manifests` and commit: {stale}"


def test_an_invalid_object_is_caught() -> None:
    objects = render(K8S / "overlays" / "dev")
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    deployment["spec"]["replicas"] = "two"
    monitor = next(o for o in objects if o["kind"] == "ServiceMonitor")
    monitor["spec"]["endpoints"][0]["scheme"] = "gopher"
    scaled = next(o for o in objects if o["kind"] == "ScaledObject")
    del scaled["spec"]["triggers"]
    found = problems([deployment, monitor, scaled])
    assert len(found) == 3, found
