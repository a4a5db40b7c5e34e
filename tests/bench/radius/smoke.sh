#!/usr/bin/env bash
# Smoke test of the RADIUS benchmark (ctest radius_bench_smoke, label e2e): runs run.sh with a
# few hundred calls on the test MariaDB, in two rounds, and checks that each of its thirteen
# measurements (the floor once, six per round) answered every request it sent the way it
# should (accepts for authorization, Accounting-Responses for accounting; whole calls: an
# accept and two Accounting-Responses per call, every call complete), and that the report
# gives each round's ratios and their medians; then once more, smaller, with SIP digest, and
# once with callshop booths (--booths). It
# keeps the benchmark and its two references working between the sessions that measure with
# them; it says nothing about speed (that is the benchmark's job, and a timed test on a
# shared machine could not fail honestly).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

[ -n "${PREPAID_BUILD_DIR:-}" ] || { echo "FAIL: PREPAID_BUILD_DIR is not set" >&2; exit 1; }
[ -n "${PREPAID_DB_SOCKET:-}" ] || { echo "FAIL: no test MariaDB (run through scripts/test)" >&2; exit 1; }

calls=300
# With a few past calls per account: run.sh then writes them for both references and checks
# they are all there (the default, none, only skips that step). With the recipe logging to
# radpostauth: run.sh then checks each round logged every request (the default, no post-auth
# logging, only leaves the recipe's post-auth section empty).
if ! out="$("$here/run.sh" --calls "$calls" --cards 50 --history 3 --rounds 2 --seconds 30 \
  --postauth-log 2>&1)"; then
  printf '%s\n' "$out" >&2
  echo "FAIL: run.sh failed" >&2
  exit 1
fi
printf '%s\n' "$out"

failed=0
# check <name> <requests expected> <answer field that must equal it>
check() {
  local name="$1" want="$2" answer="$3" line
  line="$(grep -E "^  $name +rate=" <<<"$out" || true)"
  if [ -z "$line" ]; then
    echo "FAIL: no measurement line for $name" >&2
    failed=1
    return
  fi
  local f
  for f in "sent=$want" "answered=$want" "lost=0" "bad=0" "$answer=$want"; do
    if ! grep -qE "(^| )$f( |$)" <<<"$line"; then
      echo "FAIL: $name: expected $f in: $line" >&2
      failed=1
    fi
  done
}
# check_calls <name> <calls>: whole calls, three requests each, every one complete.
check_calls() {
  local name="$1" n="$2" line f
  line="$(grep -E "^  $name +rate=" <<<"$out" || true)"
  if [ -z "$line" ]; then
    echo "FAIL: no measurement line for $name" >&2
    failed=1
    return
  fi
  for f in "sent=$((n * 3))" "answered=$((n * 3))" "lost=0" "bad=0" "accepts=$n" \
    "acct=$((n * 2))" "refused=0" "calls=$n"; do
    if ! grep -qE "(^| )$f( |$)" <<<"$line"; then
      echo "FAIL: $name: expected $f in: $line" >&2
      failed=1
    fi
  done
  if ! grep -qE "(^| )call_rate=[1-9][0-9]* " <<<"$line"; then
    echo "FAIL: $name: no call rate in: $line" >&2
    failed=1
  fi
}
check floor_auth $((calls * 10)) accepts
for round in 1 2; do
  check "recipe_auth.$round" "$calls" accepts
  check "recipe_acct_start_stop.$round" $((calls * 2)) acct
  check "prepaid_auth.$round" "$calls" accepts
  check "prepaid_acct_stop.$round" "$calls" acct
  check_calls "recipe_call.$round" "$calls"
  check_calls "prepaid_call.$round" "$calls"
  if ! grep -qE "^round $round: prepaid auth / recipe auth [0-9]+\.[0-9][0-9], prepaid auth p99 [0-9.]+ ms, prepaid acct stop / recipe start\+stop [0-9]+\.[0-9][0-9], prepaid calls / recipe calls [0-9]+\.[0-9][0-9]$" <<<"$out"; then
    echo "FAIL: the report has no ratios for round $round" >&2
    failed=1
  fi
  if ! grep -qE "^prepaid_call\.$round +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9]+$" <<<"$out"; then
    echo "FAIL: the report's table has no whole-call row for prepaid_call.$round" >&2
    failed=1
  fi
done

if ! grep -q "^RADIUS benchmark: $calls calls to 50 accounts (3 past calls each), 2 rounds.*, the recipe logging to radpostauth$" <<<"$out"; then
  echo "FAIL: the report does not say how many past calls each account had, how many rounds ran and that the recipe logged to radpostauth" >&2
  failed=1
fi
for ratio in "prepaid auth / recipe auth:" "prepaid auth p99 ms:" "prepaid acct stop / recipe start+stop:" \
  "prepaid calls / recipe calls:"; do
  if ! awk -v r="$ratio" 'index($0, r) == 1 && substr($0, length(r) + 1) ~ /^ +[0-9]+\.[0-9][0-9] /' \
    <<<"$out" | grep -q .; then
    echo "FAIL: the report has no figure for '$ratio'" >&2
    failed=1
  fi
done
# With two rounds the median is their mean: the verdict must come from both rounds' ratios.
read -r r1 r2 < <(sed -n 's/^round [12]: prepaid auth \/ recipe auth \([0-9.]*\),.*/\1/p' <<<"$out" | tr '\n' ' ') || true
med="$(sed -n 's/^prepaid auth \/ recipe auth: *\([0-9.]*\) .*/\1/p' <<<"$out")"
if ! awk -v a="${r1:-x}" -v b="${r2:-x}" -v m="${med:-x}" \
  'BEGIN { d = (a + b) / 2 - m; exit !(a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && m ~ /^[0-9.]+$/ && d < 0.006 && d > -0.006) }'; then
  echo "FAIL: the authorization verdict ($med) is not the median of the rounds' ratios ($r1, $r2)" >&2
  failed=1
fi
if ! grep -qE '^prepaid_auth\.2 +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9]+$' <<<"$out"; then
  echo "FAIL: the report's table has no prepaid_auth row with its steal column" >&2
  failed=1
fi

# SIP digest (--digest): each configuration checks the answers with FreeRADIUS's digest
# module, so a request the load generator answered wrongly would be rejected. One round.
digest_calls=100
if ! out="$("$here/run.sh" --calls "$digest_calls" --cards 20 --rounds 1 --seconds 30 --digest 2>&1)"; then
  printf '%s\n' "$out" >&2
  echo "FAIL: run.sh --digest failed" >&2
  exit 1
fi
printf '%s\n' "$out"
calls=$digest_calls
check floor_auth $((calls * 10)) accepts
check recipe_auth.1 "$calls" accepts
check prepaid_auth.1 "$calls" accepts
check prepaid_acct_stop.1 "$calls" acct
check_calls recipe_call.1 "$calls"
check_calls prepaid_call.1 "$calls"
if ! grep -q "^RADIUS benchmark: $calls calls to 20 accounts .*, DIGEST authentication$" <<<"$out"; then
  echo "FAIL: the --digest report does not say it used digest authentication" >&2
  failed=1
fi

# --booths: rlm_prepaid's accounts are callshop booths (a session open, the shop's upstream
# read with the card and debited by each Stop). One round.
booth_calls=100
if ! out="$("$here/run.sh" --calls "$booth_calls" --cards 20 --rounds 1 --seconds 30 --booths 2>&1)"; then
  printf '%s\n' "$out" >&2
  echo "FAIL: run.sh --booths failed" >&2
  exit 1
fi
printf '%s\n' "$out"
calls=$booth_calls
check recipe_auth.1 "$calls" accepts
check prepaid_auth.1 "$calls" accepts
check prepaid_acct_stop.1 "$calls" acct
check_calls prepaid_call.1 "$calls"
if ! grep -q "^RADIUS benchmark: $calls calls to 20 accounts .*, rlm_prepaid accounts as callshop booths$" <<<"$out"; then
  echo "FAIL: the --booths report does not say the accounts were booths" >&2
  failed=1
fi
if ! grep -qE "^round 1: prepaid auth / recipe auth [0-9]+\.[0-9][0-9]," <<<"$out"; then
  echo "FAIL: the --booths report has no ratios" >&2
  failed=1
fi

[ "$failed" -eq 0 ] && echo "PASS: the benchmark ran every configuration and answered every request"
exit "$failed"
