#!/usr/bin/env bash
# clang-tidy, with the checks in .clang-tidy, over every project library and program:
# the pure libraries (common, import, export, domain, events, checkworthy, archive),
# proto/'s mapping, the server and the clients (client/); the project headers they include
# are checked through HeaderFilterRegex. Tests, benchmarks, fuzzers and generated protobuf
# code are not checked: GoogleTest's macros would drown the findings that matter.
#
# Reads what a configured build compiles (build/dev unless given), one clang-tidy per
# core. In a unity build (FACTDESK_UNITY, the default) it checks each batch as the
# compiler sees it, so the headers the batch's files share are parsed once; the files'
# own findings are reported through HeaderFilterRegex, which names their directories.
# A FILE given on the command line checks the batch that holds it. Prints every finding
# once and fails when there is any.
#   scripts/clang_tidy.sh [BUILD_DIR [FILE...]]
set -uo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/dev}
shift || true
commands="$build/compile_commands.json"
if [[ ! -f "$commands" ]]; then
  echo "error: $commands is missing: configure the preset first (cmake --preset dev)" >&2
  exit 2
fi
checked_dirs='common|import|export|domain|events|checkworthy|archive|proto|server|client'

# What the build compiles: source files, or the unity batches that include them.
mapfile -t compiled < <(sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$commands")

# The batch (or the file itself) that compiles `file`, a path relative to the repository.
unit_of() {
  local file=$1 unit
  for unit in "${compiled[@]}"; do
    if [[ $unit == "$PWD/$file" ]] ||
      { [[ $unit == */Unity/* ]] && grep -qxF "#include \"$PWD/$file\"" "$unit"; }; then
      echo "$unit"
      return 0
    fi
  done
  echo "error: $file is not compiled by $build" >&2
  return 1
}

units=()
if (($# == 0)); then
  # The checked directories' own batches or sources (not tests/unit/import's, nor the
  # generated code's).
  for unit in "${compiled[@]}"; do
    if [[ $unit == "$PWD/$build/"* ]]; then
      rel=${unit#"$PWD/$build/"}
      [[ $rel =~ ^($checked_dirs)/([^/]+/)*CMakeFiles/[^/]+/Unity/ && $rel != */factdesk_grpc.dir/* ]] &&
        units+=("$unit")
    elif [[ ${unit#"$PWD/"} =~ ^($checked_dirs)/.*\.cc$ ]]; then
      units+=("$unit")
    fi
  done
else
  for file in "$@"; do
    unit=$(unit_of "$file") || exit 2
    [[ " ${units[*]} " == *" $unit "* ]] || units+=("$unit")
  done
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# Without GCC's precompiled headers: clang would try to read GCC's .gch files. Every
# file includes what it uses, so it parses the same without them.
mkdir "$logs/db"
sed -E 's# -Winvalid-pch -include [^ ]*/cmake_pch\.hxx##g' "$commands" >"$logs/db/compile_commands.json"
jobs=${FACTDESK_TIDY_JOBS:-$(nproc 2>/dev/null || echo 2)}
# GCC's warning flags in the compile commands are unknown to clang: not a finding.
printf '%s\n' "${units[@]}" | xargs -P "$jobs" -I{} sh -c \
  'clang-tidy -p "$1" --quiet --extra-arg=-Wno-unknown-warning-option "$2" \
     >"$3/$(printf %s "$2" | tr / _).log" 2>&1' sh "$logs/db" {} "$logs"
tidy_rc=$?

# A header's finding is reported by every file that includes it: once is enough.
findings=$(cat "$logs"/*.log | grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error): ' | sort -u)
count=$(printf '%s' "$findings" | grep -c . || true)
echo "clang-tidy: ${#units[@]} units (batches or files), $count findings"
if ((count > 0)); then
  printf '%s\n' "$findings"
  exit 1
fi
if ((tidy_rc != 0)); then
  cat "$logs"/*.log
  echo "error: clang-tidy failed without a finding (see above)" >&2
  exit 1
fi
