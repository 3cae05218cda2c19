# syntax=docker/dockerfile:1.7
#
# One image per service, chosen by APP (required):
#   docker build --build-arg APP=gateway -t agent-bus/gateway:dev .
# APP: gateway | master-orchestrator | cpu-agent-worker | gpu-job-controller | memory-service |
#      skills-registry. NODE_VERSION: 22 (LTS, the default) or 24 (LTS).
#
# The runtime image holds the app's webpack bundle (dist/apps/<app>/main.js), the production
# node_modules (the bundle keeps packages external) and tini. It runs as uid 10001, writes nothing
# outside $TMPDIR (/tmp), so it runs with a read-only root filesystem when /tmp is a tmpfs or
# emptyDir, and tini (PID 1) passes SIGTERM to node, which drains consumers before it exits.
# deploy/compose and deploy/k8s run it that way; tools/deploy-checks/src/image checks this file
# against the apps' build output, ports and health routes.

ARG NODE_VERSION=22
ARG APP

FROM node:${NODE_VERSION}-bookworm-slim AS node-base
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_SKIP_NX_CACHE=true \
    npm_config_update_notifier=false

# Every dependency, for the Nx build. Its own layer, so a source change does not reinstall.
# Install scripts are skipped here too: native pieces (nx, swc) come as prebuilt optional
# packages, and the rest (test-only native modules, telemetry) need a compiler or a network.
FROM node-base AS deps
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# Bundles one app with its own project target, exactly as `npx nx run <app>:build` does locally.
FROM deps AS build
ARG APP
COPY . .
RUN if [ -z "${APP}" ] || [ ! -f "apps/${APP}/project.json" ]; then \
      echo "build with --build-arg APP=<app>, one of: $(ls apps | tr '\n' ' ')" >&2; exit 1; \
    fi
RUN npx nx run "${APP}:build" --output-style=static \
    && test -f "dist/apps/${APP}/main.js"

# Production dependencies only, without install scripts: none is needed at run time (scarf's is
# telemetry, protobufjs's a version notice, swc's a check of its prebuilt binding).
FROM node-base AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG NODE_VERSION
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=
# The repository URL; the release workflow passes it.
ARG SOURCE=
# tini as PID 1: forwards signals to node and reaps the children of the GPU controller's local
# backend. Kubernetes has no --init, so it lives in the image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 agentbus \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin agentbus
WORKDIR /app
# Owned by root and not writable by the app: the code cannot be changed by the process running it.
COPY --from=prod-deps /app/node_modules ./node_modules
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    TMPDIR=/tmp
LABEL org.opencontainers.image.vendor="Agent Bus" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="docker.io/library/node:${NODE_VERSION}-bookworm-slim"
USER 10001:10001
ENTRYPOINT ["/usr/bin/tini", "--"]
# Node has no curl here: the probe is node's own fetch, on the port the app listens on (HTTP_PORT,
# set per app below). /healthz answers 200 as soon as the process runs, also while it still waits
# for NATS or Postgres (/readyz says that), so a slow dependency never gets the container killed.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/healthz', { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# One stage per app: its port (the default in apps/<app>/src/config.ts), its bundle, its command.
FROM runtime AS runtime-gateway
LABEL org.opencontainers.image.title="agent-bus-gateway" \
      org.opencontainers.image.description="Agent Bus gateway: public HTTP API, SSE, OpenAPI docs"
COPY --from=build /workspace/dist/apps/gateway ./dist/apps/gateway
ENV HTTP_PORT=3000
EXPOSE 3000
CMD ["node", "dist/apps/gateway/main.js"]

FROM runtime AS runtime-master-orchestrator
LABEL org.opencontainers.image.title="agent-bus-master-orchestrator" \
      org.opencontainers.image.description="Agent Bus master-orchestrator: workflow state machine, gates, retries"
COPY --from=build /workspace/dist/apps/master-orchestrator ./dist/apps/master-orchestrator
ENV HTTP_PORT=3001
EXPOSE 3001
CMD ["node", "dist/apps/master-orchestrator/main.js"]

FROM runtime AS runtime-cpu-agent-worker
LABEL org.opencontainers.image.title="agent-bus-cpu-agent-worker" \
      org.opencontainers.image.description="Agent Bus cpu-agent-worker: runs agents (prompt, LLM call, validation)"
COPY --from=build /workspace/dist/apps/cpu-agent-worker ./dist/apps/cpu-agent-worker
ENV HTTP_PORT=3002
EXPOSE 3002
CMD ["node", "dist/apps/cpu-agent-worker/main.js"]

FROM runtime AS runtime-gpu-job-controller
LABEL org.opencontainers.image.title="agent-bus-gpu-job-controller" \
      org.opencontainers.image.description="Agent Bus gpu-job-controller: GPU tasks as Kubernetes Jobs"
COPY --from=build /workspace/dist/apps/gpu-job-controller ./dist/apps/gpu-job-controller
ENV HTTP_PORT=3003
EXPOSE 3003
CMD ["node", "dist/apps/gpu-job-controller/main.js"]

FROM runtime AS runtime-memory-service
LABEL org.opencontainers.image.title="agent-bus-memory-service" \
      org.opencontainers.image.description="Agent Bus memory-service: patterns and templates in Chroma"
COPY --from=build /workspace/dist/apps/memory-service ./dist/apps/memory-service
ENV HTTP_PORT=3004
EXPOSE 3004
CMD ["node", "dist/apps/memory-service/main.js"]

FROM runtime AS runtime-skills-registry
LABEL org.opencontainers.image.title="agent-bus-skills-registry" \
      org.opencontainers.image.description="Agent Bus skills-registry: skill packages, versions, allowlists"
COPY --from=build /workspace/dist/apps/skills-registry ./dist/apps/skills-registry
ENV HTTP_PORT=3005
EXPOSE 3005
CMD ["node", "dist/apps/skills-registry/main.js"]

# The image that is built: the stage of the app named by APP.
FROM runtime-${APP}
