#!/usr/bin/env bash
# Today's calls, by the tariff's day (the zone of the tariffs; a ZONE when they have several):
# calls-today.sh [ZONE]; calls-today.sh Europe/Sofia
. "$(dirname "$0")/common.sh"
if [ -n "${1:-}" ]; then
  api GET /v1/calls -G --data-urlencode "zone=$1"
else
  api GET /v1/calls
fi
