#!/usr/bin/env bash
# Calls in progress: online.sh
. "$(dirname "$0")/common.sh"
api GET /v1/online
