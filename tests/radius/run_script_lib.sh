# Helpers for tests that start scripts/run (run_script_test.sh, kamailio_test.sh). Source it;
# do not run it. It sources scripts/lib/common.sh (free_port, PREPAID_ROOT).
# shellcheck shell=bash

. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib/common.sh"

[ -n "${PREPAID_BUILD_DIR:-}" ] || { echo "FAIL: PREPAID_BUILD_DIR is not set" >&2; exit 1; }

# need_tools <tool>...: fails the test when one is missing (never skips).
need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 1; }
  done
}

RUN_WORK="$(mktemp -d /tmp/prepaid-run-test.XXXXXX)"
RUN_OUT="$RUN_WORK/run.out"
RUN_PID=""
RUN_CLEANUP_EXTRA=""  # a command the test adds to the clean-up (its own processes)

run_cleanup() {
  [ -z "$RUN_CLEANUP_EXTRA" ] || eval "$RUN_CLEANUP_EXTRA" || true
  if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then
    kill -INT -- "-$RUN_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$RUN_PID" 2>/dev/null || true
  fi
  "$PREPAID_ROOT/scripts/mariadb" stop "$RUN_WORK/run/mariadb" >/dev/null 2>&1 || true
  rm -rf "$RUN_WORK"
}
trap run_cleanup EXIT

# The output of scripts/run without terminal colours.
run_output() { sed 's/\x1b\[[0-9;]*m//g' "$RUN_OUT"; }

fail() {
  echo "FAIL: $*" >&2
  echo "--- scripts/run said:" >&2
  run_output >&2 || true
  exit 1
}

# start_run_script: scripts/run on free loopback ports, in $RUN_WORK/run, with the build as it
# is (no install, no build); returns once it says the server is running.
start_run_script() {
  export PREPAID_SKIP_SETUP=1 PREPAID_RUN_DIR="$RUN_WORK/run"
  PREPAID_AUTH_PORT="$(free_port udp)"
  PREPAID_ACCT_PORT="$(free_port udp)"
  PREPAID_API_PORT="$(free_port)"
  export PREPAID_AUTH_PORT PREPAID_ACCT_PORT PREPAID_API_PORT
  # Its own database, whatever the test environment points at.
  unset PREPAID_DB_SOCKET PREPAID_DB_PORT PREPAID_DB_USER PREPAID_DB_PASSWORD PREPAID_DB_NAME
  # Job control on: scripts/run gets a process group of its own, as in a terminal, and
  # SIGINT is not ignored (a non-interactive shell's background jobs ignore it). timeout
  # bounds it.
  set -m
  timeout 900 "$PREPAID_ROOT/scripts/run" >"$RUN_OUT" 2>&1 &
  RUN_PID=$!
  set +m
  for _ in $(seq 1 600); do
    grep -q "Press Ctrl-C" "$RUN_OUT" && return 0
    kill -0 "$RUN_PID" 2>/dev/null || fail "scripts/run exited before the server was up"
    sleep 0.2
  done
  fail "scripts/run did not say the server is running within 120 s"
}

# printed <regex>: the first indented line scripts/run printed that matches, unindented.
printed() { run_output | grep -E "^    $1" | head -1 | sed 's/^    //'; }

# demo_account <kind> <n>: "number pin" of the n-th (1-based) demo account of that kind.
demo_account() { run_output | awk -v k="$1" -v n="$2" '$1 == k && ++i == n { print $2, $3 }'; }

# prepaidctl_as_printed <arguments>: prepaidctl with the environment scripts/run printed.
prepaidctl_as_printed() {
  local env_line
  env_line="$(printed 'export PREPAID_DB_SOCKET=')"
  [ -n "$env_line" ] || fail "no prepaidctl environment printed"
  bash -c "$env_line && \"\$0\" \"\$@\"" "$PREPAID_BUILD_DIR/admin-cli/prepaidctl" "$@"
}

# stop_run_script: Ctrl-C (SIGINT to the process group, as a terminal sends it), then checks
# that FreeRADIUS, the HTTP API and MariaDB are gone.
stop_run_script() {
  kill -INT -- "-$RUN_PID"
  for _ in $(seq 1 150); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$RUN_PID" 2>/dev/null && fail "scripts/run still runs 30 s after Ctrl-C"
  wait "$RUN_PID" || true
  RUN_PID=""
  if echo "Message-Authenticator = 0x00" | radclient -r 1 -t 1 "127.0.0.1:$PREPAID_AUTH_PORT" \
      status testing123 >/dev/null 2>&1; then
    fail "FreeRADIUS still answers after Ctrl-C"
  fi
  curl -s -m 2 "http://127.0.0.1:$PREPAID_API_PORT/" >/dev/null 2>&1 \
    && fail "the HTTP API still answers after Ctrl-C"
  [ -S "$RUN_WORK/run/mariadb/mysqld.sock" ] && fail "the MariaDB socket is still there after Ctrl-C"
  echo "ok: Ctrl-C stopped FreeRADIUS, the API and MariaDB"
}
