/**
 * The CLI user (`--user NAME`, or $LIUSHOU_USER) and their region scope, from the configuration.
 */
import type { Permission } from "../config/Config.js"
import type { LoadedConfig } from "../config/Config.js"
import * as Access from "../access.js"
import { UsageError } from "../cli.js"

/** The `--user` option. */
export const USER_OPTION = { user: { type: "string" } } as const

/** The acting principal; a usage error when users are configured and none (or an unknown one) is named. */
export const principalFrom = (values: Record<string, unknown>, loaded: LoadedConfig, permission: Permission): Access.Principal => {
  const name = typeof values.user === "string" ? values.user : process.env.LIUSHOU_USER
  const p = Access.principalForUser(loaded.config, name)
  if (!p.ok) throw new UsageError(p.error.message.en, p.error.message.zh)
  if (!Access.can(p.value, permission)) throw new UsageError(`user ${p.value.name} (role ${p.value.role}) may not ${permission}`, `用户 ${p.value.name}（角色 ${p.value.role}）没有 ${permission} 权限`)
  return p.value
}

/**
 * Who a write is recorded as: the `--user` (checked against the configuration and allowed the
 * permission), or, with no users configured, `--actor NAME` (kept for scripts) or "cli".
 */
export const actorFrom = (values: Record<string, unknown>, loaded: LoadedConfig, permission: Permission): string => {
  const users = loaded.config.users ?? []
  if (users.length === 0 && typeof values.actor === "string" && values.user === undefined) return values.actor
  if (users.length > 0 && typeof values.actor === "string") throw new UsageError("users are configured: name the user with --user (--actor is for hosts without users)", "已配置用户：请用 --user 指定用户（--actor 仅用于未配置用户的主机）")
  const p = principalFrom(values, loaded, permission)
  return users.length === 0 ? (typeof values.user === "string" ? values.user : "cli") : p.name
}

/**
 * The region a write is limited to: the `--user`'s region when users are configured (an
 * import, an assessment never reaches past it), otherwise none (the local operator).
 */
export const writeScope = (values: Record<string, unknown>, loaded: LoadedConfig, permission: Permission): { readonly region: string; readonly user: string } | undefined => {
  if ((loaded.config.users ?? []).length === 0) return undefined
  const p = principalFrom(values, loaded, permission)
  return p.region === null ? undefined : { region: p.region, user: p.name }
}

/** The region asked for, checked against the principal's scope (default: the whole scope). */
export const regionFrom = (p: Access.Principal, requested: string | undefined): string => {
  const r = Access.region(p, requested)
  if (!r.ok) throw new UsageError(`--region: ${r.error.message.en}`, `--region: ${r.error.message.zh}`)
  return r.value
}

/**
 * Checks the credential of the acting user for a step that reveals personal data (an unmasked
 * export): with users configured, the user's own bearer token must be in $LIUSHOU_TOKEN, as the
 * API requires it. The local operator of a host without users needs none.
 */
export const requireCredential = (p: Access.Principal, loaded: LoadedConfig): void => {
  if ((loaded.config.users ?? []).length === 0) return
  const token = process.env.LIUSHOU_TOKEN
  const byToken = Access.principalForToken(loaded.config, token)
  if (byToken === undefined || byToken.name !== p.name) {
    const unset = token === undefined || token === ""
    throw new UsageError(
      `user ${p.name}: an unmasked export needs the user's own token in LIUSHOU_TOKEN (${unset ? "not set" : "it is not this user's token"})`,
      `用户 ${p.name}：未遮蔽的导出需要在 LIUSHOU_TOKEN 中提供该用户本人的令牌（${unset ? "未设置" : "不是该用户的令牌"}）`
    )
  }
}
