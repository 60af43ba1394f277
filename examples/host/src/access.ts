/**
 * Access by region: every user or API token has a role and a region scope (province,
 * prefecture, county, township or village). Every read and write names a region or an elder,
 * and is checked against the scope. Region codes are digits of a level's length only, so
 * wildcard-like input ("43%", "43*", "") never widens a query.
 */
import { createHash, timingSafeEqual } from "node:crypto"
import { Decode, type Outcome, RegionCode } from "@liushou/core"
import { type Config, PERMISSIONS, type Permission, type Role } from "./config/Config.js"

/** Who acts. `region: null` is the local operator of a host without users (the whole ledger). */
export interface Principal {
  readonly name: string
  readonly role: Role
  readonly region: string | null
}

/** Why an access was refused: `bad-region` (malformed), `out-of-scope`, `forbidden` (role), `not-found`. */
export interface Refused {
  readonly _tag: "Refused"
  readonly status: 400 | 403 | 404
  readonly code: "bad-region" | "out-of-scope" | "forbidden" | "not-found"
  readonly message: { readonly zh: string; readonly en: string }
}

/** An access check: core's `Outcome`, the error a `Refused`. */
export type Checked<A> = Outcome.Outcome<A, Refused>

const refused = (status: Refused["status"], code: Refused["code"], message: Refused["message"]): Outcome.Failure<Refused> => ({ ok: false, error: { _tag: "Refused", status, code, message } })

/** The local operator when no users are configured: full scope, every permission. */
export const LOCAL_OPERATOR: Principal = { name: "local-operator", role: "officer", region: null }

const sha256 = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest()

/** The shortest token accepted, in clear text (`token`) or from the environment (`tokenEnv`). */
export const MIN_TOKEN_LENGTH = 16

/**
 * The users whose `tokenEnv` names a variable holding a token shorter than the minimum: such a
 * token is never accepted (`serve` refuses to start).
 */
export const weakTokenEnvs = (config: Config, env: Record<string, string | undefined> = process.env): ReadonlyArray<string> =>
  (config.users ?? []).filter((u) => u.token === undefined && u.tokenEnv !== undefined && env[u.tokenEnv] !== undefined && env[u.tokenEnv]!.length < MIN_TOKEN_LENGTH).map((u) => u.name)

const envToken = (name: string | undefined): string | undefined => {
  if (name === undefined) return undefined
  const v = process.env[name]
  return v !== undefined && v.length >= MIN_TOKEN_LENGTH ? v : undefined
}

/** The principal of a bearer token, compared in constant time against the configured tokens. */
export const principalForToken = (config: Config, token: string | undefined): Principal | undefined => {
  if (token === undefined || token === "") return undefined
  const given = sha256(token)
  let found: Principal | undefined
  for (const u of config.users ?? []) {
    const secret = u.token ?? envToken(u.tokenEnv)
    const expected = u.tokenSha256 !== undefined ? Buffer.from(u.tokenSha256, "hex") : secret !== undefined && secret !== "" ? sha256(secret) : undefined
    if (expected !== undefined && expected.length === given.length && timingSafeEqual(expected, given) && found === undefined) found = { name: u.name, role: u.role, region: u.region }
  }
  return found
}

/** The principal of a CLI user name (`--user`), or the local operator when no users are configured. */
export const principalForUser = (config: Config, name: string | undefined): Checked<Principal> => {
  const users = config.users ?? []
  if (users.length === 0) return { ok: true, value: LOCAL_OPERATOR }
  const u = users.find((x) => x.name === name)
  if (u === undefined) {
    return refused(403, "forbidden", { zh: `配置中定义了用户，请用 --user 指定一个已配置的用户${name === undefined ? "" : `（${name} 未配置）`}`, en: `users are configured: name one with --user${name === undefined ? "" : ` (${name} is not configured)`}` })
  }
  return { ok: true, value: { name: u.name, role: u.role, region: u.region } }
}

/** Whether a principal's role allows an action. */
export const can = (p: Principal, permission: Permission): boolean => PERMISSIONS[p.role].includes(permission)

/** Refuses when the role does not allow the action. */
export const requirePermission = (p: Principal, permission: Permission): Checked<true> =>
  can(p, permission)
    ? { ok: true, value: true }
    : refused(403, "forbidden", { zh: `角色 ${p.role} 无权执行 ${permission}`, en: `role ${p.role} may not ${permission}` })

/** Whether a principal may see a full region code (a village) or region prefix. */
export const inScope = (p: Principal, code: string): boolean => RegionCode.isValid(code) && RegionCode.contains(p.region, code)

/**
 * Checks a requested region (query parameter): absent means the principal's own scope; it
 * must be a well-formed code of a level (digits only) and inside the scope.
 */
export const region = (p: Principal, requested: string | undefined): Checked<string> => {
  if (requested === undefined) return { ok: true, value: p.region ?? "" }
  if (!RegionCode.isValid(requested)) {
    return refused(400, "bad-region", { zh: `区划代码应为2、4、6、9或12位数字，实际为 ${JSON.stringify(Decode.printable(requested))}`, en: `a region code must be 2, 4, 6, 9 or 12 digits, found ${JSON.stringify(Decode.printable(requested))}` })
  }
  if (!RegionCode.contains(p.region, requested)) {
    return refused(403, "out-of-scope", { zh: "请求的区划不在您的权限范围内", en: "the region asked for is outside your scope" })
  }
  return { ok: true, value: requested }
}

/** Checks that a record's region code is inside the scope; refuses as not found otherwise (existence is not disclosed). */
export const record = (p: Principal, code: string | undefined, what: { readonly zh: string; readonly en: string }): Checked<string> =>
  code !== undefined && inScope(p, code)
    ? { ok: true, value: code }
    : refused(404, "not-found", { zh: `在您的权限范围内找不到${what.zh}`, en: `no ${what.en} in your scope` })

/** What `record` names. */
export const ELDER = { zh: "该老人", en: "such elder" } as const
export const REFERRAL_CASE = { zh: "该转介个案", en: "such referral case" } as const
