/**
 * The input versions the decoder recorded: each case file it returned, with the version of its
 * content at that moment, so that evaluating it does not hash it again. Kept on the object
 * under a symbol, not enumerable (a spread, `Object.assign`, JSON and structured clones leave
 * it behind), read with the case file itself: a lookup in a weak map of every case file missed
 * the processor's caches. The value is a box, so that decoding a frozen case file again still
 * records its version; an object that cannot take a property is kept in a weak map.
 */
const VERSION = Symbol("liushou.inputVersion")
const recorded = new WeakMap<object, string>()

/** records the version of a case file the decoder returns */
export const record = (caseFile: object, version: string): void => {
  const box = Object.hasOwn(caseFile, VERSION) ? (caseFile as { [VERSION]: { v: string } })[VERSION] : undefined
  if (box !== undefined) box.v = version
  else if (Object.isExtensible(caseFile)) Object.defineProperty(caseFile, VERSION, { value: { v: version } })
  else recorded.set(caseFile, version)
}

/** the version recorded for this object, if the decoder returned it */
export const recordedVersion = (caseFile: object): string | undefined => (caseFile as { [VERSION]?: { v: string } })[VERSION]?.v ?? recorded.get(caseFile)
