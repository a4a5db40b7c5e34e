#!/usr/bin/env bash
# A real SIP proxy in front of rlm_prepaid (ctest radius_kamailio, label e2e): scripts/run
# (MariaDB, radiusd with the example raddb, demo booths), Kamailio with
# examples/kamailio/kamailio.cfg (auth_radius, acc_radius, dialog, radcli), and SIPp as a
# booth (kamailio_booth_call.xml) and as the called party (kamailio_callee.xml), all on
# loopback ports of their own. Checks that:
#   - a wrong PIN gets 403 from the proxy (Access-Reject) and holds no reservation;
#   - a booth's call (digest challenge, answer with its PIN; Kamailio sends "number@realm")
#     is authorized, connected, and its Start and Stop charge it once for the 4 s between
#     them; the same booth calling again meanwhile is refused (one call at a time), another
#     booth's call at the same time goes through;
#   - a card whose balance buys 2 s (a tariff of its own at 6.00 EUR a minute) is cut off by
#     the proxy after its Session-Timeout, and charged for those seconds, never more than
#     its balance; one whose balance buys 1 s is refused by the proxy and charged nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/run_script_lib.sh"
need_tools radclient curl freeradius mariadbd kamailio sipp

start_run_script
read -r booth pin < <(demo_account booth 1)
read -r booth2 pin2 < <(demo_account booth 2)
[ -n "$booth" ] && [ -n "$booth2" ] || fail "scripts/run listed no two demo booths"

# Kamailio's configuration from the examples, its @...@ filled in.
proxy_port="$(free_port udp)"
callee_port="$(free_port udp)"
radcli="$RUN_WORK/radcli"
mkdir -p "$radcli" "$RUN_WORK/kamailio"
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
  >"$RUN_WORK/kamailio/kamailio.log" 2>&1 &
kamailio_pid=$!
RUN_CLEANUP_EXTRA="kill $kamailio_pid 2>/dev/null; pkill -f -- '-p $callee_port' 2>/dev/null"
for _ in $(seq 1 50); do
  grep -q "probe_max_receive_buffer" "$RUN_WORK/kamailio/kamailio.log" && break
  kill -0 "$kamailio_pid" 2>/dev/null \
    || { cat "$RUN_WORK/kamailio/kamailio.log" >&2; fail "kamailio exited"; }
  sleep 0.2
done

cd "$RUN_WORK"
# caller <booth> <pin> <local port>: one call from SIPp as the booth; it talks 4 s unless
# refused or cut off.
caller() {
  timeout 60 sipp "127.0.0.1:$proxy_port" -sf "$here/kamailio_booth_call.xml" -i 127.0.0.1 \
    -p "$3" -s 00442079460000 -key booth "$1" -au "$1" -ap "$2" -m 1 -nostdin \
    -timeout 30 -timeout_error -trace_err >"$RUN_WORK/sipp-$3.log" 2>&1 \
    || { cat "$RUN_WORK/sipp-$3.log" "$RUN_WORK"/*_errors.log 2>/dev/null >&2; return 1; }
}
# callee <calls>: SIPp answering that many calls, as a background job ($callee_pid).
callee() {
  timeout 60 sipp -sf "$here/kamailio_callee.xml" -i 127.0.0.1 -p "$callee_port" -m "$1" \
    -nostdin -trace_err >"$RUN_WORK/callee.log" 2>&1 &
  callee_pid=$!
}
calls_of() { prepaidctl_as_printed calls list 2>&1 | awk -v b="$1" '$2 == b'; }
online_of() { prepaidctl_as_printed online 2>&1 | grep -c -- "$1" || true; }
radius_log="$RUN_WORK/run/radiusd/log/radius.log"
# seconds_of <calls list line>: the SECONDS column (date, card, called, destination in two
# words, seconds, billed, price, currency).
seconds_of() { awk '{ print $6 }' <<<"$1"; }

# 1. A wrong PIN: 403 from the proxy, no reservation, no call.
caller "$booth" "${pin}9" "$(free_port udp)" || fail "the wrong PIN's call did not end as SIPp expects"
grep -q "account $booth: authentication failed" "$radius_log" \
  || fail "rlm_prepaid did not refuse the wrong PIN"
[ "$(online_of "$booth")" -eq 0 ] || fail "the refused call holds a reservation"
echo "ok: a wrong PIN gets 403 and reserves nothing"

# 2. The booth talks 4 s; meanwhile the same booth calls again (refused: one call at a time)
#    and the second booth calls (4 s, through).
callee 2
caller "$booth" "$pin" "$(free_port udp)" &
first=$!
for _ in $(seq 1 50); do [ "$(online_of "$booth")" -eq 1 ] && break; sleep 0.1; done
[ "$(online_of "$booth")" -eq 1 ] || fail "the first call holds no reservation while it talks"
caller "$booth" "$pin" "$(free_port udp)" || fail "the booth's second call did not end as expected"
grep -q "account $booth: IN_USE" "$radius_log" \
  || fail "the booth's second call at once was not refused as IN_USE"
caller "$booth2" "$pin2" "$(free_port udp)" || fail "the second booth's call failed"
wait "$first" || fail "the first booth's call failed"
wait "$callee_pid" || { cat "$RUN_WORK/callee.log" >&2; fail "the SIPp callee failed"; }
echo "ok: both booths' calls went through Kamailio; the first booth's second call was refused"

sleep 1
for b in "$booth" "$booth2"; do
  calls="$(calls_of "$b")"
  echo "$calls"
  [ "$(grep -c . <<<"$calls")" -eq 1 ] || fail "booth $b: expected one call, got: $calls"
  secs="$(seconds_of "$calls")"
  [ "$secs" -ge 3 ] && [ "$secs" -le 7 ] || fail "booth $b: $secs s for a 4 s call"
  charges="$(prepaidctl_as_printed cards ledger "$b" 2>&1 | grep -c call_charge || true)"
  [ "$charges" -eq 1 ] || fail "booth $b: $charges call charges in its ledger"
  [ "$(online_of "$b")" -eq 0 ] || fail "booth $b: its call is still online after the Stop"
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
caller "$tiny" "$tiny_pin" "$(free_port udp)" || fail "the 1 s card's call did not end as expected"
grep -q "account $tiny:" "$radius_log" && fail "rlm_prepaid refused the 1 s card (the proxy should)"
[ -z "$(calls_of "$tiny")" ] || fail "the 1 s card's refused call was recorded: $(calls_of "$tiny")"
[ "$(balance_of "$tiny")" = "0.10" ] || fail "the 1 s card was charged: $(balance_of "$tiny")"
echo "ok: a 1 s grant is refused by the proxy and charges nothing"

read -r short short_pin < <(short_card 0.20)
callee 1
caller "$short" "$short_pin" "$(free_port udp)" || fail "the short card's call failed"
wait "$callee_pid" || { cat "$RUN_WORK/callee.log" >&2; fail "the SIPp callee failed"; }
sleep 1
calls="$(calls_of "$short")"
echo "$calls"
[ "$(grep -c . <<<"$calls")" -eq 1 ] || fail "the short card: expected one call, got: $calls"
secs="$(seconds_of "$calls")"
# The caller would talk 4 s: 2 s or less means the proxy ended it (a second early, and
# Start and Stop are stamped in whole seconds).
[ "$secs" -le 2 ] || fail "the short card talked $secs s on a 2 s limit"
balance="$(balance_of "$short")"
case "$balance" in
  -*) fail "the short card's balance went below zero: $balance" ;;
esac
[ "$(online_of "$short")" -eq 0 ] || fail "the short card's call is still online"
echo "ok: the proxy cut the call at its time limit ($secs s), balance $balance"

stop_run_script
