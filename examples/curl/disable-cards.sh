#!/usr/bin/env bash
# Disable cards (all or nothing): disable-cards.sh NUMBER [NUMBER...]
. "$(dirname "$0")/common.sh"
[ $# -ge 1 ] || { echo "usage: $0 NUMBER [NUMBER...]" >&2; exit 2; }
numbers=$(printf '"%s",' "$@")
api POST /v1/cards/disable -H 'Content-Type: application/json' -d "{\"numbers\": [${numbers%,}]}"
