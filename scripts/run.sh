#!/usr/bin/env bash
# Runs Factdesk: installs what is missing, builds (release), starts the server with its
# embedded PostgreSQL in ./.factdesk, makes a demo workspace with two people if missing
# (demo, its admin, and reviewer, a checker: a claim needs two independent reviews),
# imports the sample transcript, prints both tokens and what to try, opens the desktop
# client when a display is available, and keeps running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

LISTEN=${FACTDESK_LISTEN:-127.0.0.1:7420}
DATA_DIR=${FACTDESK_DATA_DIR:-$PWD/.factdesk}
BIN=build/release

factdesk_install_packages "${FACTDESK_BUILD_PACKAGES[@]}"
echo "==> building (release preset)"
factdesk_build release --target factdesk-server factdesk factdesk-desktop

SERVER=$BIN/server/factdesk-server
CLI=$BIN/client/cli/factdesk
DESKTOP=$BIN/client/desktop/factdesk-desktop
mkdir -p "$DATA_DIR"
LOG="$DATA_DIR/server.log"

echo "==> starting factdesk-server on $LISTEN (data in $DATA_DIR)"
"$SERVER" serve --listen "$LISTEN" --data-dir "$DATA_DIR" >"$LOG" 2>&1 &
SERVER_PID=$!
DESKTOP_PID=
cleanup() {
  [[ -n "$DESKTOP_PID" ]] && kill "$DESKTOP_PID" 2>/dev/null || true
  kill -INT "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 0' INT TERM

for _ in $(seq 1 600); do
  if grep -q "listening on port" "$LOG"; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "factdesk-server did not start:" >&2
    tail -n 5 "$LOG" >&2
    exit 1
  fi
  sleep 0.1
done

admin() { "$SERVER" admin --data-dir "$DATA_DIR" "$@"; }
admin create-user demo --name "Demo Checker" --exist-ok >/dev/null
admin create-workspace demo --name "Demo desk" --owner demo --exist-ok >/dev/null
admin create-user reviewer --name "Second Reviewer" --exist-ok >/dev/null
admin add-member demo reviewer --role checker >/dev/null

# One token per person, kept (mode 0600) so later runs reuse them.
token_of() {
  local file="$DATA_DIR/$1-token"
  if [[ ! -s "$file" ]]; then
    (umask 077 && admin issue-token "$1" 2>/dev/null >"$file")
  fi
  cat "$file"
}
TOKEN=$(token_of demo)
REVIEWER_TOKEN=$(token_of reviewer)
export FACTDESK_SERVER=$LISTEN FACTDESK_TOKEN=$TOKEN

# ClaimReview exports need a publisher name and a page per claim; an example one for the demo.
"$CLI" publisher set -w demo --name "Demo desk (example)" --url https://factdesk.example/ \
  --claim-url-prefix https://factdesk.example/checks/ >/dev/null

if ! "$CLI" transcripts -w demo --json | grep -q '"Riverside town hall"'; then
  "$CLI" import samples/town-hall.vtt -w demo --title "Riverside town hall" \
    --source-url https://example.org/riverside/town-hall-2027-budget --aired-at 2026-10-14 >/dev/null
fi
TRANSCRIPT=$("$CLI" transcripts -w demo | awk '/Riverside town hall/ {print $1; exit}')

cat <<INFO

Factdesk is running on $LISTEN with the demo workspace "demo" and two people in it:

  demo (admin: marks, reviews, decides, publishes)   token: $TOKEN
  reviewer (checker: the second independent review)  token: $REVIEWER_TOKEN

  sign in:     $CLI login --server $LISTEN --token $TOKEN
  transcripts: $CLI transcripts -w demo
  read it:     $CLI show ${TRANSCRIPT:-<id>}
  search:      $CLI search "consultants" -w demo
  mark:        $CLI claim add --transcript ${TRANSCRIPT:-<id>} --ordinal 4 --quote "Violent crime in Riverside fell by eighteen percent last year"
  watch live:  $CLI watch -w demo
  2nd review:  FACTDESK_TOKEN=$REVIEWER_TOKEN $CLI review submit <claim> --verdict ... --rationale ... --confidence high
  (README.md, "A two-person review", walks the rest)

INFO
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  echo "Opening the desktop client…"
  # The token goes in the environment, not on the command line, where `ps` would show it.
  FACTDESK_TOKEN=$TOKEN "$DESKTOP" --server "$LISTEN" --workspace demo \
    ${TRANSCRIPT:+--transcript "$TRANSCRIPT"} >"$DATA_DIR/desktop.log" 2>&1 &
  DESKTOP_PID=$!
else
  echo "No display here: on a machine with one, open the desktop client with"
  echo "  FACTDESK_TOKEN=$TOKEN $DESKTOP --server $LISTEN --workspace demo"
fi
echo
echo "Press Ctrl-C to stop (the server log is $LOG)."
wait "$SERVER_PID"
