/**
 * Reading case files from files: a JSON array or JSON Lines.
 */
import { readFile } from "node:fs/promises"
import { Decode } from "@liushou/core"

export const readCaseFiles = async (path: string): Promise<ReturnType<typeof Decode.parseText>> =>
  Decode.parseText(await readFile(path, "utf8"))
