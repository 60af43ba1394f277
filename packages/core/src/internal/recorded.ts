/**
 * The input versions the decoder recorded: each case file it returned, with the version of its
 * content at that moment, so that evaluating it does not hash it again. Kept on the object
 * under a symbol, not enumerable (a spread, `Object.assign`, JSON and structured clones leave
 * it behind), read with the case file itself: a lookup in a weak map of every case file missed
 * the processor's caches. The value is a box holding the version in a private field, so that
 * decoding again a case file frozen deeply (its symbol keys too) still records its version; the
 * box names its case file, so that an object inheriting from a decoded one (`Object.create`) is
 * not taken for it. An object that cannot take a property is kept in a weak map.
 */
const VERSION = Symbol("liushou.inputVersion")
const recorded = new WeakMap<object, string>()

class Box {
  #v: string
  constructor(
    readonly of: object,
    v: string
  ) {
    this.#v = v
  }
  get v(): string {
    return this.#v
  }
  set(v: string): void {
    this.#v = v
  }
}

/** records the version of a case file the decoder returns */
export const record = (caseFile: object, version: string): void => {
  const box = (caseFile as { [VERSION]?: Box })[VERSION]
  if (box !== undefined && box.of === caseFile) box.set(version)
  else if (Object.isExtensible(caseFile) && !Object.hasOwn(caseFile, VERSION)) Object.defineProperty(caseFile, VERSION, { value: new Box(caseFile, version) })
  else recorded.set(caseFile, version)
}

/** the version recorded for this object, if the decoder returned it */
export const recordedVersion = (caseFile: object): string | undefined => {
  const box = (caseFile as { [VERSION]?: Box })[VERSION]
  return box !== undefined && box.of === caseFile ? box.v : recorded.get(caseFile)
}
