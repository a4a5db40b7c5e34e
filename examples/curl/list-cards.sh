#!/usr/bin/env bash
# List cards, optionally by status: list-cards.sh [new|active|disabled|expired|dropped]
. "$(dirname "$0")/common.sh"
if [ $# -ge 1 ]; then
  api GET "/v1/cards?status=$1&limit=100"
else
  api GET "/v1/cards?limit=100"
fi
