#!/usr/bin/env bash
# The OpenAPI check: writes the host's OpenAPI document and real responses of every JSON operation
# (examples/host/scripts/openapi-capture.ts), lints the document with Redocly CLI
# (recommended-strict: every warning is an error, so 0 errors and 0 warnings), generates a client's
# types with openapi-typescript, and typechecks the real responses against them (object literals:
# a field the document does not describe is an error too).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
REDOCLY="@redocly/cli@2.77.0"
OPENAPI_TS="openapi-typescript@7.13.0"
work="$(mktemp -d "${TMPDIR:-/tmp}/liushou-openapi-XXXXXX")"
trap 'rm -rf "$work"' EXIT

cd "$repo"
node --import tsx --conditions=@liushou/source examples/host/scripts/openapi-capture.ts "$work"
cp "$repo/test/openapi/redocly.yaml" "$work/redocly.yaml"
(cd "$work" && npx --yes "$REDOCLY" lint --config redocly.yaml openapi.json 2>&1 | grep -v -E '^\s*(║|╔|╚)' | sed '/^\s*$/d')
(cd "$work" && npx --yes "$OPENAPI_TS" openapi.json -o api.d.ts >/dev/null 2>&1)
node "$repo/test/openapi/client-check.mjs" "$work"
cat >"$work/tsconfig.json" <<'JSON'
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "esnext", "moduleResolution": "bundler", "target": "es2022", "skipLibCheck": false, "exactOptionalPropertyTypes": true }, "files": ["client-check.ts"] }
JSON
node "$repo/node_modules/typescript/bin/tsc" -p "$work/tsconfig.json"
echo "openapi: lint clean; $(grep -c '^export const' "$work/client-check.ts") real responses typecheck against the generated client"
