#!/usr/bin/env bash
# Runs every test and check: installs what is missing, builds the dev preset
# (AddressSanitizer + UndefinedBehaviorSanitizer) and runs ctest (unit, integration
# against a PostgreSQL the tests start themselves, end-to-end with real processes, desktop
# UI under Xvfb) while clang-tidy checks the sources and the tsan and fuzz presets build
# on what the tests leave idle; then, while the cluster test (deploy/local-cluster.sh
# under failures, about 4 minutes, at most 15) runs in the background, runs the threaded
# tests (the client's, the live layer's in a real server, server processes) under
# ThreadSanitizer and fuzzes each importer (libFuzzer, clang) for a while. Prints what
# each phase cost and fails if any phase failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

FUZZ_SECONDS=${FACTDESK_FUZZ_SECONDS:-20}
start=$(date +%s)
summary=()
failed=0

# Records a phase's outcome and how long it took.
phase_done() {
  local name=$1 rc=$2 began=$3
  local took=$(($(date +%s) - began))
  summary+=("$(printf '%-10s %-6s %5d s' "$name" "$([[ $rc == 0 ]] && echo passed || echo FAILED)" "$took")")
  echo "==> $name $([[ $rc == 0 ]] && echo passed || echo FAILED) in $took s"
  [[ $rc == 0 ]] || failed=1
}

factdesk_install_packages "${FACTDESK_BUILD_PACKAGES[@]}" "${FACTDESK_TEST_PACKAGES[@]}" \
  "${FACTDESK_CLUSTER_PACKAGES[@]}" || exit 1

echo "==> building (dev preset: ASan + UBSan)"
t=$(date +%s)
factdesk_build dev || exit 1
phase_done build 0 "$t"

# ctest spends a fifth of its time waiting on PostgreSQL, servers and Xvfb, and the cores
# it leaves idle do the rest of the run's work: the ThreadSanitizer and fuzzing builds
# (nice 10) and clang-tidy (nice 19) run beside it, so the tests keep the cores whenever
# they want them, and after ctest the builds the next phases wait for come before
# clang-tidy, which nothing waits for. clang-tidy runs two at a time: it ends last, and
# one process alone there left a core idle for two minutes.
echo "==> ctest; the tsan and fuzz builds and clang-tidy beside it at low priority"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
tidy_log=build/dev/clang-tidy.log
(
  tidy_began=$(date +%s)
  FACTDESK_TIDY_JOBS=2 nice -n 19 scripts/clang_tidy.sh build/dev >"$tidy_log" 2>&1
  echo "$? $(($(date +%s) - tidy_began))" >"$tidy_log.rc"
) &
tidy_pid=$!
builds_log=build/dev/checks-build.log
(
  began=$(date +%s)
  tsan_built=0 fuzz_built=0
  nice -n 10 bash -c 'source scripts/lib/packages.sh && factdesk_build tsan' || tsan_built=$?
  nice -n 10 bash -c 'source scripts/lib/packages.sh && factdesk_build fuzz' || fuzz_built=$?
  echo "$tsan_built $fuzz_built $(($(date +%s) - began))" >"$builds_log.rc"
) >"$builds_log" 2>&1 &
builds_pid=$!
t=$(date +%s)
ctest --preset dev -j "$(nproc 2>/dev/null || echo 2)"
phase_done ctest $? "$t"

# The cluster test mostly waits (on Patroni's leader lease, on HAProxy's checks), so it
# runs in the background while the ThreadSanitizer and fuzzing phases use the CPU. It
# passes on this machine at a load average of 10; its log is printed when it ends.
echo "==> cluster test in the background (deploy/local-cluster.sh: Patroni failover, replicas, HAProxy)"
cluster_log=build/dev/cluster-test.log
(
  cluster_began=$(date +%s)
  tests/cluster/run_cluster_test.sh build/dev >"$cluster_log" 2>&1
  echo "$? $(($(date +%s) - cluster_began))" >"$cluster_log.rc"
) &
cluster_pid=$!

echo "==> waiting for the tsan and fuzz builds"
t=$(date +%s)
wait "$builds_pid"
read -r tsan_built fuzz_built builds_took <"$builds_log.rc"
echo "    they took ${builds_took} s in all, beside ctest and after it"
[[ $tsan_built == 0 && $fuzz_built == 0 ]] || cat "$builds_log"
phase_done builds "$((tsan_built | fuzz_built))" "$t"

# Threaded code under ThreadSanitizer: the client's (the subscription's stream thread, its
# watchdog and Stop, the model fed from it), the live layer's (hub, streams, presence,
# listener) in a real server in process, and server processes. Reports go to files, the
# servers' too (tests/tsan.supp says what is left out); any report fails the phase.
echo "==> ThreadSanitizer (tsan preset: model, subscription, live and server-process tests)"
t=$(date +%s)
tsan_rc=0
if [[ $tsan_built == 0 ]]; then
  rm -f build/tsan/reports/tsan.*
  ctest --preset tsan -j "$(nproc 2>/dev/null || echo 2)" || tsan_rc=1
  if compgen -G 'build/tsan/reports/tsan.*' >/dev/null; then
    echo "ThreadSanitizer reports:"
    cat build/tsan/reports/tsan.*
    tsan_rc=1
  fi
else
  tsan_rc=1
fi
phase_done tsan "$tsan_rc" "$t"

echo "==> fuzzing each importer for ${FUZZ_SECONDS} s, the request checks for at most 15 s"
t=$(date +%s)
fuzz_rc=0
if [[ $fuzz_built == 0 ]]; then
  tests/fuzz/run_fuzzers.sh build/fuzz "$FUZZ_SECONDS" || fuzz_rc=$?
else
  fuzz_rc=1
fi
phase_done fuzz "$fuzz_rc" "$t"

wait "$tidy_pid"
read -r tidy_rc tidy_took <"$tidy_log.rc"
echo "==> clang-tidy log"
cat "$tidy_log"
summary+=("$(printf '%-10s %-6s %5d s' clang-tidy "$([[ $tidy_rc == 0 ]] && echo passed || echo FAILED)" "$tidy_took")")
[[ $tidy_rc == 0 ]] || failed=1

wait "$cluster_pid"
read -r cluster_rc cluster_took <"$cluster_log.rc"
echo "==> cluster test log"
cat "$cluster_log"
summary+=("$(printf '%-10s %-6s %5d s' cluster "$([[ $cluster_rc == 0 ]] && echo passed || echo FAILED)" "$cluster_took")")
[[ $cluster_rc == 0 ]] || failed=1

echo "==> done in $(($(date +%s) - start)) s"
printf '    %s\n' "${summary[@]}"
exit "$failed"
