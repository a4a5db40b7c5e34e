#!/usr/bin/env bash
# Recharge a card: recharge.sh NUMBER AMOUNT CURRENCY [REASON]   e.g. recharge.sh 100012345678 10.00 EUR
# Money is a decimal string, never a JSON number.
. "$(dirname "$0")/common.sh"
body=$(printf '{"amount": "%s", "currency": "%s", "reason": "%s"}' \
  "${2:?amount}" "${3:?currency}" "${4:-recharge}")
api POST "/v1/cards/${1:?card number}/recharge" -H 'Content-Type: application/json' -d "$body"
