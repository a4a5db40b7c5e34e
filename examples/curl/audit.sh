#!/usr/bin/env bash
# The audit log, optionally of one operator: audit.sh [OPERATOR]
. "$(dirname "$0")/common.sh"
if [ $# -ge 1 ]; then
  api GET /v1/audit -G --data-urlencode "actor=$1"
else
  api GET /v1/audit
fi
