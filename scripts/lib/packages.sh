# shellcheck shell=bash
# Debian 12 packages Factdesk needs, and a function that installs the missing ones.

# Building and running the server, the CLI and the desktop client.
FACTDESK_BUILD_PACKAGES=(
  cmake ninja-build g++ lld pkg-config ccache git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libpqxx-dev libcurl4-openssl-dev libpq-dev postgresql
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libfreetype-dev
  libcli11-dev nlohmann-json3-dev libspdlog-dev libfmt-dev prometheus-cpp-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libstemmer-dev
  fonts-noto-cjk fonts-dejavu-core
)

# Running every test: fuzzers (clang + libFuzzer), clang-tidy, a display for the desktop tests,
# a browser for the HTML report, Node.js for the outside gRPC client, openssl for TLS.
FACTDESK_TEST_PACKAGES=(
  clang libclang-rt-14-dev clang-tidy
  xvfb xauth libgl1-mesa-dri
  chromium
  nodejs:node npm:npm
  openssl
)

# The cluster test (tests/cluster): deploy/'s topology on one machine. HAProxy balances,
# Patroni with etcd runs PostgreSQL's failover, promtool checks the alert rules. On a
# machine with systemd, Debian starts etcd, haproxy and prometheus with their default
# configs when they are installed; the cluster uses its own ports (27500 and up).
FACTDESK_CLUSTER_PACKAGES=(
  patroni etcd-server etcd-client haproxy prometheus curl
)

# Installs the packages that are not installed yet (apt, as root or through sudo).
# "package:command" is satisfied by either (Node.js and npm often come from elsewhere,
# and Debian's npm package conflicts with those).
factdesk_install_packages() {
  local missing=()
  local entry pkg cmd
  for entry in "$@"; do
    pkg=${entry%%:*}
    cmd=${entry#*:}
    [[ "$cmd" != "$entry" ]] && command -v "$cmd" >/dev/null 2>&1 && continue
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  echo "==> installing Debian packages: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "error: missing packages (${missing[*]}) and no sudo to install them; install them as root" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Builds a CMake preset with Ninja, one heavy job per core at most.
factdesk_build() {
  local preset=$1
  shift
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs" "$@"
}
