/**
 * Writes the JSON Schemas derived from the Effect Schemas (the single source of truth).
 * `pnpm schema` after changing a schema; a test fails while a committed file is stale.
 */
import { writeFileSync } from "node:fs"
import { CaseFile } from "../packages/core/src/index.js"

const write = (path: string, doc: unknown) => {
  writeFileSync(new URL(`../${path}`, import.meta.url), JSON.stringify(doc, null, 2) + "\n")
  process.stdout.write(`wrote ${path}\n`)
}

write("docs/schema/case-file.schema.json", CaseFile.jsonSchema())
