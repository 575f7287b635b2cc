#!/usr/bin/env bash
# The cluster test (tests/cluster/cluster_test.cc) against deploy/local-cluster.sh, after
# checking deploy/'s configs with the tools that will read them. About 5 minutes on a
# 2-core machine; bounded at 15 (then killed), and whatever happens the cluster is
# destroyed afterwards, so no process is left behind.
#   tests/cluster/run_cluster_test.sh [BUILD_DIR]   (default build/dev)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
BUILD=${1:-build/dev}
export FACTDESK_CLUSTER_DIR=${FACTDESK_CLUSTER_DIR:-/tmp/fdcluster-test}
export FACTDESK_CLUSTER_PORT=${FACTDESK_CLUSTER_PORT:-27500}
start=$(date +%s)

check_configs() {
  local tmp
  tmp=$(mktemp -d)
  (
    set -a
    . deploy/production.env
    NODE_NAME=db1 NODE_ADDRESS=10.0.0.11
    POSTGRES_PASSWORD=x REPLICATION_PASSWORD=x REWIND_PASSWORD=x
    # haproxy -c resolves server names: the replicas become loopback addresses here.
    HAPROXY_STATE_DIR=$tmp LB_TLS="" LB_BIND=127.0.0.1:8443
    LB_SERVERS="    server app1 127.0.0.1:7420
    server app2 127.0.0.2:7420"
    set +a
    deploy/render.sh deploy/haproxy/haproxy.cfg.in >"$tmp/haproxy.cfg" &&
      deploy/render.sh deploy/patroni/factdesk.yml.in >"$tmp/patroni.yml" &&
      deploy/render.sh deploy/etcd/etcd.env.in >"$tmp/etcd.env"
  ) || return 1
  haproxy -c -q -f "$tmp/haproxy.cfg" || { echo "haproxy.cfg.in: refused by haproxy -c"; return 1; }
  # Patroni's own --validate-config wants etcd reachable and refuses loopback addresses:
  # the cluster test runs the rendered config instead, which checks more.
  /usr/bin/python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$tmp/patroni.yml" ||
    { echo "factdesk.yml.in: not YAML once rendered"; return 1; }
  promtool check rules deploy/prometheus/alerts.yml >/dev/null || return 1
  rm -rf "$tmp"
  echo "deploy/ configs: haproxy -c, the Patroni YAML and promtool check rules pass"
}

rc=0
check_configs || rc=1
if ((rc == 0)); then
  timeout --kill-after=30 900 "$BUILD/tests/cluster/cluster_tests" --gtest_color=no || rc=$?
  ((rc == 124)) && echo "the cluster test did not finish within 15 minutes" >&2
fi
deploy/local-cluster.sh destroy >/dev/null 2>&1 || true
echo "cluster test: $([[ $rc == 0 ]] && echo passed || echo FAILED) in $(($(date +%s) - start)) s"
exit "$rc"
