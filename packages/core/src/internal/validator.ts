/**
 * A plain validator compiled from an Effect Schema AST: the fast path of decoding.
 *
 * For schemas without transformations, decoding valid input returns the same content, so a
 * predicate that accepts exactly what decoding accepts lets the common case (valid input)
 * skip the decoder's work; invalid input still goes through the decoder, which reports every
 * issue with its path. The predicate is derived from the Schema (its nodes and its checks),
 * so the Schema stays the single source of truth. `compile` returns `undefined` for any node
 * it does not understand, and then there is no fast path at all.
 *
 * Excess properties are refused, as decoding with `onExcessProperty: "error"` does. Symbol keys
 * are not looked at: input parsed from JSON has none.
 */
import { SchemaAST } from "effect"

type Predicate = (u: unknown) => boolean

const OPTIONS = {} as SchemaAST.ParseOptions

const checksOf = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.Filter<unknown>> | undefined => {
  const out: Array<SchemaAST.Filter<unknown>> = []
  const walk = (c: SchemaAST.Check<unknown>): boolean => {
    if (c._tag === "Filter") {
      out.push(c)
      return true
    }
    if (c._tag === "FilterGroup") return c.checks.every(walk)
    return false
  }
  for (const c of ast.checks ?? []) if (!walk(c)) return undefined
  return out
}

const base = (ast: SchemaAST.AST): Predicate | undefined => {
  if (ast.encoding !== undefined) return undefined
  switch (ast._tag) {
    case "String":
      return (u) => typeof u === "string"
    case "Number":
      return (u) => typeof u === "number"
    case "Boolean":
      return (u) => typeof u === "boolean"
    case "Null":
      return (u) => u === null
    case "Literal": {
      const lit = ast.literal
      return (u) => u === lit
    }
    case "Union": {
      if (ast.types.every((t) => t._tag === "Literal" && t.checks === undefined && t.encoding === undefined)) {
        const set = new Set<unknown>(ast.types.map((t) => (t as SchemaAST.Literal).literal))
        return (u) => set.has(u)
      }
      const members = ast.types.map(compileClosures)
      if (members.some((m) => m === undefined)) return undefined
      const ms = members as Array<Predicate>
      return (u) => {
        for (let i = 0; i < ms.length; i++) if (ms[i]!(u)) return true
        return false
      }
    }
    case "Arrays": {
      if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
      const item = compileClosures(ast.rest[0]!)
      if (item === undefined) return undefined
      return (u) => {
        if (!Array.isArray(u)) return false
        for (let i = 0; i < u.length; i++) if (!item(u[i])) return false
        return true
      }
    }
    case "Objects": {
      if (ast.indexSignatures.length !== 0) {
        // a record: string keys and values, each checked
        if (ast.indexSignatures.length !== 1 || ast.propertySignatures.length !== 0) return undefined
        const key = compileClosures(ast.indexSignatures[0]!.parameter)
        const value = compileClosures(ast.indexSignatures[0]!.type)
        if (key === undefined || value === undefined) return undefined
        return (u) => {
          if (u === null || typeof u !== "object" || Array.isArray(u)) return false
          const o = u as Record<string, unknown>
          for (const k of Object.keys(o)) if (!key(k) || !value(o[k])) return false
          return true
        }
      }
      const props: Array<{ key: string; optional: boolean; check: Predicate }> = []
      for (const ps of ast.propertySignatures) {
        if (typeof ps.name !== "string") return undefined
        const check = compileClosures(ps.type)
        if (check === undefined) return undefined
        props.push({ key: ps.name, optional: ps.type.context?.isOptional === true, check })
      }
      const has = Object.prototype.hasOwnProperty
      return (u) => {
        if (u === null || typeof u !== "object" || Array.isArray(u)) return false
        const o = u as Record<string, unknown>
        let present = 0
        for (let i = 0; i < props.length; i++) {
          const p = props[i]!
          const v = o[p.key]
          if (v === undefined) {
            if (p.optional && !has.call(o, p.key)) continue
            return false
          }
          // no schema key is a property of Object.prototype, so a defined value is an own one
          if (!p.check(v)) return false
          present++
        }
        // excess properties: every own string key must be one of those counted
        return Object.keys(o).length === present
      }
    }
    default:
      return undefined
  }
}

/**
 * Compiles an AST to a predicate accepting exactly what decoding accepts, or `undefined`:
 * generated code when the platform allows it (static property reads keep V8's inline caches
 * monomorphic), closures otherwise.
 */
export const compile = (ast: SchemaAST.AST): Predicate | undefined => {
  try {
    const generated = generate(ast)
    if (generated !== undefined) return generated
  } catch {
    // code generation refused (a content security policy): use closures
  }
  return compileClosures(ast)
}

// ---- generated code ------------------------------------------------------------------

/**
 * Writes one JavaScript function per AST node; checks (filters) and literal sets are passed
 * in as constants. Returns `undefined` for any node the closures compiler would refuse too.
 */
const generate = (root: SchemaAST.AST): Predicate | undefined => {
  const consts: Array<unknown> = []
  const fns: Array<string> = []
  const memo = new Map<SchemaAST.AST, string>()
  const constant = (v: unknown): string => {
    consts.push(v)
    return `k[${consts.length - 1}]`
  }
  const fn = (ast: SchemaAST.AST): string | undefined => {
    const seen = memo.get(ast)
    if (seen !== undefined) return seen
    if (ast.encoding !== undefined) return undefined
    const checks = checksOf(ast)
    if (checks === undefined) return undefined
    const name = `v${fns.length}`
    fns.push("")
    memo.set(ast, name)
    let body: string
    switch (ast._tag) {
      case "String":
        body = `if (typeof u !== "string") return false;`
        break
      case "Number":
        body = `if (typeof u !== "number") return false;`
        break
      case "Boolean":
        body = `if (typeof u !== "boolean") return false;`
        break
      case "Null":
        body = `if (u !== null) return false;`
        break
      case "Literal":
        body = `if (u !== ${constant(ast.literal)}) return false;`
        break
      case "Union": {
        if (ast.types.every((t) => t._tag === "Literal" && t.checks === undefined && t.encoding === undefined)) {
          body = `if (!${constant(new Set(ast.types.map((t) => (t as SchemaAST.Literal).literal)))}.has(u)) return false;`
          break
        }
        const members = ast.types.map(fn)
        if (members.some((m) => m === undefined)) return undefined
        body = `if (!(${members.map((m) => `${m}(u)`).join(" || ")})) return false;`
        break
      }
      case "Arrays": {
        if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
        const item = fn(ast.rest[0]!)
        if (item === undefined) return undefined
        body = `if (!Array.isArray(u)) return false; for (let i = 0; i < u.length; i++) if (!${item}(u[i])) return false;`
        break
      }
      case "Objects": {
        if (ast.indexSignatures.length !== 0) {
          // a record: string keys and values, each checked
          if (ast.indexSignatures.length !== 1 || ast.propertySignatures.length !== 0) return undefined
          const key = fn(ast.indexSignatures[0]!.parameter)
          const value = fn(ast.indexSignatures[0]!.type)
          if (key === undefined || value === undefined) return undefined
          body = `if (u === null || typeof u !== "object" || Array.isArray(u)) return false; for (const k of Object.keys(u)) if (!${key}(k) || !${value}(u[k])) return false;`
          break
        }
        const parts: Array<string> = [`if (u === null || typeof u !== "object" || Array.isArray(u)) return false; let n = 0; let x;`]
        for (const ps of ast.propertySignatures) {
          if (typeof ps.name !== "string") return undefined
          const check = fn(ps.type)
          if (check === undefined) return undefined
          const key = JSON.stringify(ps.name)
          const optional = ps.type.context?.isOptional === true
          // no schema key is a property of Object.prototype, so a defined value is an own one
          parts.push(
            `x = u[${key}]; if (x === undefined) { ${optional ? `if (has.call(u, ${key})) return false;` : "return false;"} } else { if (!${check}(x)) return false; n++; }`
          )
        }
        // excess properties: every own string key must be one of those counted
        parts.push(`if (Object.keys(u).length !== n) return false;`)
        body = parts.join("\n")
        break
      }
      default:
        return undefined
    }
    const runs = checks.map((c) => `if (${constant(c)}.run(u, ${constant(ast)}, o) !== undefined) return false;`).join(" ")
    fns[+name.slice(1)] = `function ${name}(u) { ${body} ${runs} return true; }`
    return name
  }
  const top = fn(root)
  if (top === undefined) return undefined
  const factory = new Function("k", "has", "o", `"use strict";\n${fns.join("\n")}\nreturn ${top};`) as (
    k: ReadonlyArray<unknown>,
    has: (this: object, key: PropertyKey) => boolean,
    o: SchemaAST.ParseOptions
  ) => Predicate
  return factory(consts, Object.prototype.hasOwnProperty, OPTIONS)
}

// ---- closures --------------------------------------------------------------------------

export const compileClosures = (ast: SchemaAST.AST): Predicate | undefined => {
  const b = base(ast)
  if (b === undefined) return undefined
  const checks = checksOf(ast)
  if (checks === undefined) return undefined
  if (checks.length === 0) return b
  return (u) => {
    if (!b(u)) return false
    for (let i = 0; i < checks.length; i++) if (checks[i]!.run(u, ast, OPTIONS) !== undefined) return false
    return true
  }
}
