#!/usr/bin/env bash
# Calls between two dates as CSV: export-calls.sh FROM TO [ZONE] > calls.csv
# e.g. export-calls.sh 2026-03-01 2026-04-01 Europe/Sofia
. "$(dirname "$0")/common.sh"
api GET /v1/calls/export -G --data-urlencode "from=${1:?from}" --data-urlencode "to=${2:?to}" \
  --data-urlencode "zone=${3:-UTC}"
