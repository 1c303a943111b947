"""Each service's Kubernetes objects: API, worker, migration, their Services, configuration,
disruption budget, autoscalers, network policy and scrape config."""

from typing import Any

SERVICES = ("customer", "ledger", "credit", "collections", "reporting")
# The services each one calls over REST (ARCHITECTURE.md, "Between services"): customer hands
# imported opening balances to the ledger, the ledger asks about customers it has not heard of,
# collections reads recipients and statements, reporting reads customers for its customer table
# and the ledger for report packs, and asks every producer to replay when it rebuilds.
# tests/ops/test_service_wiring.py checks this against the services' code.
CALLS: dict[str, tuple[str, ...]] = {
    "customer": ("ledger",),
    "ledger": ("customer",),
    "credit": (),
    "collections": ("customer", "ledger"),
    "reporting": ("customer", "ledger", "credit", "collections"),
}
# Services with event consumers: their workers scale out on consumer lag, up to the partitions.
CONSUMERS = ("ledger", "credit", "collections", "reporting")
PARTITIONS = 4
API_PORT, METRICS_PORT = 8000, 9100
PROMETHEUS = "http://prometheus-operated.monitoring.svc:9090"
# Where a calling service's signing key (the Secret `<service>-service-key`, key
# `service-key.pem`) is mounted in its API and worker pods.
SERVICE_KEY_DIR, SERVICE_KEY_NAME = "/etc/ledgerflow/service-key", "service-key.pem"
SERVICE_KEY_FILE = f"{SERVICE_KEY_DIR}/{SERVICE_KEY_NAME}"
# The ports collections-svc may send mail on, to the namespace `mail`: a relay's submission
# port (587) or a mail catcher's (1025); each overlay names the host (COLLECTIONS_SMTP_HOST).
SMTP_PORTS = (587, 1025)

Obj = dict[str, Any]


def labels(name: str, component: str | None = None) -> dict[str, str]:
    found = {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "ledgerflow"}
    if component:
        found["app.kubernetes.io/component"] = component
    return found


def meta(name: str, service: str, component: str | None = None) -> Obj:
    return {"name": name, "labels": labels(service, component)}


def container(service: str, command: str, resources: Obj) -> Obj:
    return {
        "name": command,
        "image": f"ledgerflow/{service}:latest",
        "args": [command],
        # Non-secret settings, then the secret ones: <SERVICE>_DATABASE_URL,
        # <SERVICE>_AUTH_PUBLIC_KEY and the service's keys (see the README), created apart.
        "envFrom": [
            {"configMapRef": {"name": f"{service}-config"}},
            {"secretRef": {"name": f"{service}-secrets"}},
        ],
        "resources": resources,
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        },
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],  # noqa: S108 - an emptyDir
    }


def pod(service: str, component: str, main: Obj, restart: str = "Always") -> Obj:
    return {
        "metadata": {"labels": labels(service, component)},
        "spec": {
            "restartPolicy": restart,
            "automountServiceAccountToken": False,
            "securityContext": {
                "runAsNonRoot": True,
                "runAsUser": 10001,
                "runAsGroup": 10001,
                # Owns the mounted signing key, which only owner and group may read.
                "fsGroup": 10001,
                "seccompProfile": {"type": "RuntimeDefault"},
            },
            "containers": [main],
            # The metrics of `serve` and Python's own scratch files; the image is read-only.
            "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}],
        },
    }


def with_service_key(service: str, template: Obj) -> Obj:
    """A pod of a service that calls others, given the key it signs its calls with: the
    Secret `<service>-service-key`, created apart like `<service>-secrets` (see the README)."""
    if not CALLS[service]:
        return template
    spec = template["spec"]
    spec["volumes"].append(
        {
            "name": "service-key",
            "secret": {
                "secretName": f"{service}-service-key",
                # Named, so a Secret without this key keeps the pod from starting, saying why.
                "items": [{"key": SERVICE_KEY_NAME, "path": SERVICE_KEY_NAME}],
                "defaultMode": 0o440,
            },
        }
    )
    for main in spec["containers"]:
        main["volumeMounts"].append(
            {"name": "service-key", "mountPath": SERVICE_KEY_DIR, "readOnly": True}
        )
    return template


def resources(cpu: str, memory: str, memory_limit: str) -> Obj:
    return {"requests": {"cpu": cpu, "memory": memory}, "limits": {"memory": memory_limit}}


def probe(path: str, period: int, failures: int) -> Obj:
    return {
        "httpGet": {"path": path, "port": "http"},
        "periodSeconds": period,
        "timeoutSeconds": 5,
        "failureThreshold": failures,
    }


def api(service: str) -> list[Obj]:
    main = container(service, "api", resources("250m", "256Mi", "512Mi"))
    main["ports"] = [{"name": "http", "containerPort": API_PORT}]
    main["startupProbe"] = probe("/health/live", 2, 30)
    main["livenessProbe"] = probe("/health/live", 10, 3)
    main["readinessProbe"] = probe("/health/ready", 10, 3)
    name = f"{service}-api"
    selector = {"matchLabels": labels(service, "api")}
    return [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": meta(name, service, "api"),
            "spec": {
                "replicas": 2,
                "selector": selector,
                "strategy": {"rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
                "template": with_service_key(service, pod(service, "api", main)),
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": meta(service, service, "api"),
            "spec": {
                "selector": labels(service, "api"),
                "ports": [{"name": "http", "port": 80, "targetPort": "http"}],
            },
        },
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": meta(name, service, "api"),
            "spec": {"minAvailable": 1, "selector": selector},
        },
        {
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": meta(name, service, "api"),
            "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                "minReplicas": 2,
                "maxReplicas": 6,
                "metrics": [
                    {
                        "type": "Resource",
                        "resource": {
                            "name": "cpu",
                            "target": {"type": "Utilization", "averageUtilization": 70},
                        },
                    }
                ],
            },
        },
    ]


def worker(service: str) -> list[Obj]:
    main = container(service, "worker", resources("100m", "256Mi", "512Mi"))
    main["ports"] = [{"name": "metrics", "containerPort": METRICS_PORT}]
    main["livenessProbe"] = {"tcpSocket": {"port": "metrics"}, "periodSeconds": 15}
    name = f"{service}-worker"
    found: list[Obj] = [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": meta(name, service, "worker"),
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": labels(service, "worker")},
                "template": with_service_key(service, pod(service, "worker", main)),
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": meta(f"{name}-metrics", service, "worker"),
            "spec": {
                "selector": labels(service, "worker"),
                "ports": [{"name": "metrics", "port": METRICS_PORT, "targetPort": "metrics"}],
            },
        },
    ]
    if service in CONSUMERS:
        found.append(
            {
                "apiVersion": "keda.sh/v1alpha1",
                "kind": "ScaledObject",
                "metadata": meta(name, service, "worker"),
                "spec": {
                    "scaleTargetRef": {"name": name},
                    "minReplicaCount": 1,
                    # More consumers than partitions would sit idle.
                    "maxReplicaCount": PARTITIONS,
                    "cooldownPeriod": 300,
                    "triggers": [
                        {
                            "type": "prometheus",
                            "metadata": {
                                "serverAddress": PROMETHEUS,
                                "query": "max(ledgerflow_consumer_lag_seconds"
                                f'{{service="{service}"}})',
                                "threshold": "30",
                            },
                        }
                    ],
                },
            }
        )
    return found


def migration(service: str) -> Obj:
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta(f"{service}-migrate", service, "migration"),
        "spec": {
            "backoffLimit": 4,
            # Gone soon after it succeeds, so the next release's apply creates it afresh.
            "ttlSecondsAfterFinished": 600,
            "template": pod(
                service,
                "migration",
                container(service, "migrate", resources("100m", "128Mi", "256Mi")),
                restart="Never",
            ),
        },
    }


def config(service: str) -> Obj:
    prefix = service.upper()
    data = {
        f"{prefix}_ENV": "production",
        f"{prefix}_HOST": "0.0.0.0",  # noqa: S104 - inside its pod
        f"{prefix}_PORT": str(API_PORT),
        f"{prefix}_WORKER_METRICS_PORT": str(METRICS_PORT),
        f"{prefix}_KAFKA_BOOTSTRAP_SERVERS": "kafka-bootstrap.kafka.svc:9092",
        f"{prefix}_LOG_JSON": "true",
        "OTEL_SERVICE_NAME": f"{service}-svc",
    }
    # Only the services it calls, by their Service's name in the same namespace (port 80).
    for called in CALLS[service]:
        data[f"{prefix}_{called.upper()}_URL"] = f"http://{called}"
    if CALLS[service]:
        data[f"{prefix}_SERVICE_KEY_FILE"] = SERVICE_KEY_FILE
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": meta(f"{service}-config", service),
        "data": data,
    }


def network_policy(service: str) -> Obj:
    def namespace(name: str) -> Obj:
        return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}

    def pods(*names: str, component: str | None = "api") -> list[Obj]:
        return [{"podSelector": {"matchLabels": labels(n, component)}} for n in names]

    def tcp(*ports: int) -> list[Obj]:
        return [{"protocol": "TCP", "port": p} for p in ports]

    callers = [name for name, called in CALLS.items() if service in called]
    ingress: list[Obj] = [
        {"from": [namespace("monitoring")], "ports": tcp(API_PORT, METRICS_PORT)},
        {"from": [namespace("ingress-nginx")], "ports": tcp(API_PORT)},
    ]
    if callers:
        # From the callers' API and worker pods alike: workers call too (collections' notice
        # senders, the ledger's consumers).
        ingress.append({"from": pods(*callers, component=None), "ports": tcp(API_PORT)})
    dns = {**namespace("kube-system"), "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}
    egress: list[Obj] = [
        {"to": [dns], "ports": [{"protocol": "UDP", "port": 53}, *tcp(53)]},
        {"to": [namespace("postgres")], "ports": tcp(5432)},
        {"to": [namespace("kafka")], "ports": tcp(9092)},
        # Traces, when OTEL_EXPORTER_OTLP_ENDPOINT points at a collector there.
        {"to": [namespace("observability")], "ports": tcp(4318)},
    ]
    if CALLS[service]:
        egress.append({"to": pods(*CALLS[service]), "ports": tcp(API_PORT)})
    if service == "collections":
        egress.append({"to": [namespace("mail")], "ports": tcp(*SMTP_PORTS)})
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": meta(service, service),
        "spec": {
            "podSelector": {"matchLabels": labels(service)},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": ingress,
            "egress": egress,
        },
    }


def service_monitor(service: str) -> Obj:
    endpoint = {"path": "/metrics", "interval": "15s"}
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": meta(service, service),
        "spec": {
            # job="<service>" for the API and the worker, as in deploy/prometheus/prometheus.yml.
            "jobLabel": "app.kubernetes.io/name",
            "selector": {"matchLabels": labels(service)},
            "endpoints": [{"port": "http", **endpoint}, {"port": "metrics", **endpoint}],
        },
    }


def service_objects(service: str) -> list[Obj]:
    return [
        config(service),
        *api(service),
        *worker(service),
        migration(service),
        network_policy(service),
        service_monitor(service),
    ]
