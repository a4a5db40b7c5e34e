#!/usr/bin/env bash
# Show one card: show-card.sh NUMBER
. "$(dirname "$0")/common.sh"
api GET "/v1/cards/${1:?card number}"
