#!/usr/bin/env bash
# Makes the README's screenshots: docs/screenshots/reader.png, inspector.png,
# dashboard.png and suggested.png, taken by factdesk-desktop --screenshot under Xvfb
# (Mesa software GL) from a real server holding the demo transcript and a small team's
# work on it.
#
#   client/desktop/make_screenshots.sh [TRANSCRIPT]     (default: samples/town-hall.vtt)
#
# BUILD selects the build directory (default build/release, else build/dev);
# OUT the output directory (default docs/screenshots). Needs Xvfb (xvfb package) and
# the targets factdesk-server, factdesk-desktop and desktop_demo_seed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -z "${BUILD:-}" ]]; then
  BUILD="$ROOT/build/release"
  [[ -x "$BUILD/client/desktop/factdesk-desktop" ]] || BUILD="$ROOT/build/dev"
fi
SERVER="$BUILD/server/factdesk-server"
DESKTOP="$BUILD/client/desktop/factdesk-desktop"
SEED="$BUILD/tests/ui/desktop_demo_seed"
TRANSCRIPT=${1:-$ROOT/samples/town-hall.vtt}
OUT=${OUT:-$ROOT/docs/screenshots}
WIDTH=${WIDTH:-1280}
HEIGHT=${HEIGHT:-800}

for bin in "$SERVER" "$DESKTOP" "$SEED"; do
  [[ -x "$bin" ]] || { echo "make_screenshots: $bin is not built" >&2; exit 1; }
done
[[ -r "$TRANSCRIPT" ]] || { echo "make_screenshots: cannot read $TRANSCRIPT" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "make_screenshots: Xvfb is not installed" >&2; exit 1; }
mkdir -p "$OUT"

# A short path: the embedded PostgreSQL's socket lives under it.
WORK=$(mktemp -d /tmp/fdx-XXXXXX)
# The embedded PostgreSQL may run as another user (postgres, when we are root).
chmod 755 "$WORK"
SERVER_PID=""
XVFB_PID=""
PEER_PID=""
cleanup() {
  [[ -n "$PEER_PID" ]] && kill "$PEER_PID" 2>/dev/null && wait "$PEER_PID" 2>/dev/null || true
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n "$XVFB_PID" ]] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {  # FILE REGEX SECONDS PID
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -Eq "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || break
    sleep 0.1
  done
  echo "make_screenshots: gave up waiting for '$2' in $1:" >&2
  cat "$1" >&2
  return 1
}

"$SERVER" serve --listen 127.0.0.1:0 --data-dir "$WORK/data" --unsafe-no-fsync >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_for "$WORK/server.log" 'listening on port [0-9]+' 180 "$SERVER_PID"
PORT=$(grep -Eo 'listening on port [0-9]+' "$WORK/server.log" | grep -Eo '[0-9]+$')
ADDR="127.0.0.1:$PORT"

admin() { "$SERVER" admin --data-dir "$WORK/data" "$@"; }
admin create-user ana --name "Ana Moreno" >/dev/null
admin create-user ben --name "Ben Okafor" >/dev/null
admin create-user cho --name "Cho Park" >/dev/null
admin create-workspace town-hall --name "City budget town hall" --owner ana >/dev/null
admin add-member town-hall ben --role checker >/dev/null
admin add-member town-hall cho --role checker >/dev/null
ANA=$(admin issue-token ana 2>/dev/null)
BEN=$(admin issue-token ben 2>/dev/null)
CHO=$(admin issue-token cho 2>/dev/null)

SEEDED=$("$SEED" --server "$ADDR" --workspace town-hall --editor-token "$ANA" \
  --checker-token "$BEN" --second-checker-token "$CHO" --file "$TRANSCRIPT" \
  --title "Town hall on the city budget")
CLAIM=$(sed -E 's/.*claim=([0-9]+).*/\1/' <<<"$SEEDED")
echo "make_screenshots: seeded ($SEEDED)"

# Our own X server on a free display (-displayfd prints the number it took).
Xvfb -displayfd 3 -screen 0 "${WIDTH}x${HEIGHT}x24" -nolisten tcp 3>"$WORK/display" 2>"$WORK/xvfb.log" &
XVFB_PID=$!
wait_for "$WORK/display" '^[0-9]+' 30 "$XVFB_PID"
export DISPLAY=":$(head -n1 "$WORK/display")"
export LIBGL_ALWAYS_SOFTWARE=1
export XDG_CONFIG_HOME="$WORK/config"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

shot() {  # NAME TOKEN ARGS...
  local name=$1 token=$2
  shift 2
  FACTDESK_TOKEN="$token" "$DESKTOP" --server "$ADDR" --workspace town-hall \
    --width "$WIDTH" --height "$HEIGHT" --screenshot "$OUT/$name.png" --timeout 60 "$@"
}
# Tokens go in the environment, as the README suggests (not on a command line ps shows).
# Cho has the showcase claim open in a window of her own: the others see her presence
# (a dot beside the segment, "Cho Park is editing" in the inspector).
FACTDESK_TOKEN="$CHO" "$DESKTOP" --server "$ADDR" --workspace town-hall --claim "$CLAIM" \
  --tab inspector >"$WORK/peer.log" 2>&1 &
PEER_PID=$!
sleep 3

shot reader "$ANA" --tab reader
shot inspector "$BEN" --tab inspector --claim "$CLAIM"
shot dashboard "$ANA" --tab dashboard
shot suggested "$BEN" --tab suggested
echo "make_screenshots: wrote $OUT/reader.png, inspector.png, dashboard.png, suggested.png"
