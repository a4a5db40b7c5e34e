#!/usr/bin/env bash
# Write a price list as CSV to stdout: export-deck.sh TARIFF LIST > deck.csv
. "$(dirname "$0")/common.sh"
api GET "/v1/tariffs/${1:?tariff}/lists/${2:?list}"
