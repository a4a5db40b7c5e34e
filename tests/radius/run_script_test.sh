#!/usr/bin/env bash
# Test of scripts/run, the README's first command (ctest radius_run_script, label e2e): starts
# it on free loopback ports and a run directory of its own (the build as it is: no install,
# no build), waits until it says the server is running, then does what it tells a new user to
# do — every radclient command it prints (the Cisco call's stage 1, stage 2 and Stop; the
# SIP booth's call as "number@realm" and its Stop), prepaidctl with the environment it
# prints, the curl line with the token it prints — and checks each answer; then Ctrl-C
# (SIGINT), after which the server, the API and the database must all be gone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/lib/common.sh"

[ -n "${PREPAID_BUILD_DIR:-}" ] || { echo "FAIL: PREPAID_BUILD_DIR is not set" >&2; exit 1; }
for tool in radclient curl freeradius mariadbd; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d /tmp/prepaid-run-test.XXXXXX)"
out="$work/run.out"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -INT -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  "$root/scripts/mariadb" stop "$work/run/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- scripts/run said:" >&2
  sed 's/\x1b\[[0-9;]*m//g' "$out" >&2 || true
  exit 1
}

export PREPAID_SKIP_SETUP=1 PREPAID_RUN_DIR="$work/run"
PREPAID_AUTH_PORT="$(free_port udp)"
PREPAID_ACCT_PORT="$(free_port udp)"
PREPAID_API_PORT="$(free_port)"
export PREPAID_AUTH_PORT PREPAID_ACCT_PORT PREPAID_API_PORT
# Its own database, whatever the test environment points at.
unset PREPAID_DB_SOCKET PREPAID_DB_PORT PREPAID_DB_USER PREPAID_DB_PASSWORD PREPAID_DB_NAME

# Job control on: scripts/run gets a process group of its own, as in a terminal, and SIGINT
# is not ignored (a non-interactive shell's background jobs ignore it). timeout bounds it.
set -m
timeout 900 "$root/scripts/run" >"$out" 2>&1 &
pid=$!
set +m
for _ in $(seq 1 600); do
  grep -q "Press Ctrl-C" "$out" && break
  kill -0 "$pid" 2>/dev/null || fail "scripts/run exited before the server was up"
  sleep 0.2
done
grep -q "Press Ctrl-C" "$out" || fail "scripts/run did not say the server is running within 120 s"

# The printed commands: "    printf ... \" followed by "      | radclient ...".
mapfile -t commands < <(python3 - "$out" <<'PY'
import re, sys
lines = [re.sub(r"\x1b\[[0-9;]*m", "", l.rstrip("\n")) for l in open(sys.argv[1])]
for i, line in enumerate(lines):
    if line.startswith("    printf ") and line.endswith("\\") and i + 1 < len(lines):
        print(line[4:-1].rstrip() + " " + lines[i + 1].strip())
PY
)
[ "${#commands[@]}" -eq 5 ] || fail "expected 5 radclient commands, found ${#commands[@]}"
expect=("Access-Accept" "Access-Accept" "Accounting-Response" "Access-Accept"
        "Accounting-Response")
for i in "${!commands[@]}"; do
  answer="$(bash -c "${commands[$i]}" 2>&1)" || true
  grep -q "Received ${expect[$i]}" <<<"$answer" \
    || fail "command $((i + 1)) did not get ${expect[$i]}: ${commands[$i]}
$answer"
  echo "ok: command $((i + 1)) got ${expect[$i]}"
done
# Stage 2 granted time and a return code 0, as a gateway needs them.
grep -q 'h323-return-code = "h323-return-code=0"' <<<"$(bash -c "${commands[0]}" 2>&1)" \
  || fail "stage 1 did not answer h323-return-code=0"

# prepaidctl with the environment it printed: both calls are listed, each charged.
env_line="$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^    export PREPAID_DB_SOCKET=' | sed 's/^    //')"
[ -n "$env_line" ] || fail "no prepaidctl environment printed"
prepaidctl_line="$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^    .*/prepaidctl calls list$' | sed 's/^    //')"
[ -n "$prepaidctl_line" ] || fail "no prepaidctl calls list line printed"
calls="$(bash -c "$env_line && $prepaidctl_line" 2>&1)" || fail "prepaidctl calls list failed: $calls"
echo "$calls"
[ "$(grep -c 'United Kingdom' <<<"$calls")" -eq 2 ] || fail "expected the 2 demo calls in: $calls"

# The API with the token it printed.
curl_line="$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^    curl ' | sed 's/^    //')"
[ -n "$curl_line" ] || fail "no curl line printed"
cards="$(bash -c "$curl_line" 2>&1)" || fail "the curl line failed: $cards"
card="$(sed 's/\x1b\[[0-9;]*m//g' "$out" | awk '$1 == "card" { print $2; exit }')"
grep -q "\"$card\"" <<<"$cards" || fail "the API's card list lacks demo card $card: $cards"
echo "ok: prepaidctl and the API answer"

# Ctrl-C: SIGINT to the foreground process group, as a terminal sends it.
kill -INT -- "-$pid"
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && fail "scripts/run still runs 30 s after Ctrl-C"
wait "$pid" || true
pid=""
if echo "Message-Authenticator = 0x00" | radclient -r 1 -t 1 "127.0.0.1:$PREPAID_AUTH_PORT" \
    status testing123 >/dev/null 2>&1; then
  fail "FreeRADIUS still answers after Ctrl-C"
fi
curl -s -m 2 "http://127.0.0.1:$PREPAID_API_PORT/" >/dev/null 2>&1 \
  && fail "the HTTP API still answers after Ctrl-C"
[ -S "$work/run/mariadb/mysqld.sock" ] && fail "the MariaDB socket is still there after Ctrl-C"
echo "ok: Ctrl-C stopped FreeRADIUS, the API and MariaDB"
