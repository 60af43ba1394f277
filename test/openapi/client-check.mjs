// Writes client-check.ts: every captured response assigned, as an object literal, to the type the
// openapi-typescript client gives that operation and status.
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const dir = process.argv[2]
const responses = JSON.parse(readFileSync(join(dir, "responses.json"), "utf8"))
const lines = ['import type { paths } from "./api.js"', ""]
responses.forEach((r, i) => {
  const type = `paths[${JSON.stringify(r.path)}][${JSON.stringify(r.method)}]["responses"][${r.status}]["content"]["application/json"]`
  lines.push(`// ${r.method.toUpperCase()} ${r.path} ${r.status}`)
  lines.push(`export const response${i}: ${type} = ${JSON.stringify(r.body, null, 2)}`)
  lines.push("")
})
// the fields a client reads are typed (not `{}`)
lines.push('export const firstElderId: string | undefined = response1.items?.[0]?.elderId')
writeFileSync(join(dir, "client-check.ts"), lines.join("\n") + "\n")
