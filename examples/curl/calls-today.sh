#!/usr/bin/env bash
# Today's calls (in ZONE, default UTC): calls-today.sh [ZONE]; calls-today.sh Europe/Sofia
. "$(dirname "$0")/common.sh"
api GET /v1/calls -G --data-urlencode "zone=${1:-UTC}"
