#!/usr/bin/env bash
# Trains the English check-worthiness model and writes it into the repository:
#   checkworthy/model/en.tsv         the model (header, version, features, sorted weights)
#   checkworthy/model/en_probes.tsv  its scores for a few fixed sentences
# from the 19 labelled debates in ../shared/data/checkworthy-2019 (read in place). The same
# data always gives the same files, byte for byte; the unit tests check that the files in
# the repository are what this makes. The training options are the defaults of
# checkworthy/training.h (chosen by leave-one-debate-out, see docs/benchmarks.md).
#
#   scripts/train_checkworthy.sh [--eval]
#
# --eval also runs the leave-one-debate-out evaluation and prints its tables (a few minutes).
# Builds the release preset's two tools first (CMake, Ninja; nothing is downloaded).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/packages.sh

data="${FACTDESK_SHARED_DIR:-$root/../shared}/data/checkworthy-2019"
if [[ ! -d "$data" ]]; then
  echo "error: $data not found (set FACTDESK_SHARED_DIR to the shared fixtures)" >&2
  exit 1
fi

factdesk_build release --target train_checkworthy eval_checkworthy >/dev/null
tools="$root/build/release/checkworthy"

"$tools/train_checkworthy" --data "$data" \
  --out checkworthy/model/en.tsv --probes checkworthy/model/en_probes.tsv

if [[ "${1:-}" == "--eval" ]]; then
  "$tools/eval_checkworthy" --data "$data"
fi
