#!/usr/bin/env bash
# Writes one export of each kind, made from the sample transcript samples/town-hall.vtt,
# to docs/examples/town-hall.{claimreview.jsonld,annotations.jsonld,csv,sources.csv,html,
# desk.html,vtt}.
#
# It starts a throwaway factdesk-server (embedded PostgreSQL in a temporary directory, on a
# free loopback port), makes a workspace with an admin and two checkers, imports the
# sample, marks claims and takes them through sources and two agreeing reviews to
# RESOLVED and PUBLISHED with the `factdesk` CLI, exports every format, and stops the
# server. Nothing outside docs/examples/ is touched.
#
#   scripts/make_export_examples.sh [BUILD_DIR]
#
# BUILD_DIR defaults to build/release, then build/dev (whichever has both binaries).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="$root/samples/town-hall.vtt"
out="$root/docs/examples"

build="${1:-}"
if [[ -z "$build" ]]; then
  for candidate in "$root/build/release" "$root/build/dev"; do
    if [[ -x "$candidate/server/factdesk-server" && -x "$candidate/client/cli/factdesk" ]]; then
      build="$candidate"
      break
    fi
  done
fi
server_bin="$build/server/factdesk-server"
cli_bin="$build/client/cli/factdesk"
if [[ ! -x "$server_bin" || ! -x "$cli_bin" ]]; then
  echo "make_export_examples: no factdesk-server and factdesk binaries found; build first" \
    "(cmake --preset release && cmake --build build/release) or pass BUILD_DIR" >&2
  exit 1
fi
if [[ ! -f "$sample" ]]; then
  echo "make_export_examples: $sample is missing" >&2
  exit 1
fi

work="$(mktemp -d /tmp/fdex-XXXXXX)"
# Searchable, so an embedded PostgreSQL that runs as another user (we may be root) can
# reach its data directory inside.
chmod 755 "$work"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 600); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$server_bin" serve --listen 127.0.0.1:0 --data-dir "$work/data" --unsafe-no-fsync \
  >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 1800); do
  port="$(sed -n 's/.*listening on port \([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -n 1)"
  [[ -n "$port" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$work/server.log" >&2
    echo "make_export_examples: the server did not start" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$port" ]]; then
  cat "$work/server.log" >&2
  echo "make_export_examples: the server did not start in 3 minutes" >&2
  exit 1
fi
address="127.0.0.1:$port"

admin() { "$server_bin" admin --data-dir "$work/data" "$@"; }
admin create-user ana --name "Ana Moreno" >/dev/null
admin create-user ben --name "Ben Okafor" >/dev/null
admin create-user cat --name "Cat Lindqvist" >/dev/null
admin create-workspace riverside --name "Riverside Fact Desk" --owner ana >/dev/null
admin add-member riverside ben --role checker >/dev/null
admin add-member riverside cat --role checker >/dev/null
ana_token="$(admin issue-token ana 2>/dev/null)"
ben_token="$(admin issue-token ben 2>/dev/null)"
cat_token="$(admin issue-token cat 2>/dev/null)"

# The CLI as one user, with no saved login and none of the caller's FACTDESK_* settings.
as() {
  local token="$1"
  shift
  env -u FACTDESK_SERVER -u FACTDESK_TOKEN -u FACTDESK_CA -u FACTDESK_CERT -u FACTDESK_KEY \
    HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" \
    "$cli_bin" --server "$address" --token "$token" "$@"
}
mkdir -p "$work/home"

as "$ana_token" publisher set -w riverside --name "Riverside Fact Desk (example)" \
  --url "https://factdesk.example/" --claim-url-prefix "https://factdesk.example/checks/" \
  >/dev/null
transcript="$(as "$ben_token" import "$sample" -w riverside \
  --title "Riverside town hall on the 2027 budget" \
  --source-url "https://video.example/riverside-town-hall" --aired-at 2026-11-12 |
  sed -n 's/^imported transcript \([0-9][0-9]*\) .*/\1/p')"
if [[ -z "$transcript" ]]; then
  echo "make_export_examples: the import printed no transcript id" >&2
  exit 1
fi

# The ordinal of the cue holding `quote` (one segment per cue; NOTE blocks are not cues).
ordinal_of() {
  awk -v q="$1" '/-->/ { n++ } index($0, q) { print n; exit }' "$sample"
}

# Marks `quote` (as ben); prints the claim id.
mark() {
  local quote="$1" summary="${2:-}" ordinal
  ordinal="$(ordinal_of "$quote")"
  if [[ -z "$ordinal" ]]; then
    echo "make_export_examples: \"$quote\" is not in $sample" >&2
    exit 1
  fi
  local args=(claim add --transcript "$transcript" --ordinal "$ordinal" --quote "$quote")
  [[ -n "$summary" ]] && args+=(--summary "$summary")
  as "$ben_token" "${args[@]}" | sed -n 's/^created claim \([0-9][0-9]*\) .*/\1/p'
}

# Stops when `mark` printed no id (it runs in a subshell, so its own exit does not).
need() {
  if [[ -z "$1" ]]; then
    echo "make_export_examples: marking the $2 claim failed" >&2
    exit 1
  fi
}

source_of() {  # claim url stance title publisher
  as "$ben_token" source add "$1" --url "$2" --stance "$3" --title "$4" --publisher "$5" \
    >/dev/null
}

# Two agreeing reviews (ben and cat): the claim is RESOLVED.
resolve() {  # claim verdict rationale-ben rationale-cat
  as "$ben_token" review submit "$1" --verdict "$2" --rationale "$3" --confidence high >/dev/null
  as "$cat_token" review submit "$1" --verdict "$2" --rationale "$4" --confidence medium \
    >/dev/null
}

publish() { as "$ana_token" claim publish "$1" >/dev/null; }

deficit="$(mark "the city had a deficit of twelve million dollars" \
  "When the mayor took office the city had a \$12 million deficit")"
need "$deficit" deficit
source_of "$deficit" "https://budget.example.org/riverside/2023-audit" supports \
  "Riverside annual audit, fiscal 2023" "Riverside Office of the Comptroller"
resolve "$deficit" "True" "The audited deficit was \$12.1 million." \
  "The audit confirms the figure."
publish "$deficit"

crime="$(mark "Violent crime in Riverside fell by eighteen percent last year")"
need "$crime" crime
source_of "$crime" "https://stats.example.gov/ucr/riverside-2025" context \
  "Uniform crime report, Riverside, 2025" "State Bureau of Statistics"
resolve "$crime" "Half true" \
  "Violent crime fell 18%, but two cities of similar size saw larger drops." \
  "The drop is real; \"biggest in the state\" is not."
publish "$crime"
# A correction after publication: every format shows it.
as "$ana_token" claim correct "$crime" --verdict "Mostly true" \
  --reason "The state's 2025 report, released after our check, ranks the drop second in the state." \
  >/dev/null

consultants="$(mark "Consultants cost the city nine point four million dollars last year")"
need "$consultants" consultants
source_of "$consultants" "https://budget.example.org/riverside/2025-contracts" supports \
  "Contracts register 2025" "Riverside Office of the Comptroller"
resolve "$consultants" "Mostly true" \
  "Consulting contracts totalled \$9.2 million, close to the figure given." \
  "Rounded up slightly; otherwise accurate."

ridership="$(mark "Ridership on that route dropped by half after the pandemic" \
  "Ridership on the hospital bus route halved after the pandemic and never recovered")"
need "$ridership" ridership
source_of "$ridership" "https://transit.example.org/reports/2026-01-ridership" refutes \
  "Ridership report, January 2026" "Riverside Transit Authority"
resolve "$ridership" "False" \
  "The transit authority reports the route at 85% of 2019 ridership." \
  "The route's ridership has largely recovered."
publish "$ridership"

waste="$(mark "eighty percent of households will pay less than they did under the old contract")"
need "$waste" waste
source_of "$waste" "https://budget.example.org/riverside/waste-fee-analysis" context \
  "Waste fee analysis" "Riverside Public Works"
as "$ben_token" review submit "$waste" --verdict "Needs context" \
  --rationale "The comparison uses the old contract's final, highest rate." --confidence low \
  >/dev/null

library="$(mark "the Sunday hours were cut in March")"
need "$library" library

mkdir -p "$out"
export_as() {  # format file [--transcript]
  as "$ana_token" export "$1" -w riverside "${@:3}" -o "$out/$2" 2>/dev/null
}
export_as claimreview town-hall.claimreview.jsonld
export_as annotations town-hall.annotations.jsonld
export_as csv town-hall.csv
export_as sources-csv town-hall.sources.csv
export_as html town-hall.html --transcript "$transcript"
export_as html town-hall.desk.html --transcript "$transcript" --audience desk
export_as vtt town-hall.vtt --transcript "$transcript"
echo "wrote $(cd "$out" && ls town-hall.* | tr '\n' ' ')to $out"
