#!/usr/bin/env bash
# Test of scripts/run, the README's first command (ctest radius_run_script, label e2e): starts
# it on free loopback ports and a run directory of its own (the build as it is: no install,
# no build), waits until it says the server is running, then does what it tells a new user to
# do — every radclient command it prints (the Cisco call's stage 1, stage 2 and Stop; the
# SIP booth's call as "number@realm" and its Stop; the demo callshop's open booth, and its
# closed one refused), prepaidctl with the environment it
# prints, the curl line with the token it prints — and checks each answer; then Ctrl-C
# (SIGINT), after which the server, the API and the database must all be gone.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/run_script_lib.sh"
need_tools radclient curl freeradius mariadbd

start_run_script

# The printed commands: "    printf ... \" followed by "      | radclient ...".
mapfile -t commands < <(python3 - "$RUN_OUT" <<'PY'
import re, sys
lines = [re.sub(r"\x1b\[[0-9;]*m", "", l.rstrip("\n")) for l in open(sys.argv[1])]
for i, line in enumerate(lines):
    if line.startswith("    printf ") and line.endswith("\\") and i + 1 < len(lines):
        print(line[4:-1].rstrip() + " " + lines[i + 1].strip())
PY
)
[ "${#commands[@]}" -eq 6 ] || fail "expected 6 radclient commands, found ${#commands[@]}"
expect=("Access-Accept" "Access-Accept" "Accounting-Response" "Access-Accept"
        "Accounting-Response" "Access-Accept")
for i in "${!commands[@]}"; do
  answer="$(bash -c "${commands[$i]}" 2>&1)" || true
  grep -q "Received ${expect[$i]}" <<<"$answer" \
    || fail "command $((i + 1)) did not get ${expect[$i]}: ${commands[$i]}
$answer"
  echo "ok: command $((i + 1)) got ${expect[$i]}"
done
# Stage 1 answers return code 0 (the card may call), as the debit-card IVR needs it.
grep -q 'h323-return-code = "h323-return-code=0"' <<<"$(bash -c "${commands[0]}" 2>&1)" \
  || fail "stage 1 did not answer h323-return-code=0"

# prepaidctl with the environment it printed: both calls are listed, each charged.
[ -n "$(printed '.*/prepaidctl calls list$')" ] || fail "no prepaidctl calls list line printed"
calls="$(prepaidctl_as_printed calls list 2>&1)" || fail "prepaidctl calls list failed: $calls"
echo "$calls"
[ "$(grep -c 'United Kingdom' <<<"$calls")" -eq 2 ] || fail "expected the 2 demo calls in: $calls"

# The API with the token it printed.
curl_line="$(printed 'curl ')"
[ -n "$curl_line" ] || fail "no curl line printed"
cards="$(bash -c "$curl_line" 2>&1)" || fail "the curl line failed: $cards"
card="$(demo_account card 1 | cut -d' ' -f1)"
grep -q "\"$card\"" <<<"$cards" || fail "the API's card list lacks demo card $card: $cards"
echo "ok: prepaidctl and the API answer"

# The demo callshop: Cabin 2 is not open, refused with its own message; olga sees her booths.
closed="$(printf 'User-Name = "710000000102@sip.example.com"\nUser-Password = "5932"\nCalled-Station-Id = "sip:+442079460000@gw.example.com"\nCisco-AVPair = "call-id=closed-booth"\n' \
  | radclient -x "127.0.0.1:$PREPAID_AUTH_PORT" auth testing123 2>&1)" || true
grep -q 'Reply-Message = "Booth not open"' <<<"$closed" \
  || fail "the closed demo booth was not refused with \"Booth not open\": $closed"
booths="$(prepaidctl_as_printed --as olga booths list 2>&1)" || fail "booths list failed: $booths"
grep -q "Cabin 1.*in_call\|Cabin 1.*open" <<<"$booths" || fail "Cabin 1 is not open: $booths"
echo "ok: the demo callshop"

stop_run_script
