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
lint() { "$redocly" lint --config "$src/tests/cli/redocly.yaml" --format=stylish "$@" 2>&1; }

echo "== redocly $("$redocly" --version 2>/dev/null) lint docs/openapi.json"
if ! lint "$src/docs/openapi.json"; then
  echo "FAIL: docs/openapi.json has problems (above)" >&2
  exit 1
fi

# Planted problems, one per copy of the document, linted in one run: each copy must be refused
# with its own message. The first is what the audit found (`nullable` beside `allOf` without a
# `type`; Redocly 1.x reports it under `struct`, 2.x under `nullable-type-sibling`, with the
# same message); the others break rules that tests/cli/redocly.yaml turns on beyond 1.x's
# recommended set.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
names=() messages=()
# plant NAME MESSAGE STATEMENT: $work/NAME.json, docs/openapi.json changed by a Python
# statement (`doc` is the document, `card` its Card schema), to be refused with MESSAGE.
plant() {
  python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
exec(sys.argv[3], {"doc": doc, "card": doc["components"]["schemas"]["Card"]})
json.dump(doc, open(sys.argv[2], "w"), indent=2)
' "$src/docs/openapi.json" "$work/$1.json" "$3"
  names+=("$1") messages+=("$2")
}
# shellcheck disable=SC2016  # literal backquotes and $ref
plant nullable_without_type 'The `type` field must be defined when the `nullable` field is used.' \
  'card["properties"]["expires_at"] = {
     "allOf": [{"$ref": "#/components/schemas/Timestamp"}], "nullable": True}'
plant schema_example no-invalid-schema-examples \
  'card["properties"]["expires_at"]["example"] = 12'
plant parameter_example no-invalid-parameter-examples \
  'doc["paths"]["/v1/cards"]["get"]["parameters"][1]["example"] = "x"'
plant required_undefined no-required-schema-properties-undefined \
  'card["required"].append("no_such_field")'

if out="$(cd "$work" && lint "${names[@]/%/.json}")"; then
  echo "$out"
  echo "FAIL: the linter passed the documents with planted errors" >&2
  exit 1
fi
for i in "${!names[@]}"; do
  file="${names[i]}.json"
  # The lines between "validating FILE..." and "FILE: validated in ...": FILE's problems.
  problems="$(awk -v f="$file" '$0 == "validating " f "..." { on = 1; next }
    on && index($0, f ": validated in") == 1 { exit } on' <<<"$out")"
  if ! grep -F -- "${messages[i]}" <<<"$problems" | grep -qw error; then
    echo "$out"
    echo "FAIL: the linter did not refuse $file with: ${messages[i]}" >&2
    exit 1
  fi
  echo "planted ${names[i]}: found"
done
echo "the planted errors were found; docs/openapi.json is clean"
