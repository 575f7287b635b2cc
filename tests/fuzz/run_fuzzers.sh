#!/usr/bin/env bash
# Runs each importer's libFuzzer target for SECONDS seconds, and the request checks' target
# for at most 15 s (its inputs are small), and prints one line per target.
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS
# BUILD_DIR is a build of the `fuzz` preset. Each target starts from its seeds in
# tests/fuzz/corpus/<format> and from the shared fixtures, which are read in place; what
# the fuzzer finds goes to a temporary directory. Exits non-zero if any target crashes.
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

failed=0
# Runs one target: run_target NAME SECONDS MAX_LEN CORPUS_DIR...
run_target() {
  local target=$1 secs=$2 max_len=$3
  shift 3
  local binary work
  binary=$(find "$build_dir" -type f -name "$target" -perm -u+x | head -n 1)
  if [[ -z $binary ]]; then
    echo "$target: not built in $build_dir" >&2
    failed=1
    return
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
    failed=1
  fi
}

for format in text vtt srt tsv; do
  corpora=("$root/tests/fuzz/corpus/$format")
  [[ -n ${shared_corpus[$format]} && -d ${shared_corpus[$format]} ]] &&
    corpora+=("${shared_corpus[$format]}")
  # Inputs up to 16 KiB: the shared fixtures are longer, but short inputs run far more often.
  run_target "fuzz_${format}_importer" "$seconds" 16384 "${corpora[@]}"
done
# Serialized requests: a few KiB reach every field and every limit that matters.
run_target fuzz_request_checks $((seconds < 15 ? seconds : 15)) 8192
exit "$failed"
