# syntax=docker/dockerfile:1
# One image for every Yunxi module: TARGETS=all (default), a comma list of modules, or migrate.
# Build:  docker build -t yunxi/yunxi:0.1.0 .        (or skaffold build)
# Nothing is fetched at runtime: dependencies, compiled code, protos, migrations and console
# assets are all inside the image.

# Pinned by version; pin by digest too (node:20.20.2-bookworm-slim@sha256:...) once your
# registry mirror has it, so rebuilds are byte-for-byte reproducible.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: all dependencies, then `npm run build` (Prisma clients + tsc -b) -----------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false
COPY . .
# .npmrc sets ignore-scripts: no package may download binaries during install.
RUN npm ci --ignore-scripts --no-audit --no-fund
RUN npm run build
# Collect exactly what the runtime needs into /out, preserving paths:
# workspace package.json files, compiled dist/ (minus tests), protos, Prisma schemas and
# migrations, generated Prisma clients and the console (web/dist, web/public).
RUN set -euf; \
    nm="-path ./node_modules -prune -o -path */node_modules -prune -o"; \
    find . $nm -name package.json -type f -print > /tmp/manifests; \
    { cat /tmp/manifests; \
      find . $nm -type d -name dist -print; \
      find proto $nm -name '*.proto' -type f -print; \
      echo ./proto/loader-options.json; \
      find services $nm -type d -name prisma -print; \
      find . $nm -type d -path '*/generated/prisma' -print; \
      find web -maxdepth 1 -type d -name public -print; \
    } | sort -u > /tmp/runtime-files; \
    mkdir -p /out /manifests; \
    tar -cf - -T /tmp/runtime-files | tar -xf - -C /out; \
    tar -cf - -T /tmp/manifests | tar -xf - -C /manifests; \
    find /out \( -name '*.test.js' -o -name '*.test.d.ts' -o -name '*.integration-test.js' -o -name '*.integration-test.d.ts' \
      -o -name '*.test.js.map' -o -name '*.integration-test.js.map' -o -name '*.tsbuildinfo' \) -delete

# ---- prod-deps: production node_modules only, same workspace layout ----------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package-lock.json .npmrc ./
# Workspace manifests only (root package.json included), so `npm ci` links the workspaces.
COPY --from=build /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime: no compilers, no npm, non-root -------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# The base image's package managers are not needed at runtime; fewer tools for an intruder.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
           /usr/local/bin/yarn /usr/local/bin/yarnpkg \
 && mkdir -p /var/lib/yunxi /app \
 && chown 10001:10001 /var/lib/yunxi
WORKDIR /app
COPY --from=prod-deps /src/ ./
COPY --from=build /out/ ./
ENV NODE_ENV=production \
    HOME=/tmp \
    YUNXI_DATA_DIR=/var/lib/yunxi \
    TARGETS=all
USER 10001:10001
EXPOSE 50051 8080 9464
# Telemetry is imported before any module code so auto-instrumentation sees every library.
ENTRYPOINT ["node", "--import", "@yunxi/platform/telemetry", "services/all-in-one/dist/main.js"]
