/**
 * What most commands need: the configuration, the plugin registry it names, and (for commands
 * that touch the ledger) the database URL.
 */
import { resolve } from "node:path"
import { UsageError } from "./cli.js"
import { ConfigError, type LoadedConfig, loadConfig } from "./config/Config.js"
import { type HostRegistry, loadRegistry } from "./config/Plugins.js"

/** The `--config FILE` option every command that loads plugins accepts. */
export const CONFIG_OPTION = { config: { type: "string" } } as const

/** Loads the configuration named by `--config` (or found in the working directory). */
export const configFrom = async (values: Record<string, unknown>, cwd: string): Promise<LoadedConfig> => {
  try {
    return await loadConfig(typeof values.config === "string" ? values.config : undefined, cwd)
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message)
    throw e
  }
}

/** Loads the configuration and its plugin registry. */
export const registryFrom = async (values: Record<string, unknown>, cwd: string): Promise<HostRegistry & { readonly loaded: LoadedConfig }> => {
  const loaded = await configFrom(values, cwd)
  return { ...(await loadRegistry(loaded)), loaded }
}

/**
 * The database for ledger commands: `--db`, else the configuration's `database` (relative
 * paths from the configuration's directory), else `$LIUSHOU_DB`, else the default of db.ts.
 */
export const dbUrl = (values: Record<string, unknown>, loaded: LoadedConfig | undefined): string | undefined => {
  if (typeof values.db === "string") return values.db
  const fromConfig = loaded?.config.database
  if (fromConfig !== undefined) return resolveDbUrl(fromConfig, loaded!.dir)
  return process.env.LIUSHOU_DB
}

/** Resolves a sqlite path or sqlite: URL against a directory (postgres URLs are returned as they are). */
export const resolveDbUrl = (url: string, dir: string): string => {
  if (/^postgres(ql)?:\/\//.test(url) || url === "sqlite::memory:") return url
  const path = url.startsWith("sqlite:") ? url.slice(7) : url
  return `sqlite:${resolve(dir, path)}`
}
