#!/usr/bin/env bash
# Installs the tools the chart tests need (Helm 4 and kubectl-validate), built from the Go
# module proxy because that is the only route to them on an air-gapped build machine.
#
# Cached OUTSIDE the repository under ${YUNXI_CACHE:-$HOME/.cache/yunxi}/tools so that a
# `git clean` does not throw away minutes of compilation. Idempotent: a tool whose pinned
# version is already built is not touched, so a warm run takes well under a second.
#
# Usage: bash scripts/deploy-tools.sh          install what is missing
#        bash scripts/deploy-tools.sh --print  print the tool paths (for scripts)
set -euo pipefail

# Pinned so every machine validates against the same rules. kubectl-validate is pinned to a
# main-branch pseudo-version: the last tag (v0.0.4, 2024) only embeds schemas up to 1.30.
HELM_MODULE="helm.sh/helm/v4"
HELM_VERSION="v4.3.1"
KV_MODULE="sigs.k8s.io/kubectl-validate"
KV_VERSION="v0.0.5-0.20260105161640-a97ccfaca20b"
GO_MIN_MINOR=26 # helm v4.3 declares `go 1.26.0`

CACHE="${YUNXI_CACHE:-$HOME/.cache/yunxi}"
TOOLS="$CACHE/tools"
BIN="$TOOLS/bin"

if [[ "${1:-}" == "--print" ]]; then
  echo "HELM=$BIN/helm"
  echo "KUBECTL_VALIDATE=$BIN/kubectl-validate"
  exit 0
fi

log() { printf 'deploy-tools: %s\n' "$*" >&2; }

installed_version() { # $1 = tool name
  local stamp="$BIN/.$1.version"
  [[ -x "$BIN/$1" && -f "$stamp" ]] && cat "$stamp" || true
}

need_helm=1; need_kv=1
[[ "$(installed_version helm)" == "$HELM_VERSION" ]] && need_helm=0
[[ "$(installed_version kubectl-validate)" == "$KV_VERSION" ]] && need_kv=0
if (( need_helm == 0 && need_kv == 0 )); then
  log "helm $HELM_VERSION and kubectl-validate $KV_VERSION already in $BIN"
  exit 0
fi

# Before the first `go` call: never auto-download a newer toolchain through the proxy.
export GOTOOLCHAIN=local
if ! command -v go >/dev/null 2>&1; then
  log "Go is not installed; install Go >= 1.$GO_MIN_MINOR (the tools are built from the Go module proxy)"
  exit 1
fi
go_minor="$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')"
if ! [[ "$go_minor" =~ ^[0-9]+$ ]] || (( go_minor < GO_MIN_MINOR )); then
  log "found $(go env GOVERSION); need Go >= 1.$GO_MIN_MINOR"
  exit 1
fi

mkdir -p "$BIN"
# Serialise concurrent runs (several engineers or CI jobs on one machine share the cache).
exec 9>"$TOOLS/.lock"
flock -w 1800 9 || { log "timed out waiting for another deploy-tools run"; exit 1; }

# Own module and build caches inside the Yunxi cache: reproducible on a fresh machine and
# deletable with `rm -rf` (-modcacherw). GOTOOLCHAIN=local fails fast instead of silently
# downloading a newer Go toolchain through the proxy.
export GOPATH="$CACHE/go"
export GOMODCACHE="$CACHE/go/pkg/mod"
export GOCACHE="$CACHE/go-build"
export GOFLAGS="-modcacherw -buildvcs=false"
export CGO_ENABLED=0

build() { # $1 = binary name, $2 = package@version, $3 = version to stamp
  local name="$1" pkg="$2" version="$3" stage
  # Re-check under the lock: another run may have finished it while we waited.
  [[ "$(installed_version "$name")" == "$version" ]] && return 0
  stage="$(mktemp -d "$TOOLS/.stage.XXXXXX")"
  log "building $name $version (cold: several minutes on 2 cores)"
  local start=$SECONDS
  if ! GOBIN="$stage" go install -trimpath -ldflags="-s -w" "$pkg"; then
    rm -rf "$stage"
    log "go install $pkg failed. Is the Go module proxy reachable (GOPROXY=$(go env GOPROXY))? Behind a mirror that does not proxy the checksum database, set GONOSUMDB or GOSUMDB=off."
    return 1
  fi
  mv -f "$stage/$name" "$BIN/$name"
  rm -rf "$stage"
  printf '%s\n' "$version" >"$BIN/.$name.version"
  log "built $name in $((SECONDS - start)) s"
}

(( need_helm )) && build helm "$HELM_MODULE/cmd/helm@$HELM_VERSION" "$HELM_VERSION"
(( need_kv )) && build kubectl-validate "$KV_MODULE@$KV_VERSION" "$KV_VERSION"

"$BIN/helm" version --short >/dev/null
"$BIN/kubectl-validate" --help >/dev/null
log "ready: $BIN/helm ($HELM_VERSION), $BIN/kubectl-validate"
