# One image for every Ledgerflow service:
#   docker build --build-arg SERVICE=ledger -t ledgerflow/ledger .
# It runs `<service>-svc <command>`: `migrate` (one-shot), `api` (the default) or `worker`.

ARG PYTHON_VERSION=3.12

FROM python:${PYTHON_VERSION}-slim-bookworm AS build
ARG SERVICE
# uv comes from its official image, so the final stage needs neither pip nor build tools.
COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/ledgerflow/venv
WORKDIR /opt/ledgerflow/src
RUN test -n "${SERVICE}" \
    || { echo "build with --build-arg SERVICE=customer|ledger|credit|collections|reporting"; exit 1; }
# Third-party dependencies first, from the lock file alone: a code change reuses this layer.
COPY pyproject.toml uv.lock ./
COPY libs/events/pyproject.toml libs/events/
COPY libs/platform/pyproject.toml libs/platform/
COPY libs/devstack/pyproject.toml libs/devstack/
COPY services/customer-svc/pyproject.toml services/customer-svc/
COPY services/ledger-svc/pyproject.toml services/ledger-svc/
COPY services/credit-svc/pyproject.toml services/credit-svc/
COPY services/collections-svc/pyproject.toml services/collections-svc/
COPY services/reporting-svc/pyproject.toml services/reporting-svc/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-workspace --package "${SERVICE}-svc"
# Then the service and the two libraries it uses; its migrations stay beside its code.
COPY libs/events libs/events
COPY libs/platform libs/platform
COPY services/${SERVICE}-svc services/${SERVICE}-svc
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --package "${SERVICE}-svc" \
    && rm -rf "services/${SERVICE}-svc/tests" libs/*/tests

# The font printed documents embed (Chinese included): ledgerflow_platform.documents.
FROM python:${PYTHON_VERSION}-slim-bookworm AS fonts
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

FROM python:${PYTHON_VERSION}-slim-bookworm AS runtime
ARG SERVICE
ENV PATH=/opt/ledgerflow/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    LEDGERFLOW_SERVICE=${SERVICE}
RUN groupadd --system --gid 10001 ledgerflow \
    && useradd --system --uid 10001 --gid ledgerflow --no-create-home \
       --shell /usr/sbin/nologin ledgerflow
# Owned by root and read-only to the service: it writes nothing but to /tmp.
COPY --from=build /opt/ledgerflow /opt/ledgerflow
COPY --from=fonts /usr/share/fonts/truetype/wqy /usr/share/fonts/truetype/wqy
WORKDIR /opt/ledgerflow
USER 10001:10001
EXPOSE 8000 9100
ENTRYPOINT ["/bin/sh", "-c", "exec \"${LEDGERFLOW_SERVICE}-svc\" \"$@\"", "--"]
CMD ["api"]
