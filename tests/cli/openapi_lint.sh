#!/usr/bin/env bash
# Lints docs/openapi.json with Redocly CLI, a standard OpenAPI linter (pinned, installed from
# the npm registry by scripts/lib/deps.sh with `install_deps --tests`, as scripts/test does).
# Fails when the linter is missing, when it finds any problem, and when it does not find the
# problem planted in a copy of the document (a linter that passes everything proves nothing).
# Usage: openapi_lint.sh REDOCLY_BINARY SOURCE_DIR
set -euo pipefail
redocly="$1"
src="$2"
if [ ! -x "$redocly" ]; then
  echo "FAIL: Redocly CLI is not installed at $redocly" >&2
  echo "      (scripts/test installs it; or: . scripts/lib/common.sh; . scripts/lib/deps.sh; install_redocly)" >&2
  exit 1
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
lint() { "$redocly" lint --config "$src/tests/cli/redocly.yaml" --format=stylish "$1" 2>&1; }

echo "== redocly $("$redocly" --version 2>/dev/null) lint docs/openapi.json"
if ! lint "$src/docs/openapi.json"; then
  echo "FAIL: docs/openapi.json has problems (above)" >&2
  exit 1
fi

# The planted problem: `nullable` beside `allOf` without a `type` (what the audit found).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$src/docs/openapi.json" "$work/planted.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["components"]["schemas"]["Card"]["properties"]["expires_at"] = {
    "allOf": [{"$ref": "#/components/schemas/Timestamp"}], "nullable": True}
json.dump(doc, open(sys.argv[2], "w"), indent=2)
PY
if out="$(lint "$work/planted.json")"; then
  echo "$out"
  echo "FAIL: the linter passed a document with a planted error" >&2
  exit 1
fi
if ! grep -q "nullable-type-sibling" <<<"$out"; then
  echo "$out"
  echo "FAIL: the linter refused the planted document for another reason" >&2
  exit 1
fi
echo "the planted error was found; docs/openapi.json is clean"
