// A Stryker ignorer for sampled runs (`pnpm mutate --sample N`): scripts/mutate.mjs picks the
// mutated nodes at random, passes their exact ranges as `mutate` (which drops the mutants of
// enclosing nodes) and the list in MUTATE_SAMPLE; this ignorer drops the mutants of nodes inside
// a sampled range that are not sampled themselves. What is left is every mutant of the sampled
// nodes and nothing else. (A plain object: Stryker's PluginKind.Ignore is the string "Ignore".)
import { readFileSync } from "node:fs"
import { relative } from "node:path"

const ROOT = new URL("..", import.meta.url).pathname
const read = process.env.MUTATE_SAMPLE === undefined ? { locations: {} } : JSON.parse(readFileSync(process.env.MUTATE_SAMPLE, "utf8"))
// the sampled nodes and those asked for with --also
const sample = { ...read.locations }
for (const [file, ls] of Object.entries(read.also ?? {})) sample[file] = [...(sample[file] ?? []), ...ls]

// sample locations are Stryker's (0-based lines); Babel's are 1-based
const within = (outer, l) =>
  (outer.start.line < l[0] + 1 || (outer.start.line === l[0] + 1 && outer.start.column <= l[1])) &&
  (outer.end.line > l[2] + 1 || (outer.end.line === l[2] + 1 && outer.end.column >= l[3]))

export const strykerPlugins = [
  {
    kind: "Ignore",
    name: "sample",
    value: {
      shouldIgnore(path) {
        const file = path.hub?.file?.opts?.filename
        const loc = path.node.loc
        if (file === undefined || loc == null) return undefined
        const rel = relative(ROOT, file).replace(/^tmp\/stryker\/[^/]+\//, "")
        const picked = sample[rel] ?? []
        return picked.some((l) => within(loc, l)) ? undefined : "not in the sample (pnpm mutate --sample)"
      }
    }
  }
]
