#!/usr/bin/env bash
# Runs each importer's libFuzzer target for SECONDS seconds and prints one line per target.
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
for format in text vtt srt tsv; do
  target=fuzz_${format}_importer
  binary=$(find "$build_dir" -type f -name "$target" -perm -u+x | head -n 1)
  if [[ -z $binary ]]; then
    echo "$target: not built in $build_dir" >&2
    failed=1
    continue
  fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/$target.XXXXXX")
  mkdir "$work/corpus" "$work/artifacts"
  corpora=("$work/corpus" "$root/tests/fuzz/corpus/$format")
  [[ -n ${shared_corpus[$format]} && -d ${shared_corpus[$format]} ]] &&
    corpora+=("${shared_corpus[$format]}")
  # Inputs up to 16 KiB: the shared fixtures are longer, but short inputs run far more often.
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" "${corpora[@]}" >"$work/log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
    echo "$target: ok, ${runs:-?} executions in ${seconds}s"
    rm -rf "$work"
  else
    echo "$target: FAILED; log and crashing input kept in $work"
    tail -n 40 "$work/log"
    failed=1
  fi
done
exit "$failed"
