#!/usr/bin/env bash
# Runs each importer's libFuzzer target for SECONDS seconds, and the request checks' target
# for at most 15 s (its inputs are small), and prints one line per target.
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS
# BUILD_DIR is a build of the `fuzz` preset. Each target starts from its seeds in
# tests/fuzz/corpus/<format> and from the shared fixtures, which are read in place; what
# the fuzzer finds goes to a temporary directory. Targets run side by side, one per core
# (FACTDESK_FUZZ_JOBS overrides), each for its own time; the lines print in
# order when all have ended. Exits non-zero if any target crashes.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build_dir=$1
seconds=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared=${FACTDESK_SHARED_DIR:-$root/../shared}

declare -A shared_corpus=(
  [text]="$shared/seeds"
  [vtt]="$shared/conformance/webvtt-wpt"
  [srt]=""
  [tsv]="$shared/data/debates"
)

jobs_max=${FACTDESK_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
reports=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-reports.XXXXXX")
trap 'rm -rf "$reports"' EXIT
launched=()

# Runs one target: run_target NAME SECONDS MAX_LEN CORPUS_DIR... Prints its line (and the
# log's tail on a crash); returns non-zero if it crashed or is not built.
run_target() {
  local target=$1 secs=$2 max_len=$3
  shift 3
  local binary work
  binary=$(find "$build_dir" -type f -name "$target" -perm -u+x | head -n 1)
  if [[ -z $binary ]]; then
    echo "$target: not built in $build_dir"
    return 1
  fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/$target.XXXXXX")
  mkdir "$work/corpus" "$work/artifacts"
  if "$binary" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" "$@" \
      >"$work/log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
    echo "$target: ok, ${runs:-?} executions in ${secs}s"
    rm -rf "$work"
  else
    echo "$target: FAILED; log and crashing input kept in $work"
    tail -n 40 "$work/log"
    return 1
  fi
}

# Starts run_target in the background once fewer than jobs_max are running; its output
# and exit status go to $reports.
launch() {
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n || true; done
  (
    rc=0
    run_target "$@" >"$reports/$1.out" 2>&1 || rc=$?
    echo "$rc" >"$reports/$1.rc"
  ) &
  launched+=("$1")
}

for format in text vtt srt tsv; do
  corpora=("$root/tests/fuzz/corpus/$format")
  [[ -n ${shared_corpus[$format]} && -d ${shared_corpus[$format]} ]] &&
    corpora+=("${shared_corpus[$format]}")
  # Inputs up to 16 KiB: the shared fixtures are longer, but short inputs run far more often.
  launch "fuzz_${format}_importer" "$seconds" 16384 "${corpora[@]}"
done
# Serialized requests: a few KiB reach every field and every limit that matters.
launch fuzz_request_checks $((seconds < 15 ? seconds : 15)) 8192
wait

failed=0
for target in "${launched[@]}"; do
  cat "$reports/$target.out"
  [[ $(cat "$reports/$target.rc" 2>/dev/null) == 0 ]] || failed=1
done
exit "$failed"
