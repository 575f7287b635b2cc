#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the dev preset (AddressSanitizer +
# UndefinedBehaviorSanitizer), runs ctest (unit, integration against a PostgreSQL the
# tests start themselves, end-to-end with real processes, desktop UI under Xvfb), the
# cluster test (deploy/local-cluster.sh under failures, about 5 minutes, at most 15),
# then builds the libFuzzer targets with clang and fuzzes each importer for a while.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

FUZZ_SECONDS=${FACTDESK_FUZZ_SECONDS:-20}
start=$(date +%s)

factdesk_install_packages "${FACTDESK_BUILD_PACKAGES[@]}" "${FACTDESK_TEST_PACKAGES[@]}" \
  "${FACTDESK_CLUSTER_PACKAGES[@]}" || exit 1

echo "==> building (dev preset: ASan + UBSan)"
factdesk_build dev || exit 1
echo "==> built in $(($(date +%s) - start)) s"

echo "==> ctest"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
ctest --preset dev -j "$(nproc 2>/dev/null || echo 2)"
ctest_rc=$?

echo "==> cluster test (deploy/local-cluster.sh: Patroni failover, replicas, HAProxy)"
tests/cluster/run_cluster_test.sh build/dev
cluster_rc=$?

echo "==> fuzzing each importer for ${FUZZ_SECONDS} s"
fuzz_rc=0
if factdesk_build fuzz; then
  tests/fuzz/run_fuzzers.sh build/fuzz "$FUZZ_SECONDS" || fuzz_rc=$?
else
  fuzz_rc=1
fi

echo "==> done in $(($(date +%s) - start)) s: ctest $([[ $ctest_rc == 0 ]] && echo passed || echo FAILED), cluster $([[ $cluster_rc == 0 ]] && echo passed || echo FAILED), fuzzing $([[ $fuzz_rc == 0 ]] && echo passed || echo FAILED)"
[[ $ctest_rc == 0 && $cluster_rc == 0 && $fuzz_rc == 0 ]]
