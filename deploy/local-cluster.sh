#!/usr/bin/env bash
# The production topology of deploy/ on one machine, on loopback, from the very same files
# (rendered with local ports and directories only): etcd, three PostgreSQL 15 nodes under
# Patroni (synchronous replication), three factdesk-server replicas on a multi-host URL,
# and HAProxy in front of them.
#
#   deploy/local-cluster.sh start [COMPONENT...]   everything (or some), waiting until ready
#   deploy/local-cluster.sh stop [COMPONENT...]    stops cleanly; no process is left behind
#   deploy/local-cluster.sh status                 what runs, who is primary, what HAProxy sees
#   deploy/local-cluster.sh kill COMPONENT         kill -9 (a database node: Patroni and its PostgreSQL)
#   deploy/local-cluster.sh primary                the database node that is primary now
#   deploy/local-cluster.sh pid COMPONENT          the component's main pid
#   deploy/local-cluster.sh wait                   until every running part is ready again
#   deploy/local-cluster.sh destroy                stop, then remove the cluster's directory
# COMPONENT: etcd, db1 db2 db3, app1 app2 app3, lb.
#
# Environment:
#   FACTDESK_CLUSTER_DIR   where everything lives (default /tmp/factdesk-cluster)
#   FACTDESK_CLUSTER_PORT  first of the ports used (default 27400; see Ports below)
#   FACTDESK_SERVER_BIN    factdesk-server (default build/release, else build/dev)
#   FACTDESK_CLUSTER_APPn_DB_HOSTS   host:port,... replica n uses instead of the three
#                          PostgreSQL nodes (the cluster test puts a proxy there)
# As root, every process runs as the 'postgres' account (PostgreSQL refuses root).
set -euo pipefail

DEPLOY=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$DEPLOY")
DIR=${FACTDESK_CLUSTER_DIR:-/tmp/factdesk-cluster}
BASE=${FACTDESK_CLUSTER_PORT:-27400}
NODES=(db1 db2 db3)
APPS=(app1 app2 app3)
START_TIMEOUT=${FACTDESK_CLUSTER_TIMEOUT:-120}

# Ports: etcd 0-1, PostgreSQL 11-13, Patroni REST 21-23, replicas 31-33, their metrics
# 41-43, HAProxy 50 (gRPC) and 51 (stats, /metrics).
ETCD_PORT=$((BASE)) ETCD_PEER=$((BASE + 1))
pg_port() { echo $((BASE + 10 + ${1#db})); }
api_port() { echo $((BASE + 20 + ${1#db})); }
app_port() { echo $((BASE + 30 + ${1#app})); }
metrics_port() { echo $((BASE + 40 + ${1#app})); }
LB_PORT=$((BASE + 50)) LB_STATS=$((BASE + 51))

die() {
  echo "local-cluster: $*" >&2
  exit 1
}
log() { echo "local-cluster: $*"; }

RUN_AS=()
if [[ $(id -u) -eq 0 ]]; then
  getent passwd postgres >/dev/null || die "running as root, but there is no 'postgres' account to run the cluster as"
  RUN_AS=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

server_bin() {
  local bin=${FACTDESK_SERVER_BIN:-}
  if [[ -z $bin ]]; then
    for b in "$ROOT/build/release/server/factdesk-server" "$ROOT/build/dev/server/factdesk-server"; do
      [[ -x $b ]] && bin=$b && break
    done
  fi
  [[ -x $bin ]] || die "no factdesk-server binary: build it (cmake --build --preset release) or set FACTDESK_SERVER_BIN"
  echo "$bin"
}

pidfile() { echo "$DIR/run/$1.pid"; }
alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }
pid_of() { [[ -f $(pidfile "$1") ]] && cat "$(pidfile "$1")" || true; }
running() { alive "$(pid_of "$1")"; }

# Starts COMMAND... in its own session as the cluster's account, output to log/NAME.log.
spawn() {
  local name=$1
  shift
  running "$name" && return 0
  "${RUN_AS[@]}" setsid "$@" >>"$DIR/log/$name.log" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}

# Waits up to SECONDS for COMMAND to succeed; dies with MESSAGE and the log's tail.
wait_for() {
  local seconds=$1 message=$2 logname=$3
  shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "local-cluster: $message (waited ${seconds} s); last lines of $DIR/log/$logname.log:" >&2
      tail -n 15 "$DIR/log/$logname.log" >&2 || true
      exit 1
    fi
    sleep 0.3
  done
}

prepare() {
  mkdir -p "$DIR"/{run,log,etc}
  chmod 0755 "$DIR"
  if [[ ! -f $DIR/secrets.env ]]; then
    (
      umask 077
      for name in POSTGRES_PASSWORD REPLICATION_PASSWORD REWIND_PASSWORD FACTDESK_DB_PASSWORD; do
        echo "$name=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
      done >"$DIR/secrets.env"
    )
  fi
  [[ -n ${RUN_AS[*]} ]] && chown -R postgres:postgres "$DIR"
  set -a
  # shellcheck disable=SC1091
  . "$DIR/secrets.env"
  set +a
}

# The values deploy/render.sh substitutes: production.env's, with local ports and dirs.
local_values() {
  set -a
  # shellcheck disable=SC1091
  . "$DEPLOY/production.env"
  DEPLOY_DIR=$DEPLOY
  NODE_LISTEN=127.0.0.1
  NODE_ADDRESS=127.0.0.1
  CLIENT_NETWORK=127.0.0.1/32
  ETCD_CLIENT_PORT=$ETCD_PORT
  ETCD_PEER_PORT=$ETCD_PEER
  ETCD_DATA_DIR=$DIR/etcd
  ETCD_HOSTS=127.0.0.1:$ETCD_PORT
  ETCD_INITIAL_CLUSTER=etcd=http://127.0.0.1:$ETCD_PEER
  HAPROXY_LOG=stdout
  HAPROXY_STATE_DIR=$DIR/run
  LB_BIND=127.0.0.1:$LB_PORT
  LB_TLS=
  LB_STATS_BIND=127.0.0.1:$LB_STATS
  LB_SERVERS=$(for app in "${APPS[@]}"; do printf '    server %s 127.0.0.1:%s\n' "$app" "$(app_port "$app")"; done)
  set +a
}

render() {
  local template=$1 out=$2
  "$DEPLOY/render.sh" "$template" >"$out"
  [[ -n ${RUN_AS[*]} ]] && chown postgres:postgres "$out"
  return 0
}

start_etcd() {
  running etcd && return 0
  (
    local_values
    NODE_NAME=etcd render "$DEPLOY/etcd/etcd.env.in" "$DIR/etc/etcd.env"
  )
  mkdir -p "$DIR/etcd" && chmod 700 "$DIR/etcd"
  [[ -n ${RUN_AS[*]} ]] && chown postgres:postgres "$DIR/etcd"
  # As Debian's etcd.service does: the ETCD_* variables from its EnvironmentFile.
  # shellcheck disable=SC2046  # one word per VAR=value line
  spawn etcd env $(grep -v '^#' "$DIR/etc/etcd.env" | grep .) /usr/bin/etcd
  wait_for "$START_TIMEOUT" "etcd did not become healthy" etcd \
    etcdctl --endpoints "http://127.0.0.1:$ETCD_PORT" endpoint health
}

start_node() {
  local node=$1
  running "$node" && return 0
  mkdir -p "$DIR/$node"/{data,log}
  chmod 700 "$DIR/$node/data"
  (
    local_values
    NODE_NAME=$node PG_PORT=$(pg_port "$node") PATRONI_PORT=$(api_port "$node") \
      PG_DATA_DIR=$DIR/$node/data PG_SOCKET_DIR=$DIR/$node PATRONI_STATE_DIR=$DIR/$node \
      PATRONI_LOG_DIR=$DIR/$node/log render "$DEPLOY/patroni/factdesk.yml.in" "$DIR/etc/$node.yml"
  )
  [[ -n ${RUN_AS[*]} ]] && chown -R postgres:postgres "$DIR/$node"
  # As Debian's patroni@.service does, with FACTDESK_DB_PASSWORD as /etc/patroni/env.conf gives it.
  spawn "$node" env FACTDESK_DB_PASSWORD="$FACTDESK_DB_PASSWORD" /usr/bin/patroni "$DIR/etc/$node.yml"
}

api() { curl -fsS --max-time 2 "http://127.0.0.1:$(api_port "$1")$2"; }
is_primary() { curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$(api_port "$1")/primary"; }
is_sync() { curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$(api_port "$1")/sync"; }
is_replica() { curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$(api_port "$1")/replica"; }

primary() {
  for node in "${NODES[@]}"; do
    is_primary "$node" && echo "$node" && return 0
  done
  return 1
}

has_sync_standby() {
  for node in "${NODES[@]}"; do is_sync "$node" && return 0; done
  return 1
}

# Every running node is primary or a streaming replica, and one standby is synchronous.
databases_ready() {
  primary >/dev/null || return 1
  for node in "${NODES[@]}"; do
    running "$node" || continue
    is_primary "$node" || is_replica "$node" || return 1
  done
  has_sync_standby
}

database_hosts() {
  local hosts=()
  for node in "${NODES[@]}"; do hosts+=("127.0.0.1:$(pg_port "$node")"); done
  local IFS=,
  echo "${hosts[*]}"
}

# factdesk-server as deploy/systemd/factdesk-server.service runs it: its ExecStart, with the
# unit's ${VARIABLES} from a server.env of local values.
start_app() {
  local app=$1
  running "$app" && return 0
  local hosts_var="FACTDESK_CLUSTER_${app^^}_DB_HOSTS"
  local db_hosts=${!hosts_var:-$(database_hosts)}
  local env_file=$DIR/etc/$app.env
  cat >"$env_file" <<ENV
FACTDESK_LISTEN=127.0.0.1:$(app_port "$app")
FACTDESK_DATABASE=postgresql://factdesk:$FACTDESK_DB_PASSWORD@$db_hosts/factdesk?target_session_attrs=read-write
FACTDESK_METRICS_LISTEN=127.0.0.1:$(metrics_port "$app")
FACTDESK_FLAGS=
ENV
  chmod 600 "$env_file"
  [[ -n ${RUN_AS[*]} ]] && chown postgres:postgres "$env_file"
  local exec_start
  exec_start=$(sed -n '/^ExecStart=/,/[^\\]$/p' "$DEPLOY/systemd/factdesk-server.service" |
    sed -e 's/^ExecStart=//' -e 's/\\$//' | tr '\n' ' ')
  exec_start=${exec_start//\/usr\/local\/bin\/factdesk-server/$(server_bin)}
  local args
  # The unit's ${VAR} and $VAR, from the env file (values without spaces, as systemd splits $VAR).
  # shellcheck disable=SC1090
  args=$(set -a && . "$env_file" && envsubst <<<"$exec_start")
  # shellcheck disable=SC2086
  spawn "$app" $args
}

app_ready() { grep -q "listening on port" "$DIR/log/$1.log"; }

start_lb() {
  running lb && return 0
  (
    local_values
    render "$DEPLOY/haproxy/haproxy.cfg.in" "$DIR/etc/haproxy.cfg"
  )
  /usr/sbin/haproxy -c -q -f "$DIR/etc/haproxy.cfg" || die "HAProxy refuses $DIR/etc/haproxy.cfg"
  # As Debian's haproxy.service does (-Ws), in the foreground (-db) for our supervision.
  spawn lb /usr/sbin/haproxy -W -db -f "$DIR/etc/haproxy.cfg" -p "$DIR/run/haproxy-master.pid"
}

lb_up_servers() {
  curl -fsS --max-time 2 "http://127.0.0.1:$LB_STATS/stats;csv" |
    awk -F, '$1 == "factdesk_replicas" && $2 != "BACKEND" && $18 == "UP" { n++ } END { print n + 0 }'
}
lb_ready() { [[ $(lb_up_servers) -ge $1 ]]; }

start_component() {
  case $1 in
    etcd) start_etcd ;;
    db[1-3])
      running etcd || die "start etcd first"
      start_node "$1"
      ;;
    app[1-3]) start_app "$1" ;;
    lb) start_lb ;;
    *) die "unknown component $1 (etcd, db1-3, app1-3, lb)" ;;
  esac
}

# Every running database node in place with a synchronous standby, every running replica
# listening, and HAProxy seeing each running replica healthy.
wait_ready() {
  wait_for "$START_TIMEOUT" "the PostgreSQL nodes are not all in place with a synchronous standby" db1 databases_ready
  local apps=0
  for app in "${APPS[@]}"; do
    running "$app" || continue
    apps=$((apps + 1))
    wait_for "$START_TIMEOUT" "$app is not listening" "$app" app_ready "$app"
  done
  if running lb; then
    wait_for "$START_TIMEOUT" "HAProxy does not see the $apps running replicas as healthy" lb lb_ready "$apps"
  fi
}

start_all() {
  start_etcd
  for node in "${NODES[@]}"; do start_node "$node"; done
  log "waiting for a primary and a synchronous standby"
  wait_for "$START_TIMEOUT" "the PostgreSQL nodes did not elect a primary with a synchronous standby" db1 databases_ready
  for app in "${APPS[@]}"; do start_app "$app"; done
  for app in "${APPS[@]}"; do
    wait_for "$START_TIMEOUT" "$app did not start" "$app" app_ready "$app"
  done
  start_lb
  wait_for "$START_TIMEOUT" "HAProxy does not see the three replicas as healthy" lb lb_ready 3
  log "ready: gRPC on 127.0.0.1:$LB_PORT through HAProxy; primary $(primary)"
}

# SIGTERM to the component's process group, then SIGKILL after SECONDS.
stop_component() {
  local name=$1 seconds=${2:-30}
  local pid
  pid=$(pid_of "$name")
  if alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + seconds))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if alive "$pid"; then
      echo "local-cluster: $name did not stop within ${seconds} s; killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  [[ $name == db* ]] && stop_postmaster "$name"
  rm -f "$(pidfile "$name")"
}

# A PostgreSQL whose Patroni was killed keeps running on its own: stop it too.
stop_postmaster() {
  local pidf=$DIR/$1/data/postmaster.pid
  [[ -f $pidf ]] || return 0
  local pid
  pid=$(head -n 1 "$pidf")
  alive "$pid" || return 0
  kill -INT "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null
  return 0
}

stop_all() {
  stop_component lb 10
  for app in "${APPS[@]}"; do stop_component "$app" 20; done
  # Replicas first, the primary last, so no failover runs while the cluster stops.
  local first
  first=$(primary 2>/dev/null || true)
  for node in "${NODES[@]}"; do [[ $node != "$first" ]] && stop_component "$node" 40; done
  [[ -n $first ]] && stop_component "$first" 40
  stop_component etcd 10
  leftovers
}

# Anything still running from this cluster (by its directory, or on its ports) is an
# error worth naming.
leftovers() {
  local left ports
  left=$(pgrep -a -f -- "$DIR/" || true)
  ports=$(ss -Hltn "sport >= :$BASE and sport <= :$((BASE + 59))" 2>/dev/null || true)
  if [[ -n $left || -n $ports ]]; then
    echo "local-cluster: left behind:" >&2
    [[ -n $left ]] && echo "$left" >&2
    [[ -n $ports ]] && echo "listening: $ports" >&2
    return 1
  fi
  log "stopped; no process left"
}

kill_component() {
  local name=$1
  local pid
  pid=$(pid_of "$name")
  alive "$pid" || die "$name is not running"
  if [[ $name == db* ]]; then
    # The machine dies: Patroni and its PostgreSQL at once, no clean shutdown.
    local pm
    pm=$(head -n 1 "$DIR/$name/data/postmaster.pid" 2>/dev/null || true)
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
    alive "$pm" && kill -KILL "$pm"
  else
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  fi
  local deadline=$((SECONDS + 10))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
  rm -f "$(pidfile "$name")"
}

status() {
  for name in etcd "${NODES[@]}" "${APPS[@]}" lb; do
    local pid role=""
    pid=$(pid_of "$name")
    if [[ $name == db* ]] && running "$name"; then
      role=$(api "$name" /patroni 2>/dev/null | sed -n 's/.*"role": *"\([a-z_]*\)".*/\1/p')
      is_sync "$name" && role="$role (synchronous)"
    fi
    if alive "$pid"; then
      printf '%-5s running (pid %s) %s\n' "$name" "$pid" "$role"
    else
      printf '%-5s stopped\n' "$name"
    fi
  done
  running lb && echo "HAProxy sees $(lb_up_servers 2>/dev/null || echo 0) healthy replicas; gRPC on 127.0.0.1:$LB_PORT"
  return 0
}

cmd=${1:-}
shift || true
case $cmd in
  start)
    prepare
    if (($# == 0)); then start_all; else for c in "$@"; do start_component "$c"; done; fi
    ;;
  stop)
    if (($# == 0)); then stop_all; else for c in "$@"; do stop_component "$c" 40; done; fi
    ;;
  status) status ;;
  kill) kill_component "${1:?kill what?}" ;;
  primary) primary || die "no primary" ;;
  wait) wait_ready ;;
  pid) pid_of "${1:?pid of what?}" ;;
  destroy)
    stop_all || true
    rm -rf "$DIR"
    ;;
  *)
    sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
    [[ -z $cmd ]] && exit 2
    die "unknown command $cmd"
    ;;
esac
