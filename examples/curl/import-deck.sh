#!/usr/bin/env bash
# Replace a price list with a CSV rate deck: import-deck.sh TARIFF LIST FILE.csv
# Validated fully first: any bad line refuses the whole deck (the error lists every one).
. "$(dirname "$0")/common.sh"
api PUT "/v1/tariffs/${1:?tariff}/lists/${2:?list}" -H 'Content-Type: text/csv' \
  --data-binary "@${3:?csv file}"
