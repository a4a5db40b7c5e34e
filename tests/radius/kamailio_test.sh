#!/usr/bin/env bash
# A real SIP proxy in front of rlm_prepaid (ctest radius_kamailio, label e2e): scripts/run
# (MariaDB, radiusd with the example raddb, demo booths), Kamailio with
# examples/kamailio/kamailio.cfg (auth_radius, acc_radius, dialog, radcli), and SIPp as a
# booth (kamailio_booth_call.xml) and as the called party (kamailio_callee.xml), all on
# loopback ports of their own. Checks that:
#   - the SIPp scenarios take what a proxy on a loaded machine sends: a 180 after the 200,
#     the INVITE again after the callee's 200, a BYE before the ACK (step 0, SIPp against
#     SIPp playing the proxy);
#   - a wrong PIN gets 403 from the proxy (Access-Reject) and holds no reservation;
#   - a booth's call (digest challenge, answer with its PIN; Kamailio sends "number@realm")
#     is authorized, connected, and its Start and Stop charge it once for the 4 s between
#     them; the same booth calling again meanwhile is refused (one call at a time), another
#     booth's call at the same time goes through;
#   - a card whose balance buys 2 s (a tariff of its own at 6.00 EUR a minute) is cut off by
#     the proxy after its Session-Timeout — both sides get a BYE — and charged for those
#     seconds, never more than its balance; one whose balance buys 1 s is refused by the
#     proxy and charged nothing.
# It must pass on a loaded 2-core machine next to the rest of the suite (docs/testing.md):
# every wait is for something observed (Kamailio answering, the callee listening, the Stop
# recorded), bounded in count and time; no port is picked from the kernel's ephemeral range
# (SIPp callers bind their own); a failure prints, for each SIPp, its exit code, its counters
# and the last messages it sent and received, the proxy's log (rlm_prepaid's answer for each
# call) and FreeRADIUS's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/run_script_lib.sh"
need_tools radclient curl freeradius mariadbd kamailio sipp ss python3

sipp_dir="$RUN_WORK/sipp"
kamailio_log="$RUN_WORK/kamailio/kamailio.log"
mkdir -p "$sipp_dir" "$RUN_WORK/kamailio"
kamailio_pid=""

# sipp_as <label> <arguments>...: SIPp with the test's options, its output in
# $sipp_dir/<label>.*: .log (its screens, printed when it ends), .messages (every message it
# sent and received), .errors (the unexpected ones), .pid, and .rc (its exit code) once it
# ends. Returns that exit code.
sipp_as() {
  local label=$1 pid rc=0
  shift
  timeout 120 sipp "$@" -i 127.0.0.1 -nostdin -trace_msg -message_file "$sipp_dir/$label.messages" \
    -trace_err -error_file "$sipp_dir/$label.errors" >"$sipp_dir/$label.log" 2>&1 &
  pid=$!
  echo "$pid" >"$sipp_dir/$label.pid"
  wait "$pid" || rc=$?
  echo "$rc" >"$sipp_dir/$label.rc"
  return "$rc"
}

# sipp_summary <label>: one line per message SIPp sent or received, with its time (the last
# <n>, default 12).
sipp_summary() {
  awk '/^-{20,} / { when = $3; next }
       /message sent/ { dir = "sent"; getline; getline; print when, dir, $0; next }
       /message received/ { dir = "received"; getline; getline; print when, dir, $0; next }' \
    "$sipp_dir/$1.messages" 2>/dev/null | tr -d '\r' | tail -n "${2:-12}"
}

# What the test saw, printed by fail(): every SIPp in the order they started (exit code; the
# counters and what it said itself when it failed; the last messages it sent and received;
# its unexpected messages), then the proxy's log.
kamailio_diagnose() {
  local f label rc
  for f in $(ls -1tr "$sipp_dir"/*.pid 2>/dev/null); do
    label="$(basename "$f" .pid)"
    rc="$(cat "$sipp_dir/$label.rc" 2>/dev/null || echo 'none yet, still running')"
    echo "--- SIPp '$label': exit code $rc (0: its calls went as the scenario says)"
    if [ "$rc" != 0 ]; then
      sed -n '/Messages  Retrans/,/Test Terminated/p' "$sipp_dir/$label.log" | grep -v '^ *$' || true
      grep -E $'^[0-9]{4}-[0-9]{2}-[0-9]{2}\t' "$sipp_dir/$label.log" | tail -n 5 || true
    fi
    echo "    its last messages:"
    sipp_summary "$label" | sed 's/^/      /'
    if [ "$rc" != 0 ] && [ -s "$sipp_dir/$label.errors" ]; then
      echo "    its events and unexpected messages (end of $label.errors):"
      tail -n 30 "$sipp_dir/$label.errors" | tr -d '\r' | sed 's/^/      /'
      echo
    fi
  done
  echo "--- Kamailio's log (its prepaid lines, warnings and errors; last 40):"
  grep -E 'prepaid:|WARNING|ERROR|CRITICAL|exited' "$kamailio_log" 2>/dev/null | tail -n 40 || true
}
RUN_DIAGNOSE=kamailio_diagnose

# The test's own processes, by pid: Kamailio and any SIPp still running.
kamailio_cleanup() {
  local f
  for f in "$sipp_dir"/*.pid; do
    [ -e "$f" ] && [ ! -e "${f%.pid}.rc" ] && kill "$(cat "$f")" 2>/dev/null
  done
  [ -z "$kamailio_pid" ] || kill "$kamailio_pid" 2>/dev/null
  return 0
}
RUN_CLEANUP_EXTRA=kamailio_cleanup

# sipp_listens <label> <port>: true once that SIPp listens on 127.0.0.1:<port>; fails when it
# has exited.
sipp_listens() {
  [ ! -e "$sipp_dir/$1.rc" ] || fail "SIPp '$1' exited at start-up"
  ss -Hlunp "sport = :$2" | grep -q '"sipp"'
}
cd "$RUN_WORK"

# 0. The scenarios take what a proxy on a loaded machine sends (SIPp against SIPp playing the
#    proxy): the callee, the INVITE again after its 200 and the BYE before the ACK; the booth,
#    a 180 after the 200.
fake_callee_port="$(loopback_port udp)"
sipp_as resent-invite-callee -sf "$here/kamailio_callee.xml" -p "$fake_callee_port" -m 1 \
  -timeout 30 -timeout_error &
fake_callee=$!
wait_for 30 sipp_listens resent-invite-callee "$fake_callee_port" \
  || fail "SIPp 'resent-invite-callee' did not listen on 127.0.0.1:$fake_callee_port within 30 s"
sipp_as resent-invite-proxy "127.0.0.1:$fake_callee_port" -sf "$here/kamailio_resent_invite.xml" \
  -s 00442079460000 -m 1 -timeout 30 -timeout_error || true
wait "$fake_callee" \
  || fail "the callee's scenario did not take an INVITE sent again after its 200 and a BYE before the ACK"
fake_proxy_port="$(loopback_port udp)"
sipp_as late-180-proxy -sf "$here/kamailio_late_180.xml" -p "$fake_proxy_port" -m 1 \
  -timeout 30 -timeout_error &
fake_proxy=$!
wait_for 30 sipp_listens late-180-proxy "$fake_proxy_port" \
  || fail "SIPp 'late-180-proxy' did not listen on 127.0.0.1:$fake_proxy_port within 30 s"
sipp_as late-180-booth "127.0.0.1:$fake_proxy_port" -sf "$here/kamailio_booth_call.xml" \
  -s 00442079460000 -key booth 1000 -au 1000 -ap 1234 -m 1 -timeout 30 -timeout_error \
  || fail "the booth's scenario did not take a 180 that came after the 200"
wait "$fake_proxy" || true
echo "ok: the SIPp scenarios take late and repeated messages"

start_run_script
read -r booth pin < <(demo_account booth 1)
read -r booth2 pin2 < <(demo_account booth 2)
[ -n "$booth" ] && [ -n "$booth2" ] || fail "scripts/run listed no two demo booths"

# Kamailio's configuration from the examples, its @...@ filled in.
proxy_port="$(loopback_port udp)"
callee_port="$(loopback_port udp)"
radcli="$RUN_WORK/radcli"
mkdir -p "$radcli"
modules_dir="$(dirname "$(dpkg -L kamailio | grep -m1 '/modules/tm.so$')")"
[ -d "$modules_dir" ] || fail "Kamailio's modules directory was not found"
nonce_secret="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
fill() {
  sed -e "s|@MODULES_DIR@|$modules_dir/|g; s|@NONCE_SECRET@|$nonce_secret|g" \
    -e "s|@AUTH_PORT@|$PREPAID_AUTH_PORT|g; s|@ACCT_PORT@|$PREPAID_ACCT_PORT|g" \
    -e "s|@RADCLI_DIR@|$radcli|g; s|@SECRET@|testing123|g; s|@PROXY_PORT@|$proxy_port|g" \
    -e "s|@NEXT_HOP_PORT@|$callee_port|g" "$PREPAID_ROOT/examples/kamailio/$1" >"$2"
}
for f in radiusclient.conf servers dictionary; do fill "$f" "$radcli/$f"; done
fill kamailio.cfg "$RUN_WORK/kamailio/kamailio.cfg"
grep -q '@[A-Z_]*@' "$RUN_WORK/kamailio/kamailio.cfg" "$radcli"/* \
  && fail "a placeholder of examples/kamailio was left unfilled"
kamailio -c -f "$RUN_WORK/kamailio/kamailio.cfg" >"$RUN_WORK/kamailio/check.log" 2>&1 \
  || { cat "$RUN_WORK/kamailio/check.log" >&2; fail "kamailio -c refused the configuration"; }
kamailio -f "$RUN_WORK/kamailio/kamailio.cfg" -DD -E -Y "$RUN_WORK/kamailio" \
  >"$kamailio_log" 2>&1 &
kamailio_pid=$!

# sip_ping <port>: sends one OPTIONS to 127.0.0.1:<port> and prints the status line of the
# answer; fails when none comes within a second.
sip_ping() {
  python3 - "$1" <<'PY'
import socket, sys, uuid
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.settimeout(1.0)
tag = uuid.uuid4().hex[:12]
s.sendto((f"OPTIONS sip:ping@127.0.0.1:{port} SIP/2.0\r\n"
          f"Via: SIP/2.0/UDP 127.0.0.1:{s.getsockname()[1]};branch=z9hG4bK{tag}\r\n"
          f"Max-Forwards: 70\r\nFrom: <sip:test@127.0.0.1>;tag={tag}\r\n"
          f"To: <sip:ping@127.0.0.1>\r\nCall-ID: {tag}@127.0.0.1\r\n"
          "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").encode(), ("127.0.0.1", port))
try:
    print(s.recv(65535).split(b"\r\n", 1)[0].decode(errors="replace"))
except OSError:
    sys.exit(1)
PY
}
# Ready once a worker process answers a request (this configuration answers OPTIONS with 405):
# its socket is bound and its children have started.
kamailio_answers() {
  kill -0 "$kamailio_pid" 2>/dev/null || { echo "kamailio exited" >>"$kamailio_log"
    fail "kamailio exited at start-up"; }
  sip_ping "$proxy_port" >/dev/null
}
wait_for 60 kamailio_answers || fail "Kamailio did not answer an OPTIONS on 127.0.0.1:$proxy_port within 60 s"

# caller <label> <booth> <pin>: one call from SIPp as the booth (SIPp binds a free port of its
# own, from 5060 up); it talks 4 s unless refused or cut off. SIPp fails on anything
# unexpected, and after 30 s.
caller() {
  sipp_as "$1" "127.0.0.1:$proxy_port" -sf "$here/kamailio_booth_call.xml" \
    -s 00442079460000 -key booth "$2" -au "$2" -ap "$3" -m 1 -timeout 30 -timeout_error
}
# callee <label> <calls>: SIPp answering that many calls on the proxy's next hop, in the
# background ($callee_pid); returns once it listens there. It fails after 90 s.
callee() {
  sipp_as "$1" -sf "$here/kamailio_callee.xml" -p "$callee_port" -m "$2" -timeout 90 \
    -timeout_error &
  callee_pid=$!
  wait_for 30 sipp_listens "$1" "$callee_port" \
    || fail "the SIPp callee '$1' did not listen on 127.0.0.1:$callee_port within 30 s"
}
# (--card: "today" is the card's tariff's day; the test's tariffs are in different zones.)
calls_of() { prepaidctl_as_printed calls list --card "$1" 2>&1 | awk -v b="$1" '$2 == b'; }
online_of() { prepaidctl_as_printed online 2>&1 | grep -c -- "$1" || true; }
# seconds_of <calls list line>: the SECONDS column (date, card, called, destination in two
# words, seconds, billed, price, currency).
seconds_of() { awk '{ print $6 }' <<<"$1"; }
# accepted <account>: true once the proxy has logged rlm_prepaid's Access-Accept for it.
accepted() { grep -q "prepaid: call .* of $1 to .*: Access-Accept" "$kamailio_log"; }
# settled <account> <calls>: true once the account has that many calls recorded (their Stop
# charged) and none online. acc_radius sends a Stop after the proxy has relayed the BYE's
# answer: the callers can end before it is recorded.
settled() {
  [ "$(calls_of "$1" | grep -c .)" -eq "$2" ] && [ "$(online_of "$1")" -eq 0 ]
}

# 1. A wrong PIN: 403 from the proxy, no reservation, no call.
caller wrong-pin "$booth" "${pin}9" || fail "the wrong PIN's call did not end as SIPp expects"
grep -q "account $booth: authentication failed" "$RADIUS_LOG" \
  || fail "rlm_prepaid did not refuse the wrong PIN"
[ "$(online_of "$booth")" -eq 0 ] || fail "the refused call holds a reservation"
echo "ok: a wrong PIN gets 403 and reserves nothing"

# 2. The booth talks 4 s; meanwhile the same booth calls again (refused: one call at a time)
#    and the second booth calls (4 s, through).
callee callee-booths 2
caller booth-first "$booth" "$pin" &
first=$!
wait_for 30 accepted "$booth" || fail "the first booth's call was not authorized within 30 s"
[ "$(online_of "$booth")" -eq 1 ] || fail "the first call holds no reservation while it talks"
caller booth-again "$booth" "$pin" || fail "the booth's second call did not end as expected"
grep -q "account $booth: IN_USE" "$RADIUS_LOG" \
  || fail "the booth's second call at once was not refused as IN_USE"
caller booth-second "$booth2" "$pin2" || fail "the second booth's call failed"
wait "$first" || fail "the first booth's call failed"
wait "$callee_pid" || fail "the SIPp callee failed"
echo "ok: both booths' calls went through Kamailio; the first booth's second call was refused"

for b in "$booth" "$booth2"; do
  wait_for 30 settled "$b" 1 \
    || fail "booth $b: its Stop was not recorded within 30 s: calls: $(calls_of "$b"), online: $(online_of "$b")"
  calls="$(calls_of "$b")"
  echo "$calls"
  secs="$(seconds_of "$calls")"
  [ "$secs" -ge 3 ] && [ "$secs" -le 7 ] || fail "booth $b: $secs s for a 4 s call"
  charges="$(prepaidctl_as_printed cards ledger "$b" 2>&1 | grep -c call_charge || true)"
  [ "$charges" -eq 1 ] || fail "booth $b: $charges call charges in its ledger"
done
echo "ok: each booth charged once for its call's time"

# 3. The time limit: 0.20 EUR at 6.00 EUR a minute, 1 s increments, buys 2 s.
cat >"$RUN_WORK/expensive.tariff" <<'TARIFF'
[tariff]
name = kamailio-test-expensive
currency = EUR
zone = UTC
base = all
[pricelist all]
prefix,destination,rate,first_increment,increment
44,United Kingdom,6.00,1,1
TARIFF
prepaidctl_as_printed tariffs import "$RUN_WORK/expensive.tariff" >/dev/null 2>&1 \
  || fail "could not import the test tariff"
# short_card <amount>: "number pin" of a new booth on that tariff.
short_card() {
  local created
  created="$(prepaidctl_as_printed --json cards create --count 1 --amount "$1" --currency EUR \
    --tariff kamailio-test-expensive --kind booth --activation at_creation --pin-length 4)" \
    || fail "could not create a card of $1 EUR: $created"
  python3 -c 'import json, sys
c = json.load(sys.stdin)["cards"][0]
print(c["number"], c["pin"])' <<<"$created"
}
balance_of() { prepaidctl_as_printed cards show "$1" 2>&1 | awk '$1 == "balance:" { print $2 }'; }

# 0.10 EUR buys 1 s, which the proxy cannot keep (its dialog timer ticks once a second): 403.
read -r tiny tiny_pin < <(short_card 0.10)
caller one-second "$tiny" "$tiny_pin" || fail "the 1 s card's call did not end as expected"
grep -q "prepaid: call .* of $tiny: a grant of 1 s cannot be kept" "$kamailio_log" \
  || fail "the proxy did not refuse the 1 s card's call for its 1 s grant"
grep -q "account $tiny:" "$RADIUS_LOG" && fail "rlm_prepaid refused the 1 s card (the proxy should)"
[ -z "$(calls_of "$tiny")" ] || fail "the 1 s card's refused call was recorded: $(calls_of "$tiny")"
[ "$(balance_of "$tiny")" = "0.10" ] || fail "the 1 s card was charged: $(balance_of "$tiny")"
echo "ok: a 1 s grant is refused by the proxy and charges nothing"

read -r short short_pin < <(short_card 0.20)
callee callee-short 1
caller two-seconds "$short" "$short_pin" || fail "the short card's call failed"
# The callee ends only when it gets its BYE too.
wait "$callee_pid" || fail "the SIPp callee of the short card's call failed (no BYE at the time limit?)"
wait_for 30 settled "$short" 1 \
  || fail "the short card: its Stop was not recorded within 30 s: calls: $(calls_of "$short"), online: $(online_of "$short")"
calls="$(calls_of "$short")"
echo "$calls"
secs="$(seconds_of "$calls")"
# The caller would talk 4 s: 2 s or less means the proxy ended it (a second early, and
# Start and Stop are stamped in whole seconds).
[ "$secs" -le 2 ] || fail "the short card talked $secs s on a 2 s limit"
grep -q "prepaid: call .*: time limit, BYE to" "$kamailio_log" \
  || fail "the proxy logged no BYE at the short card's time limit"
balance="$(balance_of "$short")"
case "$balance" in
  -*) fail "the short card's balance went below zero: $balance" ;;
esac
echo "ok: the proxy cut the call at its time limit ($secs s), balance $balance"

# Every Stop named the number its call was authorized for ($dlg_var(called)), never the
# contact of an in-dialog BYE's request URI: nothing for an operator to review.
if grep -q "REVIEW" "$RADIUS_LOG"; then
  grep "REVIEW" "$RADIUS_LOG" >&2
  fail "rlm_prepaid flagged a Kamailio call for review"
fi
echo "ok: no Stop flagged for review"

stop_run_script
