# Shared shell helpers for scripts/run, scripts/test and .ci/run. Source it; do not run it.
# shellcheck shell=bash

PREPAID_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PREPAID_ROOT
: "${PREPAID_BUILD_DIR:=$PREPAID_ROOT/build}"
: "${PREPAID_CACHE_DIR:=$PREPAID_ROOT/.cache}"
export PREPAID_BUILD_DIR PREPAID_CACHE_DIR

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Number of parallel compile jobs: the machines this runs on have 2 cores.
build_jobs() { local n; n=$(nproc 2>/dev/null || echo 2); [ "$n" -gt 2 ] && n=2; echo "$n"; }

# Configures and builds the project into $PREPAID_BUILD_DIR (idempotent, incremental).
build_project() {
  local type="${PREPAID_BUILD_TYPE:-RelWithDebInfo}"
  if [ ! -f "$PREPAID_BUILD_DIR/CMakeCache.txt" ]; then
    say "configuring ($type) in $PREPAID_BUILD_DIR"
    cmake -S "$PREPAID_ROOT" -B "$PREPAID_BUILD_DIR" -DCMAKE_BUILD_TYPE="$type" \
      -DPREPAID_CACHE_DIR="$PREPAID_CACHE_DIR" >&2 || die "cmake configure failed"
  fi
  say "building with $(build_jobs) jobs"
  cmake --build "$PREPAID_BUILD_DIR" -j "$(build_jobs)" >&2 || die "build failed"
}

# Picks a free TCP/UDP port on 127.0.0.1 (best effort; the caller binds it soon after).
free_port() {
  python3 - "$@" <<'PY'
import socket, sys
kind = socket.SOCK_DGRAM if (len(sys.argv) > 1 and sys.argv[1] == "udp") else socket.SOCK_STREAM
s = socket.socket(socket.AF_INET, kind)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}
