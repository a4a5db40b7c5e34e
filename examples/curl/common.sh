# Sourced by the example scripts: where the API is and how to log in.
#   PREPAID_API    base URL (default http://127.0.0.1:8080)
#   PREPAID_TOKEN  an API token (prepaidctl tokens create NAME); required
# curl options: -sS quiet but show errors, --fail-with-body exits non-zero on HTTP errors and
# still prints the JSON error ({"error": {"code", "message", "field"}}).
set -euo pipefail
PREPAID_API="${PREPAID_API:-http://127.0.0.1:8080}"
: "${PREPAID_TOKEN:?set PREPAID_TOKEN to an API token (prepaidctl tokens create NAME)}"
api() {  # api METHOD PATH [curl options...]
  local method="$1" path="$2"
  shift 2
  curl -sS --fail-with-body -X "$method" -H "Authorization: Bearer $PREPAID_TOKEN" "$@" \
    "$PREPAID_API$path"
  echo
}
