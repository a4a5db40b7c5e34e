#!/usr/bin/env bash
# Create a batch of cards: create-cards.sh COUNT AMOUNT CURRENCY TARIFF
# The reply holds every number and PIN, once: keep it.
. "$(dirname "$0")/common.sh"
body=$(printf '{"count": %d, "amount": "%s", "currency": "%s", "tariff": "%s"}' \
  "${1:?count}" "${2:?amount}" "${3:?currency}" "${4:?tariff}")
api POST /v1/cards -H 'Content-Type: application/json' -d "$body"
