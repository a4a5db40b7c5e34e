#!/usr/bin/env bash
# Price a call against a stored tariff: quote.sh TARIFF NUMBER SECONDS [START]
# START: "now" (default) or "2026-11-23 17:58:00" in the tariff's zone.
. "$(dirname "$0")/common.sh"
api GET "/v1/tariffs/${1:?tariff}/quote" -G --data-urlencode "number=${2:?number}" \
  --data-urlencode "duration_s=${3:?seconds}" --data-urlencode "start=${4:-now}"
