# Helpers for tests that start scripts/run (run_script_test.sh, kamailio_test.sh). Source it;
# do not run it. It sources scripts/lib/common.sh (PREPAID_ROOT).
#
# Every wait here is for something observed (a line printed, a port bound, an answer),
# bounded in count and in time, and says what it waited for when it gives up: these tests
# run on loaded 2-core machines, next to the rest of the suite (docs/testing.md).
# PREPAID_KEEP_TEST_DIRS=1 keeps the test's directory ($RUN_WORK) instead of removing it.
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
RUN_DIAGNOSE=""       # a command that prints what the test saw, run by fail()
RADIUS_LOG="$RUN_WORK/run/radiusd/log/radius.log"

run_cleanup() {
  [ -z "$RUN_CLEANUP_EXTRA" ] || eval "$RUN_CLEANUP_EXTRA" || true
  if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then
    kill -INT -- "-$RUN_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$RUN_PID" 2>/dev/null || true
  fi
  "$PREPAID_ROOT/scripts/mariadb" stop "$RUN_WORK/run/mariadb" >/dev/null 2>&1 || true
  if [ -n "${PREPAID_KEEP_TEST_DIRS:-}" ]; then
    echo "kept $RUN_WORK (PREPAID_KEEP_TEST_DIRS)" >&2
  else
    rm -rf "$RUN_WORK"
  fi
}
trap run_cleanup EXIT

# The output of scripts/run without terminal colours.
run_output() { [ ! -e "$RUN_OUT" ] || sed 's/\x1b\[[0-9;]*m//g' "$RUN_OUT"; }

# fail <message>: the message, what the test saw (RUN_DIAGNOSE), the end of FreeRADIUS's log
# (rlm_prepaid's refusals) and what scripts/run printed; exits 1.
fail() {
  echo "FAIL: $*" >&2
  if [ -n "$RUN_DIAGNOSE" ]; then
    eval "$RUN_DIAGNOSE" >&2 || true
  fi
  if [ -s "$RADIUS_LOG" ]; then
    echo "--- FreeRADIUS's log (last 25 lines of $RADIUS_LOG):" >&2
    tail -n 25 "$RADIUS_LOG" >&2 || true
  fi
  echo "--- scripts/run said:" >&2
  run_output >&2 || true
  exit 1
}

# wait_for <seconds> <command>...: runs the command until it succeeds, every 0.1 s and for at
# most <seconds> (in count and in time); returns 1 when it never did.
wait_for() {
  local limit=$1 deadline i
  shift
  deadline=$((SECONDS + limit))
  for ((i = 0; i <= limit * 10; i++)); do
    "$@" && return 0
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
  return 1
}

# loopback_port [udp]: a free TCP (or UDP) port of 127.0.0.1 taken at random below the
# kernel's ephemeral range (net.ipv4.ip_local_port_range) and above SIPp's own (5060,
# 6000, 8888 and up). free_port asks the kernel for one inside that range, which every
# socket bound to port 0 draws from: on a machine running the suite in parallel (RADIUS
# clients open a socket per request) one of them can take the port in the seconds between
# the pick and the bind. Below the range only another explicit pick can.
loopback_port() {
  python3 - "$@" <<'PY'
import random, socket, sys
kind = socket.SOCK_DGRAM if sys.argv[1:] == ["udp"] else socket.SOCK_STREAM
try:
    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        ephemeral_low = int(f.read().split()[0])
except (OSError, ValueError, IndexError):
    ephemeral_low = 32768
low, high = 10000, ephemeral_low - 1
for _ in range(200):
    s = socket.socket(socket.AF_INET, kind)
    port = random.randint(low, high) if high - low >= 1000 else 0
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    else:
        print(s.getsockname()[1])
        sys.exit(0)
    finally:
        s.close()
sys.exit("no free port on 127.0.0.1")
PY
}

# start_run_script: scripts/run on free loopback ports, in $RUN_WORK/run, with the build as it
# is (no install, no build); returns once it says the server is running (scripts/run waits
# until FreeRADIUS answers and the API listens, and fails when they do not).
start_run_script() {
  export PREPAID_SKIP_SETUP=1 PREPAID_RUN_DIR="$RUN_WORK/run"
  PREPAID_AUTH_PORT="$(loopback_port udp)"
  PREPAID_ACCT_PORT="$(loopback_port udp)"
  PREPAID_API_PORT="$(loopback_port)"
  export PREPAID_AUTH_PORT PREPAID_ACCT_PORT PREPAID_API_PORT
  # Its own database, whatever the test environment points at, on a port picked the same way.
  unset PREPAID_DB_SOCKET PREPAID_DB_PORT PREPAID_DB_USER PREPAID_DB_PASSWORD PREPAID_DB_NAME
  PREPAID_DB_PORT="$(loopback_port)"
  export PREPAID_DB_PORT
  : >"$RUN_OUT"
  # A temporary directory of its own: MariaDB keeps its temporary tables in $TMPDIR (/tmp by
  # default) and every MariaDB that starts deletes the '#sql*' files it finds there, those of
  # another one being initialised included (mariadb-install-db then fails: "Unknown table
  # 'mysql.tmp_user_sys'"); tests running in parallel start several.
  mkdir -p "$RUN_WORK/tmp"
  # Job control on: scripts/run gets a process group of its own, as in a terminal, and
  # SIGINT is not ignored (a non-interactive shell's background jobs ignore it). timeout
  # bounds it.
  set -m
  TMPDIR="$RUN_WORK/tmp" timeout 900 "$PREPAID_ROOT/scripts/run" >"$RUN_OUT" 2>&1 &
  RUN_PID=$!
  set +m
  unset PREPAID_DB_PORT
  wait_for 180 run_script_up || fail "scripts/run did not say the server is running within 180 s"
}

# run_script_up: true once scripts/run says the server is running; fails when it has exited.
run_script_up() {
  grep -q "Press Ctrl-C" "$RUN_OUT" && return 0
  kill -0 "$RUN_PID" 2>/dev/null || fail "scripts/run exited before the server was up"
  return 1
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
